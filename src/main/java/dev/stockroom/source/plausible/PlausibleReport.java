package dev.stockroom.source.plausible;

import dev.stockroom.source.Chunking;
import dev.stockroom.source.StreamSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of daily rows: the query's dimensions (the first is always {@code time:day}) and
 * metrics, and the column each positional value of a result lands in.
 *
 * @param name       the stream, e.g. {@code pages}
 * @param dimensions Plausible dimensions, e.g. {@code time:day}, {@code event:page}
 * @param metrics    Plausible metrics, e.g. {@code visitors}
 */
record PlausibleReport(String name, List<String> dimensions, List<String> metrics) {

    static final String DAY = "time:day";

    /** The streams a newsletter business wants from its site analytics. */
    static final List<PlausibleReport> STANDARD = List.of(
            new PlausibleReport("pages", List.of(DAY, "event:page"), List.of("visitors", "pageviews")),
            new PlausibleReport("sources", List.of(DAY, "visit:source"), List.of("visitors", "visits")),
            new PlausibleReport("countries", List.of(DAY, "visit:country"), List.of("visitors")),
            new PlausibleReport("member_pages", List.of(DAY, "event:page", "event:props:member_status"),
                    List.of("pageviews")));

    PlausibleReport {
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        if (!dimensions.get(0).equals(DAY)) {
            throw new IllegalArgumentException("a daily report starts with " + DAY);
        }
    }

    /** The column of a dimension: {@code time:day} is {@code day}, else the name after the last colon. */
    static String column(String dimension) {
        return dimension.equals(DAY) ? "day" : dimension.substring(dimension.lastIndexOf(':') + 1);
    }

    List<String> dimensionColumns() {
        List<String> out = new ArrayList<>();
        for (String d : dimensions) {
            out.add(column(d));
        }
        return out;
    }

    /**
     * Key = the dimensions; rows of a window are replaced whole, since a day's rows settle (and can
     * vanish) while Plausible is still counting. A month is one request (Plausible allows 600 an hour).
     */
    StreamSpec spec() {
        return StreamSpec.daily(name, dimensionColumns(), "day").withChunk(Chunking.MONTH)
                .withWriteMode(dev.stockroom.source.WriteMode.REPLACE_WINDOW).withCredentialFields();
    }
}
