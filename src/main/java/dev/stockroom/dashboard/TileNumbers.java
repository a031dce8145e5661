package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A tile's headline number outside a browser, for alerts and the digest: the tile is run as the
 * page would run it for a range, and its number is a KPI's value (against the previous period),
 * else the last complete row's first number (against the complete row before it).
 */
final class TileNumbers {

    /** A tile's number now and the one it is compared with; either may be null. */
    record Headline(String tile, Double value, Double previous, boolean percent, boolean kpi, String error) {

        /** The number and what it is compared with, in words. */
        String described() {
            return kpi ? shown(value) + " over the last 7 days (the 7 before: " + shown(previous) + ")"
                    : shown(value) + " in the latest complete row (the one before: " + shown(previous) + ")";
        }

        /** The fall against the previous value, in percent (positive when it fell); null when unknown. */
        Double dropPct() {
            if (value == null || previous == null || previous == 0) {
                return null;
            }
            return (previous - value) / Math.abs(previous) * 100;
        }

        String shown(Double v) {
            return v == null ? "–" : Columns.format(v, percent);
        }
    }

    private final TileData tiles;
    private final Path modelsDir;

    TileNumbers(QueryRunner runner, Path modelsDir) {
        this.tiles = new TileData(runner);
        this.modelsDir = modelsDir;
    }

    Headline of(Warehouse reader, Dashboard dashboard, Tile tile, String preset, LocalDate today) throws Exception {
        Map<String, String> query = Map.of("range", preset, "compare", "1");
        PageQuery page = PageQuery.of(dashboard, query, today);
        TileView view = tiles.view(reader, 0, tile, page, Freshness.read(reader, modelsDir), today);
        if (view.error() != null) {
            return new Headline(tile.title(), null, null, false, false, view.error());
        }
        Columns columns = new Columns(tile.labels());
        List<String> names = view.result().columns();
        if (view.kpi() != null) {
            boolean percent = columns.percent(names.get(names.size() > 1 ? 1 : 0));
            return new Headline(tile.title(), view.kpi().value(), view.kpi().previous(), percent, true, null);
        }
        int column = firstNumber(view.result());
        if (column < 0) {
            return new Headline(tile.title(), null, null, false, false, "the tile has no numeric column");
        }
        @SuppressWarnings("unchecked")
        List<Boolean> incomplete = view.chart() == null ? List.of() : (List<Boolean>) view.chart().get("incomplete");
        Double last = null;
        Double before = null;
        List<List<Object>> rows = view.result().rows();
        // Tables list their most important row first; series end with their newest.
        boolean newestFirst = tile.type() == TileType.TABLE;
        for (int i = 0; i < rows.size(); i++) {
            int r = newestFirst ? i : rows.size() - 1 - i;
            if (r < incomplete.size() && incomplete.get(r)) {
                continue;
            }
            if (rows.get(r).get(column) instanceof Number n) {
                if (last == null) {
                    last = n.doubleValue();
                } else {
                    before = n.doubleValue();
                    break;
                }
            }
        }
        return new Headline(tile.title(), last, before, columns.percent(names.get(column)), false, null);
    }

    private static int firstNumber(QueryResult result) {
        for (int c = result.columns().size() > 1 ? 1 : 0; c < result.columns().size(); c++) {
            if (result.isNumeric(c)) {
                return c;
            }
        }
        return -1;
    }

    /** A reading session on the writer's database, in the project's timezone (DuckDB allows one process). */
    static Warehouse reader(Warehouse writer, ZoneId zone) throws Exception {
        // A reader of its own, outside the writer's turns: the owner's tile SQL never runs as the writer.
        return WarehouseAccess.open(ReadConnections.perRequest(writer.dialect()), zone);
    }
}
