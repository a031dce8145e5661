package dev.stockroom.source.googleanalytics;

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
import dev.stockroom.source.http.Pagination;
import dev.stockroom.source.http.Request;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GA4's Data API: one {@code POST /v1beta/properties/{id}:runReport} per chunk of days and page of
 * rows, paged by {@code offset}/{@code limit} until {@code rowCount}. Rows come as positional
 * {@code dimensionValues}/{@code metricValues} strings and become named columns: {@code date}
 * ({@code YYYYMMDD}) a LocalDate, metrics numbers.
 *
 * <p>Every request asks for {@code returnPropertyQuota}; the tokens left are logged, and once the
 * hourly tokens are spent the stream fails as transient ("resumes next hour") instead of hammering
 * a property that answers only 429 until then.
 *
 * <p>A report with custom dimensions or metrics ({@code customUser:member_status}) first asks the
 * property's metadata ({@code GET /v1beta/properties/{id}/metadata}, once per run): a property that
 * has not registered them would answer the report with 400 INVALID_ARGUMENT on every run, so the
 * stream is skipped with a warning that names the fix instead. Each row carries GA's warnings
 * about the request that loaded it ({@link ReportQuality}).
 *
 * <p>The property's timezone comes from {@link #vendorTimezone()}: one cheap report (one metric,
 * no dimensions, one day, limit 1) whose {@code metadata.timeZone} names it. The pipeline needs
 * the zone before it plans the first window, so it cannot wait for the first real report.
 */
final class GoogleAnalyticsSource implements Source {

    private static final System.Logger LOG = System.getLogger(GoogleAnalyticsSource.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter GA_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final JsonPath ROWS = JsonPath.parse("$.rows");
    private static final JsonPath ROW_COUNT = JsonPath.parse("$.rowCount");
    private static final JsonPath QUOTA = JsonPath.parse("$.propertyQuota");
    private static final JsonPath TIME_ZONE = JsonPath.parse("$.metadata.timeZone");
    private static final JsonPath DIMENSION_HEADERS = JsonPath.parse("$.dimensionHeaders");
    private static final JsonPath THRESHOLDED = JsonPath.parse("$.metadata.subjectToThresholding");
    private static final JsonPath OTHER_ROW = JsonPath.parse("$.metadata.dataLossFromOtherRow");
    private static final JsonPath SAMPLING = JsonPath.parse("$.metadata.samplingMetadatas");

    private final String name;
    private final GoogleAnalyticsConfig config;
    private final ApiClient client;
    private final Clock clock;
    private final BodyOffsetPagination offsets;
    private final Pagination paging;
    private Optional<ZoneId> propertyZone;
    private Instant hourlyQuotaSpentAt;
    private PropertyMetadata metadata;

    GoogleAnalyticsSource(String name, GoogleAnalyticsConfig config, ApiClient client, Clock clock) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.offsets = new BodyOffsetPagination(JsonPath.parse("$.offset"), JsonPath.parse("$.limit"),
                config.pageSize(), ROW_COUNT, true);
        this.paging = new Captures(offsets);
    }

    /** How much incremental runs should re-read when the user did not say: GA4 settles for 48 hours. */
    @Override
    public java.util.Optional<Duration> defaultLookback() {
        return java.util.Optional.of(GoogleAnalyticsConfig.DEFAULT_LOOKBACK);
    }

    @Override
    public List<StreamSpec> streams() {
        return config.allReports().stream().map(GoogleAnalyticsReport::spec).toList();
    }

    @Override
    public void read(StreamSpec stream, ReadRequest request, RecordSink sink) throws Exception {
        GoogleAnalyticsReport report = report(stream);
        String where = name + "." + stream.name();
        if (!report.customFields().isEmpty()) {
            metadata().requireAll(report, where);
        }
        PageReader pages = new PageReader(client, paging, ROWS, false);
        // One page's rows wait for its metadata (after the rows in GA's JSON): at most page_size rows.
        List<Map<String, Object>> pageRows = new ArrayList<>();
        RecordSink rows = named(report, pageRows::add, where);
        Request page = paging.first(runReport(report, request.window()));
        for (int number = 1; ; number++) {
            guardQuota();
            pageRows.clear();
            Page fetched = pages.fetch(page, rows);
            checkHeaders(report, fetched, where);
            noteQuota(fetched);
            ReportQuality quality = ReportQuality.of(fetched.value(THRESHOLDED), fetched.value(SAMPLING),
                    fetched.value(OTHER_ROW));
            for (Map<String, Object> row : pageRows) {
                quality.addTo(row);
                sink.accept(row);
            }
            sink.pageFetched(where + " " + request.window() + " page " + number + ": " + fetched.records() + " rows");
            Optional<Request> next = paging.next(page, fetched);
            if (next.isEmpty()) {
                return;
            }
            page = next.get();
        }
    }

    /** The property's dimension and metric names, custom ones included; asked once per run. */
    private synchronized PropertyMetadata metadata() throws Exception {
        if (metadata == null) {
            guardQuota();
            metadata = PropertyMetadata.fetch(client, config.apiBase() + "/v1beta/properties/" + config.propertyId()
                    + "/metadata", config.propertyId());
        }
        return metadata;
    }

    @Override
    public void check() throws Exception {
        propertyZone = Optional.ofNullable(probe());
    }

    @Override
    public synchronized Optional<ZoneId> vendorTimezone() throws Exception {
        if (propertyZone == null) {
            propertyZone = Optional.ofNullable(probe());
        }
        return propertyZone;
    }

    /** The cheapest report there is; answers the property's timezone (null when GA does not say). */
    private ZoneId probe() throws Exception {
        LocalDate day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        ObjectNode body = dateRange(DayRange.of(day));
        body.putArray("metrics").addObject().put("name", "activeUsers");
        body.put("limit", "1");
        body.put("returnPropertyQuota", true);
        Request request = Request.post(url(), "application/json", JSON.writeValueAsBytes(body));
        guardQuota();
        Page page = new PageReader(client, paging, ROWS, false).fetch(request, record -> {
        });
        noteQuota(page);
        String zone = page.text(TIME_ZONE).orElse(null);
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            LOG.log(System.Logger.Level.WARNING, "GA4 property " + config.propertyId() + " reports the timezone '"
                    + zone + "', which Java does not know; using " + config.timezone());
            return null;
        }
    }

    private Request runReport(GoogleAnalyticsReport report, DayRange days) throws Exception {
        ObjectNode body = dateRange(days);
        ArrayNode dimensions = body.putArray("dimensions");
        report.dimensions().forEach(d -> dimensions.addObject().put("name", d));
        ArrayNode metrics = body.putArray("metrics");
        report.metrics().forEach(m -> metrics.addObject().put("name", m));
        body.put("keepEmptyRows", false);
        body.put("returnPropertyQuota", true);
        // Every dimension in the order: offset paging needs a total order, or rows could move between pages.
        ArrayNode order = body.putArray("orderBys");
        report.dimensions().forEach(d -> order.addObject().putObject("dimension").put("dimensionName", d));
        return Request.post(url(), "application/json", JSON.writeValueAsBytes(body));
    }

    private static ObjectNode dateRange(DayRange days) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("dateRanges").addObject()
                .put("startDate", days.first().toString())
                .put("endDate", days.last().toString());
        return body;
    }

    private RecordSink named(GoogleAnalyticsReport report, RecordSink sink, String where) {
        return new RecordSink() {
            @Override
            public void accept(Map<String, Object> row) throws Exception {
                List<?> dimensions = values(row.get("dimensionValues"), report.dimensions().size(), "dimensionValues");
                List<?> metrics = values(row.get("metricValues"), report.metrics().size(), "metricValues");
                Map<String, Object> record = new LinkedHashMap<>();
                for (int i = 0; i < dimensions.size(); i++) {
                    String text = value(dimensions.get(i));
                    record.put(report.dimensions().get(i), i == 0 ? date(text) : text);
                }
                for (int i = 0; i < metrics.size(); i++) {
                    record.put(report.metrics().get(i), number(value(metrics.get(i))));
                }
                sink.accept(record);
            }

            private List<?> values(Object value, int expected, String field) throws SourceException {
                // proto3 JSON leaves out an empty list; a report with no metrics asked is not ours.
                List<?> list = value instanceof List<?> l ? l : List.of();
                if (list.size() != expected) {
                    throw SourceException.permanent("GA4 answered " + where + " with a row of " + list.size() + " "
                            + field + " where " + expected + " were asked for; the API's answer changed shape", null);
                }
                return list;
            }

            private LocalDate date(String text) throws SourceException {
                try {
                    return LocalDate.parse(text, GA_DATE);
                } catch (DateTimeParseException e) {
                    throw SourceException.permanent("GA4 answered " + where + " with the date '" + text
                            + "', not YYYYMMDD", null);
                }
            }
        };
    }

    /** {@code {"value": "..."}}; proto3 JSON leaves an empty value out. */
    private static String value(Object cell) {
        if (cell instanceof Map<?, ?> map && map.get("value") != null) {
            return map.get("value").toString();
        }
        return "";
    }

    /** Metric values are strings: whole numbers become Long, the rest BigDecimal; text stays text. */
    static Object number(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }

    private void checkHeaders(GoogleAnalyticsReport report, Page page, String where) throws SourceException {
        Object headers = page.value(DIMENSION_HEADERS).orElse(null);
        if (headers instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            list.forEach(h -> names.add(h instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : ""));
            if (!names.equals(report.dimensions())) {
                throw SourceException.permanent("GA4 answered " + where + " with dimensions " + names + " where "
                        + report.dimensions() + " were asked for; the rows cannot be matched to their columns", null);
            }
        }
    }

    /** Logs the tokens left; remembers when the hourly tokens ran out. */
    private synchronized void noteQuota(Page page) {
        Object quota = page.value(QUOTA).orElse(null);
        if (!(quota instanceof Map<?, ?> q)) {
            return;
        }
        Long hour = remaining(q.get("tokensPerHour"));
        Long day = remaining(q.get("tokensPerDay"));
        LOG.log(System.Logger.Level.DEBUG, "GA4 property " + config.propertyId() + ": " + hour
                + " tokens left this hour, " + day + " today");
        if (hour != null && hour <= 0) {
            hourlyQuotaSpentAt = clock.instant();
        }
    }

    /** {@code {consumed, remaining}}; proto3 JSON leaves out a remaining of 0. */
    private static Long remaining(Object status) {
        if (!(status instanceof Map<?, ?> s)) {
            return null;
        }
        Object remaining = s.get("remaining");
        return remaining instanceof Number n ? n.longValue() : remaining == null ? 0L : Long.parseLong(remaining.toString());
    }

    private synchronized void guardQuota() throws SourceException {
        if (hourlyQuotaSpentAt == null) {
            return;
        }
        Instant nextHour = hourlyQuotaSpentAt.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        if (clock.instant().isBefore(nextHour)) {
            throw SourceException.transientFault("GA4 property " + config.propertyId() + ": hourly quota exhausted "
                    + "(propertyQuota.tokensPerHour.remaining is 0), resumes next hour; the next run goes on from the "
                    + "last loaded day", null);
        }
        hourlyQuotaSpentAt = null;
    }

    private String url() {
        return config.apiBase() + "/v1beta/properties/" + config.propertyId() + ":runReport";
    }

    private GoogleAnalyticsReport report(StreamSpec stream) {
        return config.allReports().stream().filter(r -> r.name().equals(stream.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("source " + name + " has no stream " + stream.name()));
    }

    /** Body offset paging that also captures the headers, the quota and the timezone of each answer. */
    private record Captures(BodyOffsetPagination offsets) implements Pagination {
        @Override
        public Request first(Request base) {
            return offsets.first(base);
        }

        @Override
        public Optional<Request> next(Request current, Page page) {
            return offsets.next(current, page);
        }

        @Override
        public List<JsonPath> captures() {
            return List.of(ROW_COUNT, QUOTA, TIME_ZONE, DIMENSION_HEADERS, THRESHOLDED, OTHER_ROW, SAMPLING);
        }

        @Override
        public String describe() {
            return offsets.describe();
        }
    }
}
