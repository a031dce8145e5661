package dev.stockroom.dashboard;

import java.util.List;

/**
 * Rows of a dashboard query. Values are numbers, booleans, text (dates and timestamps as ISO
 * text) or null.
 *
 * @param truncated whether the row cap cut the result short
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public boolean isNumeric(int column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> v != null).findFirst()
                .map(v -> v instanceof Number).orElse(false);
    }
}
