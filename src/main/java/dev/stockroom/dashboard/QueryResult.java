package dev.stockroom.dashboard;

import java.util.List;

/**
 * Rows of a dashboard query. Values are numbers, booleans, text (dates and timestamps as ISO
 * text) or null.
 *
 * @param truncated whether a cap (rows or bytes) cut the result short
 * @param cutMessage what cut it and which setting to change, or null when whole
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated, String cutMessage) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (truncated && cutMessage == null) {
            cutMessage = "cut at the row limit";
        }
    }

    public QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
        this(columns, rows, truncated, null);
    }

    public boolean isNumeric(int column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> v != null).findFirst()
                .map(v -> v instanceof Number).orElse(false);
    }
}
