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

    /** A boolean column of this name marks its rows incomplete, beside what the calendar says. */
    static final String INCOMPLETE_COLUMN = "incomplete";

    private final QueryRunner runner;

    TileData(QueryRunner runner) {
        this.runner = runner;
    }

    TileView view(Warehouse warehouse, int index, Tile tile, PageQuery page, Freshness freshness, LocalDate today) {
        Freshness.TileHealth health = freshness.of(tile.sql());
        DateRange range = page.range();
        try {
            QueryResult result = run(warehouse, page.bind(tile.sql()));
            // A query that ignores the range would only repeat itself as the previous period.
            boolean ranged = SqlTemplate.usesRange(tile.sql());
            boolean wantsPrevious = ranged && (tile.type() == TileType.KPI
                    || (range.compare() && tile.type() != TileType.TABLE));
            QueryResult previous = wantsPrevious ? run(warehouse, page.bindPrevious(tile.sql())) : null;
            if (tile.type() == TileType.TABLE) {
                return new TileView(index, tile, result, health, null, null, null);
            }
            int xColumn = result.columns().size() > 1 ? 0 : -1;
            List<Integer> numeric = new ArrayList<>();
            int flagged = result.columns().indexOf(INCOMPLETE_COLUMN);
            for (int c = xColumn + 1; c < result.columns().size(); c++) {
                // A column of nulls only is a series with no value yet (a rate no cohort has reached).
                final int col = c;
                boolean empty = result.rows().stream().allMatch(row -> row.get(col) == null);
                if (c != flagged && (result.isNumeric(c) || empty)) {
                    numeric.add(c);
                }
            }
            if (numeric.isEmpty()) {
                return error(index, tile, health, "a " + tile.type().word() + " tile needs a numeric column after "
                        + "its first (x axis) column; the query returned " + String.join(", ", result.columns()));
            }
            List<Boolean> incomplete = new ArrayList<>(incomplete(result, xColumn, range, ranged,
                    SqlTemplate.usesGrain(tile.sql()) ? range.grain() : null, health.completeThrough(), today));
            if (flagged >= 0) {
                // The query knows better than the calendar (e.g. a campaign whose opens still arrive).
                for (int r = 0; r < incomplete.size(); r++) {
                    incomplete.set(r, incomplete.get(r) || Boolean.TRUE.equals(result.rows().get(r).get(flagged)));
                }
            }
            Map<String, Object> chart = chart(tile, page, result, previous, xColumn, numeric, incomplete);
            TileView.Kpi kpi = tile.type() == TileType.KPI
                    ? kpi(tile, result, previous, numeric.get(0), incomplete) : null;
            return new TileView(index, tile, result, health, chart, kpi, null);
        } catch (Exception e) {
            return error(index, tile, health, String.valueOf(e.getMessage()));
        }
    }

    /** A filter's choices: the first column of its query, as text. */
    List<String> options(Warehouse warehouse, Dashboard.Filter filter) throws Exception {
        List<String> out = new ArrayList<>();
        for (List<Object> row : runner.run(warehouse, filter.sql()).rows()) {
            if (!row.isEmpty() && row.get(0) != null) {
                out.add(row.get(0).toString());
            }
        }
        return out;
    }

    QueryResult run(Warehouse warehouse, SqlTemplate.Bound query) throws Exception {
        return runner.run(warehouse, query.sql(), query.parameters());
    }

    private static TileView error(int index, Tile tile, Freshness.TileHealth health, String message) {
        return new TileView(index, tile, null, health, null, null, message);
    }

    private static Map<String, Object> chart(Tile tile, PageQuery page, QueryResult result, QueryResult previous,
                                             int xColumn, List<Integer> numeric, List<Boolean> incomplete) {
        Columns columns = new Columns(tile.labels());
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", tile.type() == TileType.KPI ? "spark" : tile.type().word());
        List<Object> x = new ArrayList<>();
        for (int r = 0; r < result.rows().size(); r++) {
            x.add(xColumn < 0 ? String.valueOf(r + 1) : label(result.rows().get(r).get(xColumn)));
        }
        chart.put("x", x);
        chart.put("series", series(result, columns, numeric, ""));
        if (previous != null && tile.type() != TileType.KPI) {
            chart.put("previous", series(previous, columns, numeric, " (previous period)"));
        }
        Map<String, Boolean> percent = new LinkedHashMap<>();
        for (int c : numeric) {
            if (c < result.columns().size() && columns.percent(result.columns().get(c))) {
                percent.put(columns.label(result.columns().get(c)), true);
                percent.put(columns.label(result.columns().get(c)) + " (previous period)", true);
            }
        }
        chart.put("percent", percent);
        chart.put("incomplete", incomplete);
        if (tile.link() != null) {
            chart.put("links", result.rows().stream().map(r -> page.linkFor(tile.link(), result.columns(), r)).toList());
        }
        return chart;
    }

    private static List<Map<String, Object>> series(QueryResult result, Columns columns, List<Integer> numeric,
                                                    String suffix) {
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
            s.put("name", columns.label(result.columns().get(c)) + suffix);
            s.put("data", data);
            out.add(s);
        }
        return out;
    }

    /**
     * Per row, whether its period is incomplete: it starts before the range (a week or month cut
     * by the range's first day), ends after the range, or reaches past the newest day complete for
     * the tile's sources (yesterday when they do not say: today is never over). A period is as long
     * as the page's grain when the query reads {@code {{grain}}}, else what its x values show
     * (all firsts of months: months; seven days apart: weeks; otherwise days).
     */
    static List<Boolean> incomplete(QueryResult result, int xColumn, DateRange range, boolean ranged,
                                    Grain grain, LocalDate completeThrough, LocalDate today) {
        List<Boolean> out = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            LocalDate day = xColumn < 0 ? null : date(row.get(xColumn));
            if (day == null) {
                return result.rows().stream().map(r -> false).toList();
            }
            days.add(day);
        }
        Grain period = grain != null ? grain : inferred(days);
        LocalDate last = today.minusDays(1);
        if (completeThrough != null && completeThrough.isBefore(last)) {
            last = completeThrough;
        }
        if (ranged && range.end().isBefore(last)) {
            last = range.end();
        }
        for (LocalDate day : days) {
            boolean cutAtStart = ranged && day.isBefore(range.start());
            out.add(cutAtStart || endOf(day, period).isAfter(last));
        }
        return out;
    }

    static Grain inferred(List<LocalDate> days) {
        if (days.size() < 2) {
            return Grain.DAY;
        }
        if (days.stream().allMatch(d -> d.getDayOfMonth() == 1)) {
            return Grain.MONTH;
        }
        boolean weekly = true;
        for (int i = 1; i < days.size(); i++) {
            long gap = java.time.temporal.ChronoUnit.DAYS.between(days.get(i - 1), days.get(i));
            weekly &= gap != 0 && gap % 7 == 0;
        }
        return weekly ? Grain.WEEK : Grain.DAY;
    }

    private static LocalDate endOf(LocalDate start, Grain period) {
        return switch (period) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.withDayOfMonth(start.lengthOfMonth());
        };
    }

    private static TileView.Kpi kpi(Tile tile, QueryResult result, QueryResult previous, int column,
                                    List<Boolean> incomplete) {
        // The previous period is compared over as many leading rows as this one has complete.
        int complete = (int) incomplete.stream().filter(b -> !b).count();
        Double value = aggregate(tile.aggregate(), result, column, r -> !incomplete.get(r));
        Double before = previous == null ? null
                : aggregate(tile.aggregate(), previous, column, r -> r < complete);
        return new TileView.Kpi(value, before, complete < incomplete.size());
    }

    private static Double aggregate(String how, QueryResult result, int column,
                                    java.util.function.IntPredicate counted) {
        if (column >= result.columns().size()) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < result.rows().size(); r++) {
            if (!counted.test(r)) {
                continue;
            }
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
