package dev.stockroom.source.googleanalytics;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.source.Chunking;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream: a GA4 report of daily rows. The key is the dimensions (the first is always
 * {@code date}); a window's rows are replaced whole, since GA's numbers settle for 48 hours and
 * rows can vanish while they do.
 *
 * @param name       the stream, e.g. {@code pages}
 * @param dimensions GA4 dimension names; {@code date} first
 * @param metrics    GA4 metric names
 */
public record GoogleAnalyticsReport(String name, List<String> dimensions, List<String> metrics) {

    public static final String DATE = "date";
    /** GA4 takes at most 9 dimensions and 10 metrics in one report [U: limits from memory of the docs]. */
    static final int MAX_DIMENSIONS = 9;
    static final int MAX_METRICS = 10;

    /** The streams a newsletter business wants from GA4. Dimension and metric names [U] per docs/vendors.md §1. */
    public static final List<GoogleAnalyticsReport> STANDARD = List.of(
            new GoogleAnalyticsReport("pages", List.of(DATE, "pagePath", "pageTitle"),
                    List.of("screenPageViews", "sessions", "activeUsers")),
            new GoogleAnalyticsReport("traffic_sources", List.of(DATE, "sessionSource", "sessionMedium"),
                    List.of("sessions", "activeUsers")),
            new GoogleAnalyticsReport("geo_devices", List.of(DATE, "country", "deviceCategory"),
                    List.of("sessions")),
            // A custom dimension the site registers from Ghost's member cookie: anonymous, free or paid.
            new GoogleAnalyticsReport("member_pages", List.of(DATE, "pagePath", "customUser:member_status"),
                    List.of("screenPageViews")));

    public GoogleAnalyticsReport {
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        if (dimensions.isEmpty() || !dimensions.get(0).equals(DATE)) {
            throw new IllegalArgumentException("a daily report starts with the date dimension");
        }
    }

    /** Custom dimensions and metrics ({@code customUser:x}, {@code customEvent:y}): the property must register them. */
    List<String> customFields() {
        List<String> custom = new ArrayList<>();
        dimensions.stream().filter(d -> d.contains(":")).forEach(custom::add);
        metrics.stream().filter(m -> m.contains(":")).forEach(custom::add);
        return custom;
    }

    StreamSpec spec() {
        // A month per request: GA4 quotas count requests' tokens, and a month of daily rows is one page or few.
        return StreamSpec.daily(name, dimensions, DATE).withWriteMode(WriteMode.REPLACE_WINDOW)
                .withChunk(Chunking.MONTH).withCredentialFields();
    }

    /** A report from {@code reports:}: {@code {name, dimensions, metrics}}; {@code date} is added first when absent. */
    static GoogleAnalyticsReport read(ConfigNode node) {
        String name = node.string("name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw node.error("name", "'" + name + "' cannot name a table; use lower-case letters, digits and _");
        }
        List<String> dimensions = new ArrayList<>(List.of(DATE));
        for (String d : node.strings("dimensions")) {
            if (!d.equals(DATE)) {
                dimensions.add(d);
            }
        }
        List<String> metrics = node.strings("metrics");
        if (metrics.isEmpty()) {
            throw node.error("metrics", "a report needs at least one metric, e.g. [screenPageViews]");
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw node.error("dimensions", "GA4 takes at most " + MAX_DIMENSIONS + " dimensions, date included");
        }
        if (metrics.size() > MAX_METRICS) {
            throw node.error("metrics", "GA4 takes at most " + MAX_METRICS + " metrics");
        }
        node.finish();
        return new GoogleAnalyticsReport(name, dimensions, metrics);
    }
}
