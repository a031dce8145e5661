package dev.stockroom.source.plausible;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.source.DayRange;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.BodyOffsetPagination;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.Page;
import dev.stockroom.source.http.PageReader;
import dev.stockroom.source.http.Request;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plausible's Stats API v2: one {@code POST /api/v2/query} per chunk of days and page of rows.
 * Results are positional ({@code {"dimensions":[...],"metrics":[...]}} in the order the query
 * named them) and become named columns here.
 *
 * <p>Days are the site's days: Plausible counts in the site's timezone, which v2 answers do not
 * name, so {@link #vendorTimezone()} is empty and the configured timezone applies (see
 * {@link PlausibleConfig}).
 */
final class PlausibleSource implements Source {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonPath RESULTS = JsonPath.parse("$.results");
    private static final JsonPath TOTAL = JsonPath.parse("$.meta.total_rows");
    private static final JsonPath ECHOED_RANGE = JsonPath.parse("$.query.date_range");

    private final String name;
    private final PlausibleConfig config;
    private final ApiClient client;
    private final BodyOffsetPagination paging;

    PlausibleSource(String name, PlausibleConfig config, ApiClient client) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.paging = new BodyOffsetPagination(JsonPath.parse("$.pagination.offset"),
                JsonPath.parse("$.pagination.limit"), config.pageSize(), TOTAL, false);
    }

    @Override
    public List<StreamSpec> streams() {
        return PlausibleReport.STANDARD.stream().map(PlausibleReport::spec).toList();
    }

    @Override
    public void read(StreamSpec stream, ReadRequest request, RecordSink sink) throws Exception {
        PlausibleReport report = report(stream);
        List<String> columns = report.dimensionColumns();
        String where = name + "." + stream.name();
        PageReader pages = new PageReader(client, paging, RESULTS, true);
        RecordSink rows = positional(report, columns, sink, where);
        Request page = paging.first(query(report, request.window()));
        for (int number = 1; ; number++) {
            Page fetched = pages.fetch(page, rows);
            if (number == 1 && !fetched.recordsFound()) {
                throw SourceException.permanent("Plausible's answer for " + where + " has no results (top-level keys: "
                        + String.join(", ", fetched.topLevelKeys()) + "); check base_url points at Plausible", null);
            }
            sink.pageFetched(where + " " + request.window() + " page " + number + ": " + fetched.records() + " rows");
            Optional<Request> next = paging.next(page, fetched);
            if (next.isEmpty()) {
                return;
            }
            page = next.get();
        }
    }

    /**
     * One query for yesterday's visitors: the key and site_id work. Plausible echoes the date range
     * widened to the site's local midnight; when that offset is not the configured timezone's, days
     * would be cut wrongly, so the check fails and names the fix. [U] the echoed offset is inferred
     * from Plausible's documented example, not from its source.
     */
    @Override
    public void check() throws Exception {
        LocalDate yesterday = LocalDate.now(config.timezone()).minusDays(1);
        ObjectNode body = body(DayRange.of(yesterday));
        body.putArray("metrics").add("visitors");
        Request probe = Request.post(url(), "application/json", JSON.writeValueAsBytes(body));
        Page page = new PageReader(client, new EchoCapture(), RESULTS, true).fetch(probe, record -> {
        });
        Object echoed = page.value(ECHOED_RANGE).orElse(null);
        if (echoed instanceof List<?> range && !range.isEmpty()) {
            try {
                OffsetDateTime start = OffsetDateTime.parse(String.valueOf(range.get(0)));
                ZoneId zone = config.timezone();
                if (!zone.getRules().getOffset(start.toLocalDateTime()).equals(start.getOffset())) {
                    throw SourceException.permanent("Plausible counts site " + config.siteId() + " in a timezone at "
                            + start.getOffset() + " on " + yesterday + ", but this source's timezone is " + zone
                            + "; set timezone: on the source to the site's timezone (Plausible, Site settings, "
                            + "General)", null);
                }
            } catch (DateTimeParseException notADateTime) {
                // Plain dates echoed: nothing to compare.
            }
        }
    }

    private RecordSink positional(PlausibleReport report, List<String> columns, RecordSink sink, String where) {
        return new RecordSink() {
            @Override
            public void accept(Map<String, Object> result) throws Exception {
                List<?> dimensions = list(result.get("dimensions"), "dimensions", report.dimensions().size());
                List<?> metrics = list(result.get("metrics"), "metrics", report.metrics().size());
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    Object value = dimensions.get(i);
                    row.put(columns.get(i), i == 0 ? day(value) : value);
                }
                for (int i = 0; i < metrics.size(); i++) {
                    row.put(report.metrics().get(i), metrics.get(i));
                }
                sink.accept(row);
            }

            private List<?> list(Object value, String field, int expected) throws SourceException {
                if (value instanceof List<?> list && list.size() == expected) {
                    return list;
                }
                throw SourceException.permanent("Plausible answered " + where + " with a result whose " + field
                        + " is " + value + " where " + expected + " values were asked for; the API's answer "
                        + "changed shape", null);
            }

            private LocalDate day(Object value) throws SourceException {
                try {
                    return LocalDate.parse(String.valueOf(value));
                } catch (DateTimeParseException e) {
                    throw SourceException.permanent("Plausible answered " + where + " with the day '" + value
                            + "', not a YYYY-MM-DD date", null);
                }
            }
        };
    }

    private Request query(PlausibleReport report, DayRange days) throws Exception {
        ObjectNode body = body(days);
        ArrayNode metrics = body.putArray("metrics");
        report.metrics().forEach(metrics::add);
        ArrayNode dimensions = body.putArray("dimensions");
        report.dimensions().forEach(dimensions::add);
        // Every dimension in the order: offset paging needs a total order, or rows could move between pages.
        ArrayNode order = body.putArray("order_by");
        report.dimensions().forEach(d -> order.addArray().add(d).add("asc"));
        ObjectNode include = body.putObject("include").put("total_rows", true);
        if (config.includeImports() && report.dimensions().stream().noneMatch(d -> d.startsWith("event:props:"))) {
            include.put("imports", true);
        }
        return Request.post(url(), "application/json", JSON.writeValueAsBytes(body));
    }

    private ObjectNode body(DayRange days) {
        ObjectNode body = JSON.createObjectNode();
        body.put("site_id", config.siteId());
        body.putArray("date_range").add(days.first().toString()).add(days.last().toString());
        return body;
    }

    private String url() {
        return config.baseUrl() + "/api/v2/query";
    }

    private PlausibleReport report(StreamSpec stream) {
        return PlausibleReport.STANDARD.stream().filter(r -> r.name().equals(stream.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("source " + name + " has no stream " + stream.name()));
    }

    /** No paging for the check; only captures the echoed query. */
    private static final class EchoCapture implements dev.stockroom.source.http.Pagination {
        @Override
        public Request first(Request base) {
            return base;
        }

        @Override
        public Optional<Request> next(Request current, Page page) {
            return Optional.empty();
        }

        @Override
        public List<JsonPath> captures() {
            return List.of(ECHOED_RANGE);
        }

        @Override
        public String describe() {
            return "none";
        }
    }
}
