package dev.stockroom.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page's date range, compare toggle and grain, read from and written to the URL query so a
 * link shows the same page.
 *
 * @param preset  last7, last30, last90, mtd, qtd, ytd or custom
 * @param start   first day, inclusive
 * @param end     last day, inclusive
 * @param problem what was wrong with the URL's range, shown on the page; null when nothing
 */
public record DateRange(String preset, LocalDate start, LocalDate end, boolean compare, Grain grain, String problem) {

    public static final String DEFAULT_PRESET = "last30";
    private static final long MAX_DAYS = 3700;

    /** Presets as shown in the control, in order. */
    public static Map<String, String> presets() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("last7", "Last 7 days");
        out.put("last30", "Last 30 days");
        out.put("last90", "Last 90 days");
        out.put("mtd", "Month to date");
        out.put("qtd", "Quarter to date");
        out.put("ytd", "Year to date");
        out.put("custom", "Custom");
        return out;
    }

    /** Reads {@code range}, {@code start}, {@code end}, {@code compare} and {@code grain}; bad values fall back. */
    public static DateRange fromQuery(Map<String, String> query, LocalDate today) {
        String preset = query.getOrDefault("range", DEFAULT_PRESET);
        Grain grain = Grain.of(query.getOrDefault("grain", "day")).orElse(Grain.DAY);
        boolean compare = "1".equals(query.get("compare"));
        if (!presets().containsKey(preset)) {
            return preset(DEFAULT_PRESET, today, compare, grain, "unknown range '" + preset + "'; showing the last 30 days");
        }
        if (!preset.equals("custom")) {
            return preset(preset, today, compare, grain, null);
        }
        try {
            LocalDate start = LocalDate.parse(query.getOrDefault("start", ""));
            LocalDate end = LocalDate.parse(query.getOrDefault("end", ""));
            if (start.getYear() < 1 || end.getYear() > 9999) {
                return preset(DEFAULT_PRESET, today, compare, grain, "custom dates must lie between 0001-01-01 and "
                        + "9999-12-31; showing the last 30 days");
            }
            if (end.isBefore(start)) {
                return preset(DEFAULT_PRESET, today, compare, grain, "the range ends before it starts; "
                        + "showing the last 30 days");
            }
            if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
                return preset(DEFAULT_PRESET, today, compare, grain, "ranges longer than ten years are not "
                        + "supported; showing the last 30 days");
            }
            return new DateRange("custom", start, end, compare, grain, null);
        } catch (DateTimeParseException e) {
            return preset(DEFAULT_PRESET, today, compare, grain, "custom ranges need start and end dates like "
                    + "2024-01-31; showing the last 30 days");
        }
    }

    private static DateRange preset(String preset, LocalDate today, boolean compare, Grain grain, String problem) {
        LocalDate yesterday = today.minusDays(1);
        return switch (preset) {
            case "last7" -> new DateRange(preset, today.minusDays(7), yesterday, compare, grain, problem);
            case "last90" -> new DateRange(preset, today.minusDays(90), yesterday, compare, grain, problem);
            case "mtd" -> new DateRange(preset, today.withDayOfMonth(1), today, compare, grain, problem);
            case "qtd" -> new DateRange(preset, today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1)
                    .withDayOfMonth(1), today, compare, grain, problem);
            case "ytd" -> new DateRange(preset, today.withDayOfYear(1), today, compare, grain, problem);
            default -> new DateRange("last30", today.minusDays(30), yesterday, compare, grain, problem);
        };
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** The same number of days right before this range. */
    public DateRange previous() {
        return new DateRange("custom", start.minusDays(days()), start.minusDays(1), false, grain, null);
    }

    /** This range as URL query text, e.g. {@code range=last30&grain=day}. */
    public String toQuery() {
        StringBuilder q = new StringBuilder("range=").append(enc(preset));
        if (preset.equals("custom")) {
            q.append("&start=").append(start).append("&end=").append(end);
        }
        if (compare) {
            q.append("&compare=1");
        }
        return q.append("&grain=").append(grain.word()).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
