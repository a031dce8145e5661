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
 * @param keysOnly a reconciliation that needs only the primary keys of every record (see
 *                 {@link StreamSpec#keysReconcile()}); the source may send whole records anyway
 */
public record ReadRequest(DayRange window, String cursor, ZoneId timezone, boolean keysOnly) {

    public ReadRequest(DayRange window, String cursor, ZoneId timezone) {
        this(window, cursor, timezone, false);
    }

    public LocalDate firstDay() {
        return window.first();
    }

    public LocalDate lastDay() {
        return window.last();
    }
}
