package dev.stockroom.source.rest;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.source.DayRange;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.ReadRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream's {@code incremental:} settings. Either a day window sent as start/end parameters (the
 * pipeline reads one chunk of days per call), or a cursor field in the records: the saved cursor
 * is sent as a parameter and the largest value seen becomes the next one.
 *
 * @param format       how dates and cursors are written; null sends a saved cursor as it is and
 *                     days as {@code yyyy-MM-dd}
 * @param endInclusive whether {@code end_param} names the last day of the window (true) or the
 *                     first day after it
 */
record RestIncremental(String startParam, String endParam, ParamFormat format, boolean endInclusive,
                       String cursorField, String cursorParam, String dayField) {

    private static final ParamFormat DAYS = ParamFormat.parse("yyyy-MM-dd");

    static RestIncremental read(ConfigNode node) {
        String startParam = node.optString("start_param").orElse(null);
        String endParam = node.optString("end_param").orElse(null);
        ParamFormat format = node.optString("format").map(text -> {
            try {
                return ParamFormat.parse(text);
            } catch (IllegalArgumentException e) {
                throw node.error("format", e.getMessage());
            }
        }).orElse(null);
        boolean endInclusive = node.bool("end_inclusive", true);
        String cursorField = node.optString("cursor_field").orElse(null);
        String cursorParam = node.optString("cursor_param").orElse(null);
        String dayField = node.optString("day_field").orElse(null);
        node.finish();
        if (cursorField == null) {
            if (cursorParam != null) {
                throw node.error("cursor_param", "cursor_param sends the largest cursor_field value seen; "
                        + "add cursor_field (the field in the records), or use start_param for day windows");
            }
            if (startParam == null && endParam == null) {
                throw node.error("", "incremental needs start_param/end_param (a window of days) or cursor_field "
                        + "(a cursor in the records, e.g. updated_at)");
            }
        } else if (cursorParam == null && startParam == null) {
            throw node.error("cursor_field", "cursor_field needs cursor_param (or start_param): the query "
                    + "parameter that sends the saved cursor, e.g. updated_since");
        }
        return new RestIncremental(startParam, endParam, format, endInclusive, cursorField,
                cursorParam != null ? cursorParam : startParam, dayField);
    }

    Incremental kind() {
        return cursorField != null ? Incremental.CURSOR : Incremental.DAY_WINDOW;
    }

    /** The query parameters that restrict a read to the request's window or cursor. */
    Map<String, String> params(ReadRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        ParamFormat days = format != null ? format : DAYS;
        DayRange window = request.window();
        if (kind() == Incremental.CURSOR && request.cursor() != null) {
            params.put(cursorParam, format != null ? format.cursor(request.cursor(), request.timezone())
                    : request.cursor());
        } else if (window != null && startParam != null) {
            params.put(startParam, days.start(window.first(), request.timezone()));
        }
        if (window != null && endParam != null) {
            params.put(endParam, days.end(window.last(), request.timezone(), endInclusive));
        }
        return params;
    }
}
