package dev.stockroom.dashboard;

import java.util.List;

/**
 * One {@code dashboards/NAME.yml}.
 *
 * @param slug    the file name without {@code .yml}: its address is {@code /d/<slug>}
 * @param filters dropdowns beside the date range, read as {@code {{name}}} in tile queries
 * @param digest  the weekly digest this dashboard sends; null for none
 */
public record Dashboard(String slug, String title, List<Tile> tiles, List<Filter> filters, Digest digest) {

    public Dashboard {
        tiles = List.copyOf(tiles);
        filters = List.copyOf(filters);
    }

    /**
     * A dropdown: its choices are the first column of {@code sql}; the chosen value reaches tile
     * queries as a bound parameter wherever they say {@code {{name}}}, never as SQL text. With no
     * choice made, {@code {{name}}} is NULL, so a query reads {@code ({{plan}} IS NULL OR plan = {{plan}})}.
     */
    public record Filter(String name, String label, String sql) {
    }

    /**
     * A text summary of some tiles sent through the notifiers.
     *
     * @param cron  when, in the project's timezone (e.g. {@code 0 8 * * MON})
     * @param tiles the titles of the tiles it reports; empty for every KPI
     */
    public record Digest(String cron, List<String> tiles) {

        public Digest {
            tiles = List.copyOf(tiles);
        }
    }
}
