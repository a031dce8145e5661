package dev.stockroom.dashboard;

import java.util.Map;

/**
 * One tile of a dashboard.
 *
 * @param sql       the query, placeholders unfilled (from {@code sql:} or the {@code model:} file)
 * @param aggregate for a KPI over a series: sum (default), avg or last
 * @param labels    column name → header or series name ({@code labels:}); others are humanised
 * @param link      where a click on a row or point goes; null for none
 * @param alert     when the tile's value should notify the owner; null for never
 * @param note      a line under the title saying what the number means ({@code note:}); null for none
 * @param hidden    columns a table does not show ({@code hide:}), e.g. one only a link reads
 */
public record Tile(String title, TileType type, String sql, String aggregate, Map<String, String> labels,
                   Link link, Alert alert, String note, java.util.Set<String> hidden) {

    public Tile {
        labels = Map.copyOf(labels);
        hidden = java.util.Set.copyOf(hidden);
    }

    /**
     * A drill-down: a click opens dashboard {@code dashboard} with each filter set from a column of
     * the clicked row, and the page's date range kept.
     *
     * @param column  the column whose cells become links in a table
     * @param filters target filter name → column of this tile's result
     */
    public record Link(String dashboard, String column, Map<String, String> filters) {

        public Link {
            filters = Map.copyOf(filters);
        }
    }

    /**
     * Notify when the tile's number (a KPI's value, else the last complete row's first number)
     * falls below {@code below} or drops by at least {@code dropPct} percent against the previous
     * period. Either may be null.
     */
    public record Alert(Double below, Double dropPct) {
    }
}
