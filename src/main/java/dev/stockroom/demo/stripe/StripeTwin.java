package dev.stockroom.demo.stripe;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.twin.Reply;
import dev.stockroom.demo.twin.SeenRequest;
import dev.stockroom.demo.twin.TwinServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Stripe's API as the demo business's account sees it: {@code /v1/customers}, {@code subscriptions},
 * {@code invoices}, {@code charges} and {@code events}, with bearer (or basic) key auth, list paging
 * by {@code starting_after}/{@code has_more}, {@code created[gt|gte|lt|lte]} filters, and Stripe's
 * error bodies. Events are kept 30 days, as Stripe guarantees no more.
 */
public final class StripeTwin extends TwinServer {

    public static final String API_VERSION = "2024-06-20";
    public static final String DEMO_KEY = "sk_test_51MarginDemoKey000000000000";
    static final Duration EVENT_RETENTION = Duration.ofDays(30);

    private final DemoBusiness business;
    private final String apiKey;
    /** Documented parameters of each list (names without their [..] part); Stripe refuses any other. */
    private static final Map<String, Set<String>> LIST_PARAMS = Map.of(
            "/v1/customers", Set.of("created", "email", "ending_before", "limit", "starting_after", "test_clock",
                    "expand"),
            "/v1/subscriptions", Set.of("automatic_tax", "collection_method", "created", "current_period_end",
                    "current_period_start", "customer", "ending_before", "limit", "price", "starting_after", "status",
                    "test_clock", "expand"),
            "/v1/invoices", Set.of("collection_method", "created", "customer", "due_date", "ending_before", "limit",
                    "starting_after", "status", "subscription", "expand"),
            "/v1/charges", Set.of("created", "customer", "ending_before", "limit", "payment_intent", "starting_after",
                    "transfer_group", "expand"),
            "/v1/events", Set.of("created", "delivery_success", "ending_before", "limit", "starting_after", "type",
                    "types", "expand"));
    private static final Map<String, String> OBJECT_PREFIXES = Map.of("/v1/customers", "cus_",
            "/v1/subscriptions", "sub_", "/v1/invoices", "in_", "/v1/charges", "ch_");

    private final AtomicLong requestIds = new AtomicLong();
    private final Map<String, Instant> deletedCustomers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String defaultVersion = API_VERSION;
    private volatile Instant upgradedAt;
    private Instant cachedAt;
    private StripeLedger cached;

    public StripeTwin(DemoBusiness business, String apiKey, Clock clock, int port) throws IOException {
        super(clock, port);
        this.business = business;
        this.apiKey = apiKey;
    }

    /**
     * Account variant: the account's default API version became {@code version} at {@code since}.
     * Events created from then on carry that {@code api_version} and render {@code data.object}
     * in its shape, whatever {@code Stripe-Version} a request sends; lists and retrieves still
     * answer at the requested version (the default when none is sent).
     */
    public void upgradeAccount(String version, Instant since) {
        this.defaultVersion = version;
        this.upgradedAt = since;
    }

    /** Account variant: the customer is deleted at that instant (a {@code customer.deleted} event). */
    public void deleteCustomer(String id, Instant at) {
        deletedCustomers.put(id, at);
    }

    /** The account as of the twin's clock now. */
    public synchronized StripeLedger ledger() {
        Instant now = clock.instant();
        if (!now.equals(cachedAt)) {
            cached = new StripeLedger(business, now);
            cachedAt = now;
        }
        return cached;
    }

    @Override
    protected Reply handle(SeenRequest request) {
        if (!authorized(request.header("Authorization"))) {
            // [U] exact wording; Stripe masks all but the last four characters of the key it got.
            return error(401, "invalid_request_error", null, "Invalid API Key provided: " + masked(request));
        }
        if (!request.method().equals("GET")) {
            return error(405, "invalid_request_error", null, "This twin only answers list calls (GET).");
        }
        String version = request.header("Stripe-Version") != null ? request.header("Stripe-Version")
                : defaultVersion;
        if (!version.matches("\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?")) {
            // [U] the exact wording.
            return error(400, "invalid_request_error", null, "Invalid Stripe API version: " + version);
        }
        String path = request.path();
        int slash = path.indexOf('/', "/v1/".length());
        String collection = slash < 0 ? path : path.substring(0, slash);
        Set<String> allowed = slash < 0 ? LIST_PARAMS.get(collection)
                : OBJECT_PREFIXES.containsKey(collection) ? Set.of("expand") : null;
        if (allowed != null) {
            for (String name : request.query().keySet()) {
                String base = name.replaceAll("\\[.*$", "");
                if (!allowed.contains(base)) {
                    return error(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: "
                            + name, name);
                }
            }
        }
        StripeLedger ledger = ledger();
        if (slash > 0 && OBJECT_PREFIXES.containsKey(collection)) {
            return retrieve(collection, path.substring(slash + 1), ledger, version);
        }
        return switch (path) {
            case "/v1/customers" -> list(request, rendered(ledger.customers.stream().filter(c -> !deleted(c.get("id")))
                    .toList(), version), o -> true);
            case "/v1/subscriptions" -> list(request, rendered(ledger.subscriptions, version),
                    subscriptionStatus(request));
            case "/v1/invoices" -> list(request, rendered(ledger.invoices, version), o -> true);
            case "/v1/charges" -> list(request, rendered(ledger.charges, version), o -> true);
            case "/v1/events" -> list(request, events(ledger), eventFilter(request));
            default -> error(404, "invalid_request_error", null, "Unrecognized request URL (GET: " + request.path()
                    + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
        };
    }

    private boolean deleted(Object customerId) {
        Instant at = deletedCustomers.get(String.valueOf(customerId));
        return at != null && !at.isAfter(clock.instant());
    }

    /** {@code GET /v1/<objects>/<id>} at the requested version; a deleted customer is a stub. */
    private Reply retrieve(String collection, String id, StripeLedger ledger, String version) {
        List<Map<String, Object>> all = switch (collection) {
            case "/v1/customers" -> ledger.customers;
            case "/v1/subscriptions" -> ledger.subscriptions;
            case "/v1/invoices" -> ledger.invoices;
            default -> ledger.charges;
        };
        if (collection.equals("/v1/customers") && deleted(id)) {
            return withRequestId(Reply.ok(Map.of("id", id, "object", "customer", "deleted", true)));
        }
        for (Map<String, Object> object : all) {
            if (object.get("id").equals(id)) {
                return withRequestId(Reply.ok(StripeVersions.render(object, version)));
            }
        }
        String noun = collection.substring("/v1/".length(), collection.length() - 1);
        return error(404, "invalid_request_error", "resource_missing", "No such " + noun + ": '" + id + "'", "id");
    }

    private static List<Map<String, Object>> rendered(List<Map<String, Object>> objects, String version) {
        return objects.stream().map(o -> StripeVersions.render(o, version)).toList();
    }

    /**
     * The ledger's events, each at the version in force when it was created (the account's
     * default from {@link #upgradeAccount} on), plus the {@code customer.deleted} events.
     */
    private List<Map<String, Object>> events(StripeLedger ledger) {
        List<Map<String, Object>> out = new ArrayList<>();
        Instant upgraded = upgradedAt;
        for (Map<String, Object> event : ledger.events) {
            long created = (Long) event.get("created");
            String version = upgraded != null && created >= upgraded.getEpochSecond() ? defaultVersion : API_VERSION;
            Map<String, Object> copy = new LinkedHashMap<>(event);
            copy.put("api_version", version);
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("object");
            copy.put("data", Map.of("object", StripeVersions.render(object, version)));
            out.add(copy);
        }
        for (Map.Entry<String, Instant> deletion : deletedCustomers.entrySet()) {
            if (deletion.getValue().isAfter(clock.instant())) {
                continue;
            }
            ledger.customers.stream().filter(c -> c.get("id").equals(deletion.getKey())).findFirst().ifPresent(c -> {
                long at = deletion.getValue().getEpochSecond();
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("id", "evt_" + c.get("id") + "_deleted");
                event.put("object", "event");
                event.put("created", at);
                event.put("type", "customer.deleted");
                event.put("api_version", upgraded != null && at >= upgraded.getEpochSecond() ? defaultVersion
                        : API_VERSION);
                event.put("livemode", false);
                event.put("pending_webhooks", 0L);
                event.put("data", Map.of("object", c));
                out.add(event);
            });
        }
        out.sort(java.util.Comparator.comparing((Map<String, Object> o) -> (Long) o.get("created")).reversed()
                .thenComparing(o -> (String) o.get("id"), java.util.Comparator.reverseOrder()));
        return out;
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        if (header.startsWith("Bearer ")) {
            return header.substring(7).equals(apiKey);
        }
        if (header.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
            return decoded.equals(apiKey + ":") || decoded.equals(apiKey);
        }
        return false;
    }

    /** Stripe echoes the key it got with all but a prefix and the last four characters starred. */
    private static String masked(SeenRequest request) {
        String header = request.header("Authorization");
        String key = header == null ? "" : header.replaceFirst("^(Bearer|Basic) ", "");
        if (key.length() <= 12) {
            return "****";
        }
        return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    }

    private Reply list(SeenRequest request, List<Map<String, Object>> all, Predicate<Map<String, Object>> filter) {
        int limit = request.intParam("limit", 10);
        if (limit < 1 || limit > 100) {
            return error(400, "invalid_request_error", "parameter_invalid_integer",
                    "Invalid integer: " + limit + "; limit must be between 1 and 100", "limit");
        }
        Predicate<Map<String, Object>> created = createdFilter(request);
        List<Map<String, Object>> matching = all.stream().filter(filter).filter(created).toList();
        int start = 0;
        String after = request.param("starting_after").orElse(null);
        if (after != null) {
            int at = indexOf(all, after);
            if (at < 0) {
                return error(400, "invalid_request_error", "resource_missing",
                        "No such object: '" + after + "'", "starting_after");
            }
            Map<String, Object> anchor = all.get(at);
            start = (int) matching.stream().takeWhile(o -> o != anchor && newer(o, anchor)).count();
            if (start < matching.size() && matching.get(start) == anchor) {
                start++;
            }
        }
        int end = Math.min(matching.size(), start + limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", new ArrayList<>(matching.subList(start, end)));
        body.put("has_more", end < matching.size());
        body.put("url", request.path());
        return withRequestId(Reply.ok(body));
    }

    /** Lists are newest first, ties by id descending: true when {@code o} sorts before {@code anchor}. */
    private static boolean newer(Map<String, Object> o, Map<String, Object> anchor) {
        long a = (Long) o.get("created");
        long b = (Long) anchor.get("created");
        return a > b || a == b && ((String) o.get("id")).compareTo((String) anchor.get("id")) > 0;
    }

    private static int indexOf(List<Map<String, Object>> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).get("id").equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static Predicate<Map<String, Object>> createdFilter(SeenRequest request) {
        Predicate<Map<String, Object>> p = o -> true;
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            var value = request.param("created[" + op + "]");
            if (value.isPresent()) {
                long bound = Long.parseLong(value.get());
                Predicate<Map<String, Object>> test = switch (op) {
                    case "gt" -> o -> (Long) o.get("created") > bound;
                    case "gte" -> o -> (Long) o.get("created") >= bound;
                    case "lt" -> o -> (Long) o.get("created") < bound;
                    default -> o -> (Long) o.get("created") <= bound;
                };
                p = p.and(test);
            }
        }
        return p;
    }

    /** Without {@code status}, canceled subscriptions are left out, as in Stripe. */
    private static Predicate<Map<String, Object>> subscriptionStatus(SeenRequest request) {
        String status = request.param("status").orElse(null);
        if (status == null) {
            return o -> !"canceled".equals(o.get("status"));
        }
        if (status.equals("all")) {
            return o -> true;
        }
        if (status.equals("ended")) {
            return o -> "canceled".equals(o.get("status"));
        }
        return o -> status.equals(o.get("status"));
    }

    private Predicate<Map<String, Object>> eventFilter(SeenRequest request) {
        long oldest = clock.instant().minus(EVENT_RETENTION).getEpochSecond();
        Predicate<Map<String, Object>> p = o -> (Long) o.get("created") >= oldest;
        List<String> types = request.params("types[]");
        String type = request.param("type").orElse(null);
        if (!types.isEmpty()) {
            p = p.and(o -> types.contains((String) o.get("type")));
        } else if (type != null) {
            p = p.and(o -> type.endsWith("*")
                    ? ((String) o.get("type")).startsWith(type.substring(0, type.length() - 1))
                    : type.equals(o.get("type")));
        }
        return p;
    }

    @Override
    protected Reply tooManyRequests() {
        // [U] body and header: docs/vendors.md §6 has them from a third-party page only.
        return error(429, "invalid_request_error", "rate_limit", "Request rate limit exceeded. You can learn more "
                + "about rate limits here https://stripe.com/docs/rate-limits.")
                .withHeader("Stripe-Rate-Limited-Reason", "global-rate");
    }

    @Override
    protected Reply serverError() {
        return error(500, "api_error", null, "An unknown error occurred");
    }

    private Reply error(int status, String type, String code, String message) {
        return error(status, type, code, message, null);
    }

    private Reply error(int status, String type, String code, String message, String param) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return withRequestId(Reply.json(status, Map.of("error", error)));
    }

    private Reply withRequestId(Reply reply) {
        return reply.withHeader("Request-Id", "req_twin" + requestIds.incrementAndGet());
    }
}
