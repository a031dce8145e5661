package dev.stockroom.demo.plausible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.WebTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated Plausible (Stats API v2) serving {@link DemoBusiness}'s traffic for any date range:
 * {@code POST /api/v2/query} with Bearer-key auth, positional results, {@code pagination}
 * limit/offset, {@code include.total_rows}, and Plausible's {@code {"error": "..."}} bodies
 * (401 for a missing or wrong key or site, 400 for a bad query, 429 when rate limited, with no
 * Retry-After header, as Plausible sends none). Counts in the site's timezone, Europe/Berlin.
 *
 * <p>Supported: dimensions {@code time:day}, {@code event:page}, {@code event:props:member_status}
 * (page grain) or {@code time:day}, {@code visit:source}, {@code visit:country},
 * {@code visit:device} (session grain); metrics {@code visitors}, {@code visits},
 * {@code pageviews} (pageviews at page grain only); a date_range of two dates or {@code day},
 * {@code 7d}, {@code 30d}. Filters are ignored.
 */
public final class PlausibleTwin implements AutoCloseable {

    /** Faults to switch on for the next data requests. */
    public enum Fault {
        /** 429 with Plausible's rate-limit body and no Retry-After. */
        RATE_LIMIT,
        /** 500 with an error body. */
        SERVER_ERROR,
        /** A correct answer after a pause of {@link #slowPageMillis}. */
        SLOW_PAGE,
        /** A 200 whose JSON body breaks off halfway. */
        BROKEN_PAGE
    }

    /** A query as the twin received it. */
    public record Seen(String authorization, JsonNode body) {
        /** The {@code date_range} as sent, e.g. {@code ["2024-05-01","2024-05-31"]}. */
        public List<String> dateRange() {
            List<String> out = new ArrayList<>();
            body.path("date_range").forEach(d -> out.add(d.asText()));
            if (body.path("date_range").isTextual()) {
                out.add(body.path("date_range").asText());
            }
            return out;
        }
    }

    public static final String RATE_LIMIT_BODY = "{\"error\":\"Too many API requests. Your API key is limited to 600 "
            + "requests per hour. Please contact us to request more capacity.\"}";
    static final String MISSING_KEY = "Missing API key. Please use a valid Plausible API key as a Bearer Token.";
    static final String INVALID_KEY = "Invalid API key or site ID. Please make sure you're using a valid API key "
            + "with access to the site you've requested.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SITE_ZONE = DemoBusiness.TIMEZONE;
    /** The keys of a v2 query and of its {@code include}; Plausible's schema allows no others. */
    private static final Set<String> QUERY_KEYS = Set.of("site_id", "metrics", "date_range", "dimensions", "filters",
            "order_by", "include", "pagination", "date");
    private static final Set<String> INCLUDE_KEYS = Set.of("imports", "time_labels", "total_rows", "comparisons",
            "legacy_time_on_page_cutoff");
    private volatile LocalDate importedFrom;
    private volatile LocalDate importedUntil;
    private volatile long importShift;
    private static final Set<String> PAGE_DIMENSIONS = Set.of("time:day", "event:page", "event:props:member_status");
    private static final Set<String> SESSION_DIMENSIONS = Set.of("time:day", "visit:source", "visit:country",
            "visit:device");
    private static final Set<String> METRICS = Set.of("visitors", "visits", "pageviews");

    private final WebTraffic traffic;
    private final String siteId;
    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private volatile long slowPageMillis = 1500;

    /** Starts serving on 127.0.0.1 at the port (0 for any free one). */
    public PlausibleTwin(DemoBusiness business, String siteId, String apiKey, int port) throws IOException {
        this.traffic = new WebTraffic(business);
        this.siteId = siteId;
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure as {@code base_url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next data requests each meet one of these faults, in order. */
    public void failNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    /**
     * Account variant: history imported from Google Analytics for these days (before the site's
     * own data starts). Plausible serves it only to queries with {@code include.imports: true}
     * and says so in {@code meta.imports_included}; a query by a custom property cannot include
     * imports ({@code imports_skip_reason: unsupported_query}). The imported days repeat the
     * traffic of the same number of days from {@code nativeFrom} on.
     */
    public void importedHistory(LocalDate from, LocalDate until, LocalDate nativeFrom) {
        this.importShift = java.time.temporal.ChronoUnit.DAYS.between(from, nativeFrom);
        this.importedFrom = from;
        this.importedUntil = until;
    }

    public void slowPageMillis(long millis) {
        this.slowPageMillis = millis;
    }

    /** Every query received, in order. */
    public List<Seen> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public void clearRequests() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/api/v2/query")) {
                send(exchange, 404, error("Not found"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, error("Method not allowed; POST a JSON query"));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                send(exchange, 400, error("Invalid JSON in request body"));
                return;
            }
            seen.add(new Seen(authorization == null ? null : authorization.replaceAll("(?i)^bearer\\s+.*", "Bearer ***"),
                    body));
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                send(exchange, 401, error(MISSING_KEY));
                return;
            }
            if (!authorization.substring(7).strip().equals(apiKey)) {
                send(exchange, 401, error(INVALID_KEY));
                return;
            }
            if (!body.hasNonNull("site_id")) {
                send(exchange, 400, error("#/site_id: Required property site_id was not present."));
                return;
            }
            if (!body.get("site_id").asText().equals(siteId)) {
                send(exchange, 401, error(INVALID_KEY));
                return;
            }
            Fault fault = faults.isEmpty() ? null : faults.remove(0);
            if (fault == Fault.RATE_LIMIT) {
                send(exchange, 429, RATE_LIMIT_BODY);
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                send(exchange, 500, error("Internal server error"));
                return;
            }
            if (fault == Fault.SLOW_PAGE) {
                Thread.sleep(slowPageMillis);
            }
            Answer answer = answer(body);
            if (answer.status != 200) {
                send(exchange, answer.status, error(answer.error));
                return;
            }
            String json = JSON.writeValueAsString(answer.body);
            if (fault == Fault.BROKEN_PAGE) {
                json = json.substring(0, json.length() / 2);
            }
            send(exchange, 200, json);
        } catch (Exception e) {
            // A client that gave up closed the connection; nothing to answer.
        }
    }

    private record Answer(int status, String error, ObjectNode body) {
        static Answer bad(String message) {
            return new Answer(400, message, null);
        }
    }

    /** {@code #/key: Schema does not allow additional properties.} for a key the schema lacks [U: wording]. */
    private static String unknownKey(JsonNode query) {
        for (var names = query.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!QUERY_KEYS.contains(name)) {
                return "#/" + name + ": Schema does not allow additional properties.";
            }
        }
        for (var names = query.path("include").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!INCLUDE_KEYS.contains(name)) {
                return "#/include/" + name + ": Schema does not allow additional properties.";
            }
        }
        return null;
    }

    /** Whether day is an imported day this query gets: asked for, and a query imports can answer. */
    private boolean imported(LocalDate day, boolean wanted) {
        return wanted && importedFrom != null && !day.isBefore(importedFrom) && !day.isAfter(importedUntil);
    }

    private Answer answer(JsonNode query) {
        String unknown = unknownKey(query);
        if (unknown != null) {
            return Answer.bad(unknown);
        }
        List<String> metrics = texts(query.path("metrics"));
        List<String> dimensions = texts(query.path("dimensions"));
        if (metrics.isEmpty()) {
            return Answer.bad("#/metrics: Expected a minimum of 1 items but got 0.");
        }
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                return Answer.bad("#/metrics/" + metrics.indexOf(m) + ": Invalid metric \"" + m + "\"");
            }
        }
        boolean pageGrain = PAGE_DIMENSIONS.containsAll(dimensions);
        boolean sessionGrain = SESSION_DIMENSIONS.containsAll(dimensions) && !metrics.contains("pageviews");
        if (!pageGrain && !sessionGrain) {
            return Answer.bad("Invalid dimensions " + dimensions + " with metrics " + metrics
                    + " (this simulated Plausible supports " + PAGE_DIMENSIONS + " or " + SESSION_DIMENSIONS + ")");
        }
        LocalDate[] range = dateRange(query.path("date_range"));
        if (range == null) {
            return Answer.bad("#/date_range: Invalid date range " + query.path("date_range"));
        }
        long limit = query.path("pagination").path("limit").asLong(10_000);
        long offset = query.path("pagination").path("offset").asLong(0);
        if (limit < 1 || limit > 10_000 || offset < 0) {
            return Answer.bad("#/pagination: limit must be 1..10000 and offset at least 0");
        }

        boolean usePages = !sessionGrain;
        boolean importsAsked = query.path("include").path("imports").asBoolean(false);
        boolean importable = dimensions.stream().noneMatch(d -> d.startsWith("event:props:"));
        boolean importsIncluded = importsAsked && importable;
        Map<List<Object>, long[]> groups = new LinkedHashMap<>();
        for (LocalDate day = range[0]; !day.isAfter(range[1]); day = day.plusDays(1)) {
            boolean importedDay = imported(day, importsIncluded);
            LocalDate source = importedDay ? day.plusDays(importShift) : day;
            if (importedFrom != null && !importedDay && !day.isAfter(importedUntil)) {
                continue;
            }
            if (usePages) {
                for (WebTraffic.PageViews p : traffic.pageViews(source)) {
                    List<Object> key = new ArrayList<>();
                    for (String d : dimensions) {
                        key.add(switch (d) {
                            case "time:day" -> day.toString();
                            case "event:page" -> p.article().path();
                            default -> p.memberStatus();
                        });
                    }
                    add(groups, key, metrics, p.users(), p.sessions(), p.views());
                }
            } else {
                for (WebTraffic.SessionCell c : traffic.sessionCells(source)) {
                    List<Object> key = new ArrayList<>();
                    for (String d : dimensions) {
                        key.add(switch (d) {
                            case "time:day" -> day.toString();
                            case "visit:source" -> sourceName(c.source());
                            case "visit:country" -> c.country();
                            default -> device(c.device());
                        });
                    }
                    add(groups, key, metrics, c.users(), c.sessions(), 0);
                }
            }
        }
        List<Map.Entry<List<Object>, long[]>> rows = new ArrayList<>(groups.entrySet());
        rows.removeIf(e -> java.util.Arrays.stream(e.getValue()).allMatch(v -> v == 0));
        rows.sort(order(query.path("order_by"), dimensions, metrics));

        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (int i = (int) Math.min(offset, rows.size()); i < Math.min(offset + limit, rows.size()); i++) {
            ObjectNode result = results.addObject();
            ArrayNode m = result.putArray("metrics");
            for (long v : rows.get(i).getValue()) {
                m.add(v);
            }
            ArrayNode d = result.putArray("dimensions");
            rows.get(i).getKey().forEach(k -> d.add(String.valueOf(k)));
        }
        ObjectNode meta = out.putObject("meta");
        if (importsAsked) {
            meta.put("imports_included", importsIncluded);
            if (!importable) {
                meta.put("imports_skip_reason", "unsupported_query");
                meta.put("imports_warning", "Imported stats are not included in the results because query "
                        + "parameters are not supported. For more information, see: "
                        + "https://plausible.io/docs/stats-api#filtering-imported-stats");
            }
        }
        if (query.path("include").path("total_rows").asBoolean(false)) {
            meta.put("total_rows", rows.size());
        }
        ObjectNode echo = out.putObject("query");
        echo.put("site_id", siteId);
        echo.set("metrics", query.path("metrics"));
        ZoneOffset first = SITE_ZONE.getRules().getOffset(range[0].atStartOfDay());
        ZoneOffset last = SITE_ZONE.getRules().getOffset(range[1].atTime(23, 59, 59));
        echo.putArray("date_range").add(range[0] + "T00:00:00" + first).add(range[1] + "T23:59:59" + last);
        echo.putArray("filters");
        echo.set("dimensions", query.has("dimensions") ? query.get("dimensions") : JSON.createArrayNode());
        echo.set("order_by", query.path("order_by").isArray() ? query.get("order_by") : JSON.createArrayNode());
        echo.set("include", query.path("include").isObject() ? query.get("include") : JSON.createObjectNode());
        echo.putObject("pagination").put("offset", offset).put("limit", limit);
        return new Answer(200, null, out);
    }

    private static void add(Map<List<Object>, long[]> groups, List<Object> key, List<String> metrics, long visitors,
                            long visits, long pageviews) {
        long[] sums = groups.computeIfAbsent(key, k -> new long[metrics.size()]);
        for (int i = 0; i < metrics.size(); i++) {
            sums[i] += switch (metrics.get(i)) {
                case "visitors" -> visitors;
                case "visits" -> visits;
                default -> pageviews;
            };
        }
    }

    /** The order_by asked for; else Plausible's default: the time dimension ascending, then the first metric descending. */
    private static Comparator<Map.Entry<List<Object>, long[]>> order(JsonNode orderBy, List<String> dimensions,
                                                                     List<String> metrics) {
        List<Comparator<Map.Entry<List<Object>, long[]>>> parts = new ArrayList<>();
        if (orderBy.isArray() && orderBy.size() > 0) {
            for (JsonNode pair : orderBy) {
                String field = pair.path(0).asText();
                boolean desc = pair.path(1).asText().equals("desc");
                Comparator<Map.Entry<List<Object>, long[]>> c;
                int d = dimensions.indexOf(field);
                int m = metrics.indexOf(field);
                if (d >= 0) {
                    c = Comparator.comparing(e -> String.valueOf(e.getKey().get(d)));
                } else if (m >= 0) {
                    c = Comparator.comparingLong(e -> e.getValue()[m]);
                } else {
                    continue;
                }
                parts.add(desc ? c.reversed() : c);
            }
        } else {
            int t = dimensions.indexOf("time:day");
            if (t >= 0) {
                parts.add(Comparator.comparing(e -> String.valueOf(e.getKey().get(t))));
            }
            Comparator<Map.Entry<List<Object>, long[]>> firstMetric = Comparator.comparingLong(e -> e.getValue()[0]);
            parts.add(firstMetric.reversed());
        }
        Comparator<Map.Entry<List<Object>, long[]>> all = (a, b) -> 0;
        for (var part : parts) {
            all = all.thenComparing(part);
        }
        return all;
    }

    private static LocalDate[] dateRange(JsonNode range) {
        try {
            LocalDate today = LocalDate.now(SITE_ZONE);
            if (range.isArray() && range.size() == 2) {
                LocalDate a = LocalDate.parse(range.get(0).asText().substring(0, 10));
                LocalDate b = LocalDate.parse(range.get(1).asText().substring(0, 10));
                return b.isBefore(a) ? null : new LocalDate[] {a, b};
            }
            return switch (range.asText()) {
                case "day" -> new LocalDate[] {today, today};
                case "7d" -> new LocalDate[] {today.minusDays(7), today.minusDays(1)};
                case "30d" -> new LocalDate[] {today.minusDays(30), today.minusDays(1)};
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Plausible's names of referrer sources [U: the exact labels]. */
    private static String sourceName(String source) {
        return switch (source) {
            case "google" -> "Google";
            case "twitter" -> "Twitter";
            case "linkedin" -> "LinkedIn";
            case "newsletter-swap" -> "Newsletter";
            case "podcast" -> "Podcast";
            default -> "Direct / None";
        };
    }

    private static String device(String device) {
        return switch (device) {
            case "desktop" -> "Desktop";
            case "mobile" -> "Mobile";
            default -> "Tablet";
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String error(String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        return node.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
