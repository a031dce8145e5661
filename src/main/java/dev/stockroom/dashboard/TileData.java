package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a tile's queries and shapes the result for its type. */
final class TileData {

    private final QueryRunner runner;

    TileData(QueryRunner runner) {
        this.runner = runner;
    }

    TileView view(Warehouse warehouse, int index, Tile tile, DateRange range, Freshness freshness) {
        Freshness.TileHealth health = freshness.of(tile.sql());
        try {
            QueryResult result = runner.run(warehouse, SqlTemplate.render(tile.sql(), range));
            // A query that ignores the range would only repeat itself as the previous period.
            boolean ranged = SqlTemplate.usesRange(tile.sql());
            boolean wantsPrevious = ranged && (tile.type() == TileType.KPI
                    || (range.compare() && tile.type() != TileType.TABLE));
            QueryResult previous = wantsPrevious
                    ? runner.run(warehouse, SqlTemplate.render(tile.sql(), range.previous())) : null;
            if (tile.type() == TileType.TABLE) {
                return new TileView(index, tile, result, health, null, null, null);
            }
            int xColumn = result.columns().size() > 1 ? 0 : -1;
            List<Integer> numeric = new ArrayList<>();
            for (int c = xColumn + 1; c < result.columns().size(); c++) {
                if (result.isNumeric(c) || result.rows().isEmpty()) {
                    numeric.add(c);
                }
            }
            if (numeric.isEmpty()) {
                return error(index, tile, health, "a " + tile.type().word() + " tile needs a numeric column after "
                        + "its first (x axis) column; the query returned " + String.join(", ", result.columns()));
            }
            int incompleteFrom = incompleteFrom(result, xColumn, range, health.completeThrough());
            Map<String, Object> chart = chart(tile, result, previous, xColumn, numeric, incompleteFrom);
            TileView.Kpi kpi = tile.type() == TileType.KPI
                    ? kpi(tile, result, previous, numeric.get(0), incompleteFrom) : null;
            return new TileView(index, tile, result, health, chart, kpi, null);
        } catch (Exception e) {
            return error(index, tile, health, String.valueOf(e.getMessage()));
        }
    }

    private static TileView error(int index, Tile tile, Freshness.TileHealth health, String message) {
        return new TileView(index, tile, null, health, null, null, message);
    }

    private static Map<String, Object> chart(Tile tile, QueryResult result, QueryResult previous, int xColumn,
                                             List<Integer> numeric, int incompleteFrom) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", tile.type() == TileType.KPI ? "spark" : tile.type().word());
        List<Object> x = new ArrayList<>();
        for (int r = 0; r < result.rows().size(); r++) {
            x.add(xColumn < 0 ? String.valueOf(r + 1) : label(result.rows().get(r).get(xColumn)));
        }
        chart.put("x", x);
        chart.put("series", series(result, numeric, ""));
        if (previous != null && tile.type() != TileType.KPI) {
            chart.put("previous", series(previous, numeric, " (previous period)"));
        }
        chart.put("incompleteFrom", incompleteFrom);
        return chart;
    }

    private static List<Map<String, Object>> series(QueryResult result, List<Integer> numeric, String suffix) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int c : numeric) {
            if (c >= result.columns().size()) {
                continue;
            }
            List<Object> data = new ArrayList<>();
            for (List<Object> row : result.rows()) {
                data.add(row.get(c));
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", result.columns().get(c) + suffix);
            s.put("data", data);
            out.add(s);
        }
        return out;
    }

    /** The first row whose period reaches past the newest complete day, or -1 when all are complete. */
    static int incompleteFrom(QueryResult result, int xColumn, DateRange range, LocalDate completeThrough) {
        if (completeThrough == null || xColumn < 0) {
            return -1;
        }
        List<List<Object>> rows = result.rows();
        for (int r = 0; r < rows.size(); r++) {
            LocalDate day = date(rows.get(r).get(xColumn));
            if (day == null) {
                return -1;
            }
            LocalDate next = r + 1 < rows.size() ? date(rows.get(r + 1).get(xColumn)) : null;
            LocalDate lastOfPeriod = next != null && next.isAfter(day) ? next.minusDays(1)
                    : (range.grain() == Grain.DAY ? day : range.end());
            if (lastOfPeriod.isAfter(completeThrough)) {
                return r;
            }
        }
        return -1;
    }

    private static TileView.Kpi kpi(Tile tile, QueryResult result, QueryResult previous, int column,
                                    int incompleteFrom) {
        int complete = incompleteFrom < 0 ? result.rows().size() : incompleteFrom;
        Double value = aggregate(tile.aggregate(), result, column, complete);
        Double before = previous == null ? null
                : aggregate(tile.aggregate(), previous, column, Math.min(complete, previous.rows().size()));
        return new TileView.Kpi(value, before, incompleteFrom >= 0);
    }

    private static Double aggregate(String how, QueryResult result, int column, int rows) {
        if (column >= result.columns().size()) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Object v = result.rows().get(r).get(column);
            if (v instanceof Number n) {
                values.add(n.doubleValue());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        return switch (how) {
            case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            case "last" -> values.get(values.size() - 1);
            default -> values.stream().mapToDouble(Double::doubleValue).sum();
        };
    }

    private static Object label(Object v) {
        if (v instanceof String s && s.length() > 10 && s.matches("\\d{4}-\\d{2}-\\d{2}T00:00(:00)?Z")) {
            return s.substring(0, 10);
        }
        return v == null ? "" : v;
    }

    private static LocalDate date(Object v) {
        if (v == null) {
            return null;
        }
        String s = v.toString();
        try {
            return s.length() >= 10 ? LocalDate.parse(s.substring(0, 10)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
