package dev.stockroom.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dashboard's URL chooses: the date range and the filters' values, so a link shows the
 * same page.
 *
 * @param filters the dashboard's filter names, in order
 * @param chosen  name → value for the filters set in the URL; a filter not set reads as NULL
 */
record PageQuery(DateRange range, Set<String> filters, Map<String, String> chosen) {

    /** URL keys a filter may not take, for they carry the range. */
    static final Set<String> RESERVED = Set.of("range", "start", "end", "compare", "grain");

    PageQuery {
        filters = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(filters));
        chosen = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
    }

    static PageQuery of(Dashboard dashboard, Map<String, String> query, LocalDate today) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Dashboard.Filter f : dashboard.filters()) {
            names.add(f.name());
            String v = query.get(f.name());
            if (v != null && !v.isEmpty()) {
                chosen.put(f.name(), v);
            }
        }
        return new PageQuery(DateRange.fromQuery(query, today), names, chosen);
    }

    SqlTemplate.Bound bind(String sql) {
        return SqlTemplate.bind(sql, range, chosen, filters);
    }

    /** The same query over the previous period. */
    SqlTemplate.Bound bindPrevious(String sql) {
        return SqlTemplate.bind(sql, range.previous(), chosen, filters);
    }

    /** This page as URL query text. */
    String toQuery() {
        StringBuilder q = new StringBuilder(range.toQuery());
        chosen.forEach((k, v) -> q.append('&').append(enc(k)).append('=').append(enc(v)));
        return q.toString();
    }

    /**
     * Where a click on {@code row} goes: the linked dashboard with the same date range and each of
     * its filters set from a column of the row.
     */
    String linkFor(Tile.Link link, List<String> columns, List<Object> row) {
        StringBuilder q = new StringBuilder("/d/").append(enc(link.dashboard())).append('?').append(range.toQuery());
        link.filters().forEach((filter, column) -> {
            int c = columns.indexOf(column);
            Object v = c < 0 ? null : row.get(c);
            if (v != null) {
                q.append('&').append(enc(filter)).append('=').append(enc(v.toString()));
            }
        });
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
