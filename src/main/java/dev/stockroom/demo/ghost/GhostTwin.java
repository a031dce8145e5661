package dev.stockroom.demo.ghost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.twin.Reply;
import dev.stockroom.demo.twin.SeenRequest;
import dev.stockroom.demo.twin.TwinServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ghost's Admin API ({@code /ghost/api/admin/members/}, {@code posts/}, {@code newsletters/})
 * for the demo site. It checks the admin JWT as Ghost does (HS256 over the hex-decoded secret,
 * {@code kid} = key id, {@code aud} = {@code /admin/}, at most five minutes old), pages with
 * {@code page}/{@code limit} and {@code meta.pagination}, caps members at 100 a page, and reads NQL
 * filters on any field.
 */
public final class GhostTwin extends TwinServer {

    public static final String DEMO_ADMIN_KEY =
            "6650c0ffee0000000000beef:" + "5f3a".repeat(16);
    public static final String API = "/ghost/api/admin/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The version Ghost names in {@code Content-Version} and in 406 answers (the real 5.130.6 was checked). */
    public static final String VERSION = "v5.130";
    /** Browse options Ghost's Admin API documents; {@code token} carries a JWT in the query. */
    private static final java.util.Set<String> BROWSE_OPTIONS = java.util.Set.of("filter", "fields", "formats",
            "include", "limit", "order", "page", "debug", "absolute_urls", "search", "collection", "token");

    private final DemoBusiness business;
    private volatile boolean compedSubscriptions;
    private final String keyId;
    private final byte[] secret;
    private Instant cachedAt;
    private GhostSite cached;
    private long cachedVersion = -1;
    private final GhostEdits edits;

    public GhostTwin(DemoBusiness business, String adminKey, Clock clock, int port) throws IOException {
        super(clock, port);
        this.business = business;
        int colon = adminKey.indexOf(':');
        this.keyId = adminKey.substring(0, colon);
        this.secret = HexFormat.of().parseHex(adminKey.substring(colon + 1));
        this.edits = new GhostEdits(clock);
    }

    /**
     * Site variant: comped members carry the subscription Ghost makes up for a complimentary plan
     * without Stripe, whose {@code start_date} is the moment of each read (Ghost's serializer
     * writes {@code new Date()}), so it changes on every request.
     */
    public void compedSubscriptions(boolean on) {
        this.compedSubscriptions = on;
    }

    /** The site as of the twin's clock now, with the changes made through {@link #edits()}. */
    public synchronized GhostSite site() {
        Instant now = clock.instant();
        if (!now.equals(cachedAt) || edits.version() != cachedVersion) {
            cached = new GhostSite(business, now);
            edits.applyTo(cached);
            cachedAt = now;
            cachedVersion = edits.version();
        }
        return cached;
    }

    /** What the site's owner did beyond the demo business's story: deletions, drafts, bulk edits. */
    public GhostEdits edits() {
        return edits;
    }

    @Override
    protected Reply handle(SeenRequest request) throws Exception {
        if (request.header("Authorization") == null && request.param("token").isEmpty()) {
            // Ghost lets an unauthenticated request through to its permissions check, which refuses it.
            return error(403, "NoPermissionError", "Authorization failed", "Unable to determine the authenticated "
                    + "user or integration. Check that cookies are being passed through if using session "
                    + "authentication.", null);
        }
        String refused = refusal(request.header("Authorization"));
        if (refused != null) {
            String code = refused.equals("Unknown Admin API Key") ? "UNKNOWN_ADMIN_API_KEY"
                    : refused.startsWith("Authorization header format") ? "INVALID_AUTH_HEADER" : "INVALID_JWT";
            return error(401, "UnauthorizedError", refused, null, code);
        }
        if (!request.path().startsWith(API)) {
            return error(404, "NotFoundError", "Resource not found", null);
        }
        for (String option : request.query().keySet()) {
            if (!BROWSE_OPTIONS.contains(option)) {
                // [U] Ghost ignores some unknown options; the twin refuses them so that a misnamed one shows.
                return error(400, "BadRequestError", "Unknown query option: " + option, "Valid options: "
                        + String.join(", ", new java.util.TreeSet<>(BROWSE_OPTIONS)), null);
            }
        }
        String resource = request.path().substring(API.length()).replaceAll("/+$", "");
        GhostSite site = site();
        return switch (resource) {
            case "members" -> browse(request, "members", withCompedSubscriptions(site.members), 100);
            case "posts" -> browse(request, "posts", withIncludes(site.posts, request), Integer.MAX_VALUE);
            case "newsletters" -> browse(request, "newsletters", site.newsletters, Integer.MAX_VALUE);
            // Real Ghost answers an endpoint it does not have as a version mismatch. [U] the context's wording.
            default -> error(406, "RequestNotAcceptableError", "Request not acceptable for provided Accept-Version "
                    + "header.", "Provided client accept-version " + request.header("Accept-Version") + " is "
                    + "behind current Ghost version " + VERSION + ".", "UPDATE_CLIENT");
        };
    }

    private List<Map<String, Object>> withCompedSubscriptions(List<Map<String, Object>> members) {
        if (!compedSubscriptions) {
            return members;
        }
        String now = java.time.format.DateTimeFormatter.ISO_INSTANT.format(Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> member : members) {
            if ("comped".equals(member.get("status"))) {
                member = new LinkedHashMap<>(member);
                Map<String, Object> made = new LinkedHashMap<>();
                made.put("id", "");
                made.put("customer", Map.of("id", "", "name", member.get("name"), "email", member.get("email")));
                made.put("status", "active");
                made.put("start_date", now);
                made.put("default_payment_card_last4", "****");
                made.put("cancel_at_period_end", false);
                made.put("current_period_end", null);
                made.put("price", Map.of("id", "", "price_id", "", "nickname", "Complimentary", "amount", 0,
                        "interval", "year", "type", "recurring", "currency", "USD"));
                member.put("subscriptions", List.of(made));
            }
            out.add(member);
        }
        return out;
    }

    /** Why the token is refused, or null. [U] the messages; the checks follow Ghost's admin.js. */
    private String refusal(String header) throws Exception {
        if (header == null || !header.startsWith("Ghost ")) {
            return "Authorization header format is \"Authorization: Ghost [token]\"";
        }
        String[] parts = header.substring(6).split("\\.");
        if (parts.length != 3) {
            return "Invalid token";
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonNode head = JSON.readTree(b64.decode(parts[0]));
        JsonNode claims = JSON.readTree(b64.decode(parts[1]));
        if (!keyId.equals(head.path("kid").asText())) {
            return "Unknown Admin API Key";
        }
        if (!"HS256".equals(head.path("alg").asText())) {
            return "Invalid token: invalid algorithm";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, b64.decode(parts[2]))) {
            return "Invalid token: invalid signature";
        }
        if (!"/admin/".equals(claims.path("aud").asText())) {
            return "Invalid token: jwt audience invalid. expected: /admin/";
        }
        long now = clock.instant().getEpochSecond();
        long iat = claims.path("iat").asLong(0);
        long exp = claims.path("exp").asLong(0);
        if (exp <= now) {
            return "Invalid token: jwt expired";
        }
        if (exp - iat > 300 || now - iat > 300) {
            return "Invalid token: maxAge exceeded";
        }
        return null;
    }

    private static List<Map<String, Object>> withIncludes(List<Map<String, Object>> posts, SeenRequest request) {
        List<String> include = List.of(request.param("include").orElse("").split(","));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> post : posts) {
            Map<String, Object> copy = new LinkedHashMap<>(post);
            if (!include.contains("email")) {
                copy.remove("email");
            }
            if (!include.contains("newsletter")) {
                copy.remove("newsletter");
            }
            out.add(copy);
        }
        return out;
    }

    private Reply browse(SeenRequest request, String key, List<Map<String, Object>> all, int maxLimit) {
        Predicate<Map<String, Object>> filter;
        try {
            filter = Nql.parse(request.param("filter").orElse(null));
        } catch (RuntimeException e) {
            return error(400, "BadRequestError", "Error parsing filter", e.getMessage());
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        all.forEach(r -> known.addAll(r.keySet()));
        for (String field : Nql.fields(request.param("filter").orElse(null))) {
            String column = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            if (!all.isEmpty() && !known.contains(column)) {
                // Real Ghost on SQLite: the query fails in the database. [U] the exact message.
                return error(400, "BadRequestError", "Could not understand request.", "SQLITE_ERROR: no such column: "
                        + key + "." + field, "SQLITE_ERROR");
            }
        }
        List<Map<String, Object>> matching = new ArrayList<>(all.stream().filter(filter).toList());
        java.util.Comparator<Map<String, Object>> order;
        try {
            order = GhostEdits.order(request.param("order").orElse(null));
        } catch (IllegalArgumentException e) {
            return error(400, "BadRequestError", "Invalid order", e.getMessage());
        }
        if (order != null) {
            String asked = request.param("order").orElseThrow();
            if (!GhostEdits.breaksTies(asked)) {
                // Ghost's SQL has no tie-breaker: records with equal values come in whatever order the
                // database finds them, which may differ from one page's query to the next's. [U] the shuffle.
                int asking = request.intParam("page", 1);
                order = order.thenComparing(m -> Integer.toHexString((m.get("id") + "/" + asking).hashCode()));
            }
            matching.sort(order);
        }
        String limitText = request.param("limit").orElse("15");
        int limit = limitText.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(limitText);
        limit = Math.max(1, Math.min(limit, maxLimit));
        int page = request.intParam("page", 1);
        int total = matching.size();
        int pages = Math.max(1, (int) Math.ceil(total / (double) limit));
        int from = (int) Math.min((long) (page - 1) * limit, total);
        int to = (int) Math.min((long) from + limit, total);
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("page", page);
        pagination.put("limit", limit == Integer.MAX_VALUE ? "all" : limit);
        pagination.put("pages", pages);
        pagination.put("total", total);
        pagination.put("next", page < pages ? page + 1 : null);
        pagination.put("prev", page > 1 ? page - 1 : null);
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> shown = new ArrayList<>(matching.subList(from, to));
        Optional<String> fields = request.param("fields").filter(f -> !key.equals("members"));
        if (fields.isPresent()) {
            // [U] posts and newsletters answer only the fields asked for; the twin ignores it on members.
            List<String> wanted = List.of(fields.get().split(","));
            shown.replaceAll(record -> {
                Map<String, Object> only = new LinkedHashMap<>();
                wanted.forEach(f -> {
                    if (record.containsKey(f.strip())) {
                        only.put(f.strip(), record.get(f.strip()));
                    }
                });
                return only;
            });
        }
        body.put(key, shown);
        body.put("meta", Map.of("pagination", pagination));
        return Reply.ok(body).withHeader("Content-Version", VERSION);
    }

    @Override
    protected Reply tooManyRequests() {
        // [U] Self-hosted Ghost documents no Admin API rate limit; Ghost(Pro) may answer like this.
        return error(429, "TooManyRequestsError", "Too many requests, please slow down.", null);
    }

    @Override
    protected Reply serverError() {
        return error(500, "InternalServerError", "An unexpected error occurred, please try again.", null);
    }

    private static Reply error(int status, String type, String message, String context) {
        return error(status, type, message, context, null);
    }

    /** Ghost's error body; {@code code} as Ghost sets it (INVALID_JWT, UNKNOWN_ADMIN_API_KEY, ...). */
    private static Reply error(int status, String type, String message, String context, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("context", context);
        e.put("type", type);
        e.put("details", null);
        e.put("property", null);
        e.put("help", null);
        e.put("code", code);
        e.put("id", UUID.nameUUIDFromBytes((type + message).getBytes(StandardCharsets.UTF_8)).toString());
        e.put("ghostErrorCode", null);
        return Reply.json(status, Map.of("errors", List.of(e))).withHeader("Content-Version", VERSION);
    }
}
