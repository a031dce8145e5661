package dev.stockroom.source;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the pipeline asks a source to read.
 *
 * @param window   for day-window streams the chunk's days; for cursor streams the optional
 *                 {@code --since}/{@code --until} bounds (null when not given)
 * @param cursor   the saved cursor of a cursor stream, null on its first run or with {@code --full}
 * @param timezone the source's reporting timezone: days are days there
 */
public record ReadRequest(DayRange window, String cursor, ZoneId timezone) {

    public LocalDate firstDay() {
        return window.first();
    }

    public LocalDate lastDay() {
        return window.last();
    }
}
