package dev.stockroom.dashboard;

import java.util.Map;

/**
 * A tile ready to show: its rows, the previous period's when asked, freshness and, for charts
 * and KPIs, the data the browser draws.
 *
 * @param chart     what app.js draws (x, series, previous, incompleteFrom); null for tables and errors
 * @param kpi       the big number; null unless a KPI
 * @param error     why the tile has no data; null when it has
 */
record TileView(int index, Tile tile, QueryResult result, Freshness.TileHealth health, Map<String, Object> chart,
                Kpi kpi, String error) {

    /**
     * @param value    the aggregate over the complete part of the range
     * @param previous the same over the previous period; null when unknown
     * @param partial  whether days at the end were left out for being incomplete
     */
    record Kpi(Double value, Double previous, boolean partial) {

        Double change() {
            if (value == null || previous == null || previous == 0) {
                return null;
            }
            return (value - previous) / Math.abs(previous);
        }
    }
}
