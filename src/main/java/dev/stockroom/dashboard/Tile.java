package dev.stockroom.dashboard;

/**
 * One tile of a dashboard.
 *
 * @param sql       the query, placeholders unfilled (from {@code sql:} or the {@code model:} file)
 * @param aggregate for a KPI over a series: sum (default), avg or last
 */
public record Tile(String title, TileType type, String sql, String aggregate) {
}
