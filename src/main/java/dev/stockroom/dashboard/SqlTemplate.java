package dev.stockroom.dashboard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a dashboard query's placeholders. Only three exist and none takes free text: dates are
 * {@link java.time.LocalDate}s and the grain comes from {@link Grain}, so nothing a URL carries
 * reaches the SQL unchecked.
 *
 * <ul>
 * <li>{@code {{start}}}, {@code {{end}}}: {@code DATE '2024-05-01'} (the range is inclusive at both ends);
 *     written inside quotes, {@code '{{start}}'}, just the date.</li>
 * <li>{@code {{grain}}}: {@code 'day'}, {@code 'week'} or {@code 'month'}, for {@code date_trunc({{grain}}, day)}.</li>
 * </ul>
 */
public final class SqlTemplate {

    private static final Pattern RANGE = Pattern.compile("\\{\\{\\s*(start|end)\\s*}}");
    private static final Pattern PLACEHOLDER = Pattern.compile("('?)\\{\\{\\s*([a-z_]*)\\s*}}('?)");

    private SqlTemplate() {
    }

    public static String render(String sql, DateRange range) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean quoted = !m.group(1).isEmpty() && !m.group(3).isEmpty();
            String value = switch (m.group(2)) {
                case "start" -> quoted ? "'" + range.start() + "'" : "DATE '" + range.start() + "'";
                case "end" -> quoted ? "'" + range.end() + "'" : "DATE '" + range.end() + "'";
                case "grain" -> "'" + range.grain().word() + "'";
                default -> throw new IllegalArgumentException("unknown placeholder {{" + m.group(2)
                        + "}}; queries may use {{start}}, {{end}} and {{grain}}");
            };
            String prefix = quoted ? "" : m.group(1);
            String suffix = quoted ? "" : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + value + suffix));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether a query reads the date range (and so has a previous period to compare with). */
    static boolean usesRange(String sql) {
        return RANGE.matcher(sql).find();
    }
}
