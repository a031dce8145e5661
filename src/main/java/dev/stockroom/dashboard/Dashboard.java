package dev.stockroom.dashboard;

import java.util.List;

/**
 * One {@code dashboards/NAME.yml}.
 *
 * @param slug the file name without {@code .yml}: its address is {@code /d/<slug>}
 */
public record Dashboard(String slug, String title, List<Tile> tiles) {

    public Dashboard {
        tiles = List.copyOf(tiles);
    }
}
