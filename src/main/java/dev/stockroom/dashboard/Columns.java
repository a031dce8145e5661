package dev.stockroom.dashboard;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/**
 * How a tile names and formats its columns: a tile's {@code labels:} entry, else the column name
 * made readable ({@code paid_member_views} → "Paid member views", {@code open_rate_pct} →
 * "Open rate %"). A column whose name ends in {@code _pct} or whose label ends in {@code %} holds
 * percentages (0–100), shown with one decimal.
 */
final class Columns {

    private final Map<String, String> labels;

    Columns(Map<String, String> labels) {
        this.labels = labels;
    }

    String label(String column) {
        String given = labels.get(column);
        return given != null ? given : humanised(column);
    }

    boolean percent(String column) {
        return column.toLowerCase(Locale.ROOT).endsWith("_pct") || label(column).endsWith("%");
    }

    static String humanised(String column) {
        String words = column.replaceAll("(?i)_pct$", " %").replace('_', ' ').trim();
        if (words.isEmpty() || !column.equals(column.toLowerCase(Locale.ROOT))) {
            return column; // Mixed case was chosen by hand ("MRR", "Sessions"): keep it.
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A value for a table cell or a KPI: thousands separators, percentages with one decimal. */
    static String format(Object value, boolean percent) {
        if (!(value instanceof Number n)) {
            return value == null ? "" : value.toString();
        }
        double v = n.doubleValue();
        if (percent) {
            return new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(v) + "%";
        }
        boolean whole = v == Math.rint(v);
        String pattern = whole ? "#,##0" : Math.abs(v) < 10 ? "#,##0.##" : "#,##0.#";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(v);
    }
}
