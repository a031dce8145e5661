package dev.stockroom.demo.googleanalytics;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Google Analytics 4: Google's OAuth token endpoint ({@code POST /token}, the
 * service-account JWT bearer grant, the RS256 signature verified against the public key of the
 * {@link ServiceAccounts service account}) and the Data API's
 * {@code POST /v1beta/properties/{id}:runReport} serving {@link DemoBusiness}'s traffic for any
 * date range, paged by {@code offset}/{@code limit} with {@code rowCount}, with
 * {@code metadata.timeZone} "Europe/Berlin", {@code propertyQuota} when asked, Google's error
 * bodies ({@code {"error":{"code","message","status"}}}) and proto3 JSON's habit of leaving out
 * zero and empty fields.
 *
 * <p>Reports combine dimensions of one grain: pages ({@code date}, {@code pagePath},
 * {@code pageTitle}, {@code customUser:member_status}; metrics {@code screenPageViews},
 * {@code sessions}, {@code activeUsers}) or sessions ({@code date}, {@code sessionSource},
 * {@code sessionMedium}, {@code country}, {@code deviceCategory}; metrics {@code sessions},
 * {@code activeUsers}). Real GA4 allows more combinations; these are what the connector asks.
 */
public final class GoogleAnalyticsTwin implements AutoCloseable {

    /** Faults to switch on for the next runReport requests. */
    public enum Fault {
        /** 429 RESOURCE_EXHAUSTED in Google's error shape, no Retry-After. */
        RATE_LIMIT,
        /** 503 UNAVAILABLE. */
        SERVER_ERROR,
        /** A correct answer after a pause. */
        SLOW_PAGE,
        /** A 200 whose JSON breaks off halfway. */
        BROKEN_PAGE
    }

    /** A runReport request as received. */
    public record Seen(String propertyId, JsonNode body) {
        public String startDate() {
            return body.path("dateRanges").path(0).path("startDate").asText();
        }

        public String endDate() {
            return body.path("dateRanges").path(0).path("endDate").asText();
        }

        public List<String> dimensions() {
            List<String> out = new ArrayList<>();
            body.path("dimensions").forEach(d -> out.add(d.path("name").asText()));
            return out;
        }
    }

    static final String TIME_ZONE = DemoBusiness.TIMEZONE.getId();
    static final String RATE_LIMIT_MESSAGE = "Resource has been exhausted (e.g. check quota).";
    static final String HOURLY_MESSAGE = "Exhausted property tokens per hour for a property. These quota tokens will "
            + "return in under an hour. To learn more, see "
            + "https://developers.google.com/analytics/devguides/reporting/data/v1/quotas";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = DemoBusiness.TIMEZONE;
    private static final DateTimeFormatter GA_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<String> PAGE_DIMENSIONS = List.of("date", "pagePath", "pageTitle",
            "customUser:member_status");
    private static final List<String> SESSION_DIMENSIONS = List.of("date", "sessionSource", "sessionMedium", "country",
            "deviceCategory");
    private static final Set<String> PAGE_METRICS = Set.of("screenPageViews", "sessions", "activeUsers");
    private static final Set<String> SESSION_METRICS = Set.of("sessions", "activeUsers");
    private static final Map<String, String> COUNTRIES = Map.of("DE", "Germany", "AT", "Austria", "CH", "Switzerland",
            "US", "United States", "GB", "United Kingdom", "NL", "Netherlands", "FR", "France");

    private final WebTraffic traffic;
    private final String propertyId;
    private final ServiceAccounts accounts;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> tokenOwners = new ConcurrentHashMap<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong tokensIssued = new AtomicLong();
    private final Map<Instant, Long> tokensByHour = new HashMap<>();
    /** Fields of RunReportRequest (v1beta); GA4 refuses a body with any other. */
    private static final Set<String> REQUEST_FIELDS = Set.of("property", "dimensions", "metrics", "dateRanges",
            "dimensionFilter", "metricFilter", "offset", "limit", "metricAggregations", "orderBys", "currencyCode",
            "cohortSpec", "keepEmptyRows", "returnPropertyQuota", "comparisons");
    private static final Map<String, Set<String>> ITEM_FIELDS = Map.of(
            "dimensions", Set.of("name", "dimensionExpression"),
            "metrics", Set.of("name", "expression", "invisible"),
            "dateRanges", Set.of("startDate", "endDate", "name"),
            "orderBys", Set.of("metric", "dimension", "pivot", "desc"));
    /** Rows of a thresholded day whose every metric is below this are withheld, as GA's privacy thresholds do. */
    static final long THRESHOLD = 5;
    static final String MEMBER_STATUS = "customUser:member_status";

    private volatile boolean memberStatusRegistered = true;
    private volatile Set<LocalDate> thresholdedDays = Set.of();
    private volatile long hourlyTokens = 40_000;
    private volatile long slowPageMillis = 1500;

    /** Starts serving on 127.0.0.1 at the port (0 for any free one). */
    public GoogleAnalyticsTwin(DemoBusiness business, String propertyId, int port) throws IOException {
        this.traffic = new WebTraffic(business);
        this.propertyId = propertyId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        this.accounts = new ServiceAccounts(url() + "/token");
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure as {@code api_base}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The token endpoint; key files written by {@link #serviceAccounts()} carry it as {@code token_uri}. */
    public String tokenUri() {
        return url() + "/token";
    }

    /** Creates throwaway service-account keys this twin trusts, or does not. */
    public ServiceAccounts serviceAccounts() {
        return accounts;
    }

    public void failNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    /**
     * Account variant: a property that has (or has not) registered the user-scoped custom
     * dimension {@code member_status}. Unregistered, getMetadata leaves it out and runReport
     * answers 400 INVALID_ARGUMENT for it.
     */
    public void registerMemberStatus(boolean registered) {
        this.memberStatusRegistered = registered;
    }

    /**
     * Account variant: on these days GA applies its privacy thresholds: a report covering any of
     * them says {@code subjectToThresholding: true} and withholds those days' rows whose every
     * metric is below {@link #THRESHOLD}.
     */
    public void thresholdDays(Set<LocalDate> days) {
        this.thresholdedDays = Set.copyOf(days);
    }

    public void slowPageMillis(long millis) {
        this.slowPageMillis = millis;
    }

    /** Core tokens per property per hour (GA4 standard: 40,000); each report costs 10 here. */
    public void hourlyTokens(long tokensPerHour) {
        this.hourlyTokens = tokensPerHour;
        synchronized (tokensByHour) {
            tokensByHour.clear();
        }
    }

    public List<Seen> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public void clearRequests() {
        seen.clear();
    }

    public long tokensIssued() {
        return tokensIssued.get();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/token") && exchange.getRequestMethod().equals("POST")) {
                token(exchange);
            } else if (path.startsWith("/v1beta/properties/") && path.endsWith(":runReport")
                    && exchange.getRequestMethod().equals("POST")) {
                runReport(exchange, path.substring("/v1beta/properties/".length(), path.length() - ":runReport".length()));
            } else if (path.startsWith("/v1beta/properties/") && path.endsWith("/metadata")
                    && exchange.getRequestMethod().equals("GET")) {
                metadata(exchange, path.substring("/v1beta/properties/".length(), path.length() - "/metadata".length()));
            } else {
                send(exchange, 404, googleError(404, "Method not found.", "NOT_FOUND"));
            }
        } catch (Exception e) {
            // A client that gave up closed the connection; nothing to answer.
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            send(exchange, 400, oauthError("unsupported_grant_type", "Invalid grant_type: "
                    + form.getOrDefault("grant_type", "")));
            return;
        }
        ServiceAccounts.Verdict verdict = accounts.verify(form.getOrDefault("assertion", ""), Instant.now());
        if (verdict.error() != null) {
            send(exchange, 400, oauthError(verdict.error(), verdict.description()));
            return;
        }
        String token = "ya29.twin-" + java.util.UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, Instant.now().plusSeconds(3599));
        tokenOwners.put(token, verdict.clientEmail());
        tokensIssued.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                .put("token_type", "Bearer");
        send(exchange, 200, answer.toString());
    }

    /** getMetadata: the property's dimensions and metrics, its custom definitions included. */
    private void metadata(HttpExchange exchange, String property) throws IOException {
        seen.add(new Seen(property + "/metadata", JSON.createObjectNode()));
        if (!authorized(exchange, property)) {
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("name", "properties/" + property + "/metadata");
        ArrayNode dimensions = answer.putArray("dimensions");
        for (String d : PAGE_DIMENSIONS) {
            if (d.equals(MEMBER_STATUS)) {
                if (memberStatusRegistered) {
                    dimensions.addObject().put("apiName", d).put("uiName", "member_status")
                            .put("description", "A user-scoped custom dimension.").put("customDefinition", true)
                            .put("category", "Custom");
                }
            } else {
                dimensions.addObject().put("apiName", d).put("uiName", d).put("category", "Page / screen");
            }
        }
        SESSION_DIMENSIONS.stream().filter(d -> !d.equals("date"))
                .forEach(d -> dimensions.addObject().put("apiName", d).put("uiName", d).put("category", "Traffic"));
        ArrayNode metrics = answer.putArray("metrics");
        PAGE_METRICS.stream().sorted().forEach(m -> metrics.addObject().put("apiName", m).put("uiName", m)
                .put("type", "TYPE_INTEGER").put("category", "Page / screen"));
        send(exchange, 200, answer.toString());
    }

    /** Checks the bearer token and the property; answers 401 or 403 in Google's shape when they fail. */
    private boolean authorized(HttpExchange exchange, String property) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Instant expires = token == null ? null : tokens.get(token);
        if (expires == null || expires.isBefore(Instant.now())) {
            send(exchange, 401, googleError(401, "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential. See "
                    + "https://developers.google.com/identity/sign-in/web/devconsole-project.", "UNAUTHENTICATED"));
            return false;
        }
        if (!property.equals(propertyId) || !accounts.hasAccess(tokenOwners.get(token))) {
            send(exchange, 403, googleError(403, "User does not have sufficient permissions for this property. To "
                    + "learn more about Property ID, see "
                    + "https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.",
                    "PERMISSION_DENIED"));
            return false;
        }
        return true;
    }

    /** A field the RunReportRequest message does not have, as Google's JSON parser names it; null when all are known. */
    private static String unknownField(JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!REQUEST_FIELDS.contains(name)) {
                return "Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.";
            }
            Set<String> itemFields = ITEM_FIELDS.get(name);
            if (itemFields != null) {
                for (int i = 0; i < body.get(name).size(); i++) {
                    for (var inner = body.get(name).get(i).fieldNames(); inner.hasNext(); ) {
                        String field = inner.next();
                        if (!itemFields.contains(field)) {
                            return "Invalid JSON payload received. Unknown name \"" + field + "\" at '" + name + "["
                                    + i + "]': Cannot find field.";
                        }
                    }
                }
            }
        }
        return null;
    }

    private void runReport(HttpExchange exchange, String property) throws Exception {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            send(exchange, 400, googleError(400, "Invalid JSON payload received.", "INVALID_ARGUMENT"));
            return;
        }
        seen.add(new Seen(property, body));
        String unknown = unknownField(body);
        if (unknown != null) {
            send(exchange, 400, googleError(400, unknown, "INVALID_ARGUMENT"));
            return;
        }
        if (!authorized(exchange, property)) {
            return;
        }
        Fault fault = faults.isEmpty() ? null : faults.remove(0);
        if (fault == Fault.RATE_LIMIT) {
            send(exchange, 429, googleError(429, RATE_LIMIT_MESSAGE, "RESOURCE_EXHAUSTED"));
            return;
        }
        if (fault == Fault.SERVER_ERROR) {
            send(exchange, 503, googleError(503, "The service is currently unavailable.", "UNAVAILABLE"));
            return;
        }
        if (fault == Fault.SLOW_PAGE) {
            Thread.sleep(slowPageMillis);
        }
        long consumed = consumeTokens();
        if (consumed < 0) {
            send(exchange, 429, googleError(429, HOURLY_MESSAGE, "RESOURCE_EXHAUSTED"));
            return;
        }
        ObjectNode answer;
        try {
            answer = report(body);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, googleError(400, e.getMessage(), "INVALID_ARGUMENT"));
            return;
        }
        if (body.path("returnPropertyQuota").asBoolean(false)) {
            answer.set("propertyQuota", quota(consumed));
        }
        answer.put("kind", "analyticsData#runReport");
        String json = answer.toString();
        if (fault == Fault.BROKEN_PAGE) {
            json = json.substring(0, json.length() / 2);
        }
        send(exchange, 200, json);
    }

    /** Tokens used this hour after this request, or -1 when the hour's tokens were already gone. */
    private long consumeTokens() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        synchronized (tokensByHour) {
            long used = tokensByHour.getOrDefault(hour, 0L);
            if (used >= hourlyTokens) {
                return -1;
            }
            used = Math.min(hourlyTokens, used + 10);
            tokensByHour.put(hour, used);
            return used;
        }
    }

    private ObjectNode quota(long consumedThisHour) {
        ObjectNode quota = JSON.createObjectNode();
        status(quota.putObject("tokensPerDay"), 10, 200_000 - consumedThisHour);
        status(quota.putObject("tokensPerHour"), 10, hourlyTokens - consumedThisHour);
        status(quota.putObject("concurrentRequests"), 0, 10);
        status(quota.putObject("serverErrorsPerProjectPerHour"), 0, 10);
        status(quota.putObject("potentiallyThresholdedRequestsPerHour"), 0, 120);
        status(quota.putObject("tokensPerProjectPerHour"), 10, Math.max(0, hourlyTokens * 35 / 100 - consumedThisHour));
        return quota;
    }

    /** proto3 JSON: a 0 is left out. */
    private static void status(ObjectNode node, long consumed, long remaining) {
        if (consumed > 0) {
            node.put("consumed", consumed);
        }
        if (remaining > 0) {
            node.put("remaining", remaining);
        }
    }

    private ObjectNode report(JsonNode body) {
        JsonNode range = body.path("dateRanges").path(0);
        if (range.isMissingNode()) {
            throw new IllegalArgumentException("A dateRange is required.");
        }
        LocalDate first = date(range.path("startDate").asText());
        LocalDate last = date(range.path("endDate").asText());
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("The dateRange's endDate must not be before its startDate.");
        }
        List<String> dimensions = names(body.path("dimensions"));
        List<String> metrics = names(body.path("metrics"));
        for (String d : dimensions) {
            if (!PAGE_DIMENSIONS.contains(d) && !SESSION_DIMENSIONS.contains(d)
                    || d.equals(MEMBER_STATUS) && !memberStatusRegistered) {
                throw new IllegalArgumentException("Field " + d + " is not a valid dimension. For a list of valid "
                        + "dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/"
                        + "data/v1/api-schema ");
            }
        }
        for (String m : metrics) {
            if (!PAGE_METRICS.contains(m)) {
                throw new IllegalArgumentException("Field " + m + " is not a valid metric. For a list of valid "
                        + "dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/"
                        + "data/v1/api-schema ");
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("At least one metric is required.");
        }
        boolean sessionGrain = SESSION_DIMENSIONS.containsAll(dimensions) && SESSION_METRICS.containsAll(metrics);
        boolean pageGrain = PAGE_DIMENSIONS.containsAll(dimensions);
        if (!sessionGrain && !pageGrain) {
            throw new IllegalArgumentException("Please remove " + dimensions + " to make the request compatible. "
                    + "(This simulated GA4 combines page dimensions or session dimensions, not both.)");
        }
        long limit = body.has("limit") ? Long.parseLong(body.get("limit").asText()) : 10_000;
        long offset = body.has("offset") ? Long.parseLong(body.get("offset").asText()) : 0;
        if (limit <= 0 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset must not be negative.");
        }
        limit = Math.min(limit, 250_000);

        Map<List<String>, long[]> groups = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            String date = GA_DATE.format(day);
            if (!sessionGrain) {
                for (WebTraffic.PageViews p : traffic.pageViews(day)) {
                    List<String> key = new ArrayList<>();
                    for (String d : dimensions) {
                        key.add(switch (d) {
                            case "date" -> date;
                            case "pagePath" -> p.article().path();
                            case "pageTitle" -> p.article().title() + " | The Margin";
                            default -> p.memberStatus();
                        });
                    }
                    add(groups, key, metrics, p.views(), p.sessions(), p.users());
                }
            } else {
                for (WebTraffic.SessionCell c : traffic.sessionCells(day)) {
                    String[] source = source(c.source());
                    List<String> key = new ArrayList<>();
                    for (String d : dimensions) {
                        key.add(switch (d) {
                            case "date" -> date;
                            case "sessionSource" -> source[0];
                            case "sessionMedium" -> source[1];
                            case "country" -> COUNTRIES.getOrDefault(c.country(), "(not set)");
                            default -> c.device();
                        });
                    }
                    add(groups, key, metrics, 0, c.sessions(), c.users());
                }
            }
        }
        List<Map.Entry<List<String>, long[]>> rows = new ArrayList<>(groups.entrySet());
        // keepEmptyRows=false (the default) drops rows whose metrics are all 0.
        rows.removeIf(e -> java.util.Arrays.stream(e.getValue()).allMatch(v -> v == 0));
        boolean thresholded = thresholdedDays.stream().anyMatch(d -> !d.isBefore(first) && !d.isAfter(last));
        if (thresholded) {
            int dateAt = dimensions.indexOf("date");
            rows.removeIf(e -> dateAt >= 0 && thresholdedDays.contains(LocalDate.parse(e.getKey().get(dateAt), GA_DATE))
                    && java.util.Arrays.stream(e.getValue()).allMatch(v -> v < THRESHOLD));
        }
        rows.sort(order(body.path("orderBys"), dimensions));

        ObjectNode out = JSON.createObjectNode();
        ArrayNode dimensionHeaders = out.putArray("dimensionHeaders");
        dimensions.forEach(d -> dimensionHeaders.addObject().put("name", d));
        ArrayNode metricHeaders = out.putArray("metricHeaders");
        metrics.forEach(m -> metricHeaders.addObject().put("name", m).put("type", "TYPE_INTEGER"));
        int from = (int) Math.min(offset, rows.size());
        int to = (int) Math.min(offset + limit, rows.size());
        if (to > from) {
            ArrayNode rowsNode = out.putArray("rows");
            for (int i = from; i < to; i++) {
                ObjectNode row = rowsNode.addObject();
                ArrayNode dv = row.putArray("dimensionValues");
                for (String value : rows.get(i).getKey()) {
                    ObjectNode cell = dv.addObject();
                    if (!value.isEmpty()) {
                        cell.put("value", value);
                    }
                }
                ArrayNode mv = row.putArray("metricValues");
                for (long value : rows.get(i).getValue()) {
                    mv.addObject().put("value", Long.toString(value));
                }
            }
        }
        if (!rows.isEmpty()) {
            out.put("rowCount", rows.size());
        }
        ObjectNode metadata = out.putObject("metadata");
        if (thresholded) {
            metadata.put("subjectToThresholding", true);
        }
        metadata.put("currencyCode", "EUR").put("timeZone", TIME_ZONE);
        return out;
    }

    private static void add(Map<List<String>, long[]> groups, List<String> key, List<String> metrics, long views,
                            long sessions, long users) {
        long[] sums = groups.computeIfAbsent(key, k -> new long[metrics.size()]);
        for (int i = 0; i < metrics.size(); i++) {
            sums[i] += switch (metrics.get(i)) {
                case "screenPageViews" -> views;
                case "sessions" -> sessions;
                default -> users;
            };
        }
    }

    private static Comparator<Map.Entry<List<String>, long[]>> order(JsonNode orderBys, List<String> dimensions) {
        Comparator<Map.Entry<List<String>, long[]>> all = (a, b) -> 0;
        List<String> by = new ArrayList<>();
        orderBys.forEach(o -> by.add(o.path("dimension").path("dimensionName").asText()));
        if (by.isEmpty() && dimensions.contains("date")) {
            by.add("date");
        }
        for (String name : by) {
            int i = dimensions.indexOf(name);
            if (i >= 0) {
                all = all.thenComparing(e -> e.getKey().get(i));
            }
        }
        return all;
    }

    /** GA4's sessionSource / sessionMedium for the business's acquisition channels. */
    private static String[] source(String source) {
        return switch (source) {
            case "google" -> new String[] {"google", "organic"};
            case "twitter" -> new String[] {"t.co", "referral"};
            case "linkedin" -> new String[] {"linkedin.com", "referral"};
            case "newsletter-swap" -> new String[] {"newsletter", "email"};
            case "podcast" -> new String[] {"podcast", "audio"};
            default -> new String[] {"(direct)", "(none)"};
        };
    }

    private static LocalDate date(String text) {
        LocalDate today = LocalDate.now(ZONE);
        if (text.equals("today")) {
            return today;
        }
        if (text.equals("yesterday")) {
            return today.minusDays(1);
        }
        if (text.matches("\\d+daysAgo")) {
            return today.minusDays(Long.parseLong(text.substring(0, text.length() - "daysAgo".length())));
        }
        try {
            return LocalDate.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid date '" + text + "': use YYYY-MM-DD, today, yesterday or "
                    + "NdaysAgo.");
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }

    static String googleError(int code, String message, String status) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message).put("status", status);
        return error.toString();
    }

    private static String oauthError(String error, String description) {
        return JSON.createObjectNode().put("error", error).put("error_description", description).toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
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
