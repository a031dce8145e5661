package dev.stockroom.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a dashboard query's placeholders. None takes free text into the SQL: dates are
 * {@link java.time.LocalDate}s, the grain comes from {@link Grain}, and a filter's value is a
 * bound parameter ({@code ?}), so nothing a URL carries reaches the SQL text.
 *
 * <ul>
 * <li>{@code {{start}}}, {@code {{end}}}: {@code DATE '2024-05-01'} (the range is inclusive at both ends);
 *     written inside quotes, {@code '{{start}}'}, just the date.</li>
 * <li>{@code {{grain}}}: {@code 'day'}, {@code 'week'} or {@code 'month'}, for {@code date_trunc({{grain}}, day)}.</li>
 * <li>{@code {{name}}} of a dashboard filter: a text parameter, NULL when nothing is chosen
 *     (quotes around it, {@code '{{plan}}'}, are dropped).</li>
 * </ul>
 */
public final class SqlTemplate {

    /** The placeholders every query may use. */
    static final Set<String> BUILT_IN = Set.of("start", "end", "grain");

    /** A query ready to run: its text and, in order, the values of its {@code ?} parameters. */
    public record Bound(String sql, List<Object> parameters) {

        public Bound {
            parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }

    private static final Pattern RANGE = Pattern.compile("\\{\\{\\s*(start|end)\\s*}}");
    private static final Pattern GRAIN = Pattern.compile("\\{\\{\\s*grain\\s*}}");
    private static final Pattern PLACEHOLDER = Pattern.compile("('?)\\{\\{\\s*([a-z][a-z0-9_]*)?\\s*}}('?)");

    private SqlTemplate() {
    }

    /** Fills the built-in placeholders only; a filter placeholder is an error here. */
    public static String render(String sql, DateRange range) {
        Bound b = bind(sql, range, Map.of(), Set.of());
        return b.sql();
    }

    /**
     * Fills {@code sql} for {@code range}; {@code filters} are the dashboard's filter names and
     * {@code values} the chosen ones (a missing name is NULL).
     */
    public static Bound bind(String sql, DateRange range, Map<String, String> values, Set<String> filters) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        while (m.find()) {
            boolean quoted = !m.group(1).isEmpty() && !m.group(3).isEmpty();
            String name = m.group(2) == null ? "" : m.group(2);
            String value = switch (name) {
                case "start" -> quoted ? "'" + range.start() + "'" : "DATE '" + range.start() + "'";
                case "end" -> quoted ? "'" + range.end() + "'" : "DATE '" + range.end() + "'";
                case "grain" -> "'" + range.grain().word() + "'";
                default -> {
                    if (!filters.contains(name)) {
                        throw new IllegalArgumentException("unknown placeholder {{" + name + "}}; queries may use "
                                + "{{start}}, {{end}}, {{grain}}" + (filters.isEmpty() ? ""
                                : " and this dashboard's filters {{" + String.join("}}, {{", filters) + "}}"));
                    }
                    parameters.add(values.get(name));
                    yield "?";
                }
            };
            String prefix = quoted ? "" : m.group(1);
            String suffix = quoted ? "" : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + value + suffix));
        }
        m.appendTail(out);
        return new Bound(out.toString(), parameters);
    }

    /** The placeholder names a query uses. */
    static Set<String> placeholders(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(sql);
        while (m.find()) {
            out.add(m.group(2) == null ? "" : m.group(2));
        }
        return out;
    }

    /** Whether a query reads the date range (and so has a previous period to compare with). */
    static boolean usesRange(String sql) {
        return RANGE.matcher(sql).find();
    }

    /** Whether a query groups by the page's grain (so its periods are that long). */
    static boolean usesGrain(String sql) {
        return GRAIN.matcher(sql).find();
    }
}
