package dev.stockroom.demo.kit;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.twin.Reply;
import dev.stockroom.demo.twin.SeenRequest;
import dev.stockroom.demo.twin.TwinServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Kit's API v4 for the demo account: {@code /v4/subscribers}, {@code /v4/tags},
 * {@code /v4/broadcasts}, {@code /v4/broadcasts/stats} and {@code /v4/broadcasts/{id}/stats}, with the key in
 * {@code X-Kit-Api-Key}, cursor paging ({@code after}/{@code before}, {@code per_page} default 500
 * and at most 1000, {@code pagination.end_cursor} and {@code has_next_page}, cursors base64 of
 * {@code [id]}), {@code status} defaulting to {@code active}, day filters ({@code yyyy-mm-dd}) and
 * errors as {@code {"errors":["..."]}}.
 */
public final class KitTwin extends TwinServer {

    public static final String DEMO_KEY = "kit_5e1f0c3a9b7d4e2f8a6c1b0d9e7f3a21";
    private static final int DEFAULT_PER_PAGE = 500;
    private static final int MAX_PER_PAGE = 1000;

    private final DemoBusiness business;
    private final String apiKey;
    /**
     * Query parameters per list. [U] {@code sent_after}/{@code sent_before} on the broadcast lists
     * (the connector relies on them); [U] whether Kit refuses others: the twin does, with its 422.
     */
    private static final Map<String, java.util.Set<String>> PARAMS = Map.of(
            "/v4/subscribers", java.util.Set.of("after", "before", "per_page", "include_total_count", "status",
                    "created_after", "created_before", "updated_after", "updated_before", "email_address",
                    "sort_field", "sort_order"),
            "/v4/tags", java.util.Set.of("after", "before", "per_page", "include_total_count"),
            "/v4/broadcasts", java.util.Set.of("after", "before", "per_page", "include_total_count", "sent_after",
                    "sent_before"),
            "/v4/broadcasts/stats", java.util.Set.of("after", "before", "per_page", "include_total_count",
                    "sent_after", "sent_before"));
    private volatile boolean proPlan = true;
    private Instant cachedAt;
    private KitAccount cached;

    public KitTwin(DemoBusiness business, String apiKey, Clock clock, int port) throws IOException {
        super(clock, port);
        this.business = business;
        this.apiKey = apiKey;
    }

    /** The account as of the twin's clock now. */
    public synchronized KitAccount account() {
        Instant now = clock.instant();
        if (!now.equals(cachedAt)) {
            cached = new KitAccount(business, now);
            cachedAt = now;
        }
        return cached;
    }

    /**
     * Account variant: an account below the Creator Pro plan, whose stats list
     * ({@code /v4/broadcasts/stats}) answers 403 as Kit documents. [U] the body's wording.
     */
    public void proPlan(boolean pro) {
        this.proPlan = pro;
    }

    /** The API root a connector is given: {@code http://127.0.0.1:PORT/v4}. */
    public String apiUrl() {
        return url() + "/v4";
    }

    @Override
    protected Reply handle(SeenRequest request) {
        if (!apiKey.equals(request.header("X-Kit-Api-Key"))) {
            // [U] the wording: Kit's API reference shows this body for 401; an API-key refusal may word it otherwise.
            return errors(401, "The access token is invalid");
        }
        KitAccount account = account();
        String path = request.path().replaceAll("/+$", "");
        java.util.Set<String> allowed = PARAMS.getOrDefault(path, path.matches("/v4/broadcasts/\\d+/stats")
                ? java.util.Set.of() : null);
        if (allowed != null) {
            for (String name : request.query().keySet()) {
                if (!allowed.contains(name)) {
                    return errors(422, name + " is not a permitted parameter");
                }
            }
        }
        try {
            return switch (path) {
                case "/v4/subscribers" -> page(request, "subscribers", account.subscribers, subscriberFilter(request,
                        account));
                case "/v4/tags" -> page(request, "tags", account.tags, m -> true);
                case "/v4/broadcasts" -> page(request, "broadcasts", account.broadcasts, sentFilter(request));
                case "/v4/broadcasts/stats" -> proPlan
                        ? page(request, "broadcasts", account.broadcastStats, sentFilter(request))
                        : errors(403, "Broadcast stats are only available on the Creator Pro plan.");
                default -> path.matches("/v4/broadcasts/\\d+/stats") ? stats(account, path) : notFound();
            };
        } catch (BadRequest e) {
            return errors(422, e.getMessage());
        }
    }

    private static Reply stats(KitAccount account, String path) {
        long id = Long.parseLong(path.split("/")[3]);
        Map<String, Object> stats = account.stats.get(id);
        if (stats == null) {
            return notFound();
        }
        Map<String, Object> broadcast = new LinkedHashMap<>();
        broadcast.put("id", id);
        broadcast.put("stats", stats);
        return Reply.ok(Map.of("broadcast", broadcast));
    }

    /** {@code status} (default active), {@code email_address}, and the day filters, inclusive of their day [U]. */
    private static Predicate<Map<String, Object>> subscriberFilter(SeenRequest request, KitAccount account) {
        String status = request.param("status").orElse("active");
        if (!List.of("active", "inactive", "bounced", "complained", "cancelled", "all").contains(status)) {
            throw new BadRequest("Status is not included in the list");
        }
        Predicate<Map<String, Object>> filter = status.equals("all") ? m -> true : m -> status.equals(m.get("state"));
        String email = request.param("email_address").orElse(null);
        if (email != null) {
            filter = filter.and(m -> email.equalsIgnoreCase((String) m.get("email_address")));
        }
        filter = filter.and(day(request, "updated_after", true, account::updatedAt));
        filter = filter.and(day(request, "updated_before", false, account::updatedAt));
        filter = filter.and(day(request, "created_after", true, m -> Instant.parse((String) m.get("created_at"))));
        return filter.and(day(request, "created_before", false, m -> Instant.parse((String) m.get("created_at"))));
    }

    /** {@code sent_after}/{@code sent_before} of the broadcast lists, by day [U: inclusive]; drafts never match them. */
    private static Predicate<Map<String, Object>> sentFilter(SeenRequest request) {
        if (request.param("sent_after").isEmpty() && request.param("sent_before").isEmpty()) {
            return m -> true;
        }
        Function<Map<String, Object>, Instant> sendAt = m -> Instant.parse((String) m.get("send_at"));
        Predicate<Map<String, Object>> window = day(request, "sent_after", true, sendAt)
                .and(day(request, "sent_before", false, sendAt));
        return m -> m.get("send_at") != null && window.test(m);
    }

    private static Predicate<Map<String, Object>> day(SeenRequest request, String param, boolean after,
                                                      Function<Map<String, Object>, Instant> field) {
        String text = request.param(param).orElse(null);
        if (text == null) {
            return m -> true;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(param.substring(0, 1).toUpperCase() + param.substring(1).replace('_', ' ')
                    + " is not a valid date (use yyyy-mm-dd)");
        }
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return after ? m -> !field.apply(m).isBefore(start) : m -> field.apply(m).isBefore(end);
    }

    /** One page of a list in id-descending order, after or before a cursor. */
    private static Reply page(SeenRequest request, String key, List<Map<String, Object>> all,
                              Predicate<Map<String, Object>> filter) {
        int perPage = request.intParam("per_page", DEFAULT_PER_PAGE);
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            // [U] the wording.
            throw new BadRequest("Per page must be between 1 and " + MAX_PER_PAGE);
        }
        List<Map<String, Object>> matching = all.stream().filter(filter).toList();
        int from = 0;
        int to = matching.size();
        if (request.param("after").isPresent()) {
            long afterId = cursorId(request.param("after").get());
            from = (int) matching.stream().takeWhile(m -> KitAccount.id(m) >= afterId).count();
        }
        if (request.param("before").isPresent()) {
            long beforeId = cursorId(request.param("before").get());
            to = (int) matching.stream().takeWhile(m -> KitAccount.id(m) > beforeId).count();
            from = Math.max(from, to - perPage);
        }
        to = Math.min(to, from + perPage);
        from = Math.min(from, to);
        List<Map<String, Object>> rows = new ArrayList<>(matching.subList(from, to));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("has_previous_page", from > 0);
        pagination.put("has_next_page", to < matching.size());
        pagination.put("start_cursor", rows.isEmpty() ? null : cursor(rows.get(0)));
        pagination.put("end_cursor", rows.isEmpty() ? null : cursor(rows.get(rows.size() - 1)));
        pagination.put("per_page", perPage);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, rows);
        body.put("pagination", pagination);
        if (request.param("include_total_count").map("true"::equals).orElse(false)) {
            // [U] the key name.
            pagination.put("total_count", matching.size());
        }
        return Reply.ok(body);
    }

    /** Kit's cursors are opaque; they look like base64 of the sort key, {@code [16479]}. */
    static String cursor(Map<String, Object> object) {
        return Base64.getEncoder().encodeToString(("[" + KitAccount.id(object) + "]")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static long cursorId(String cursor) {
        try {
            String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Long.parseLong(text.replaceAll("[\\[\\]\\s]", ""));
        } catch (IllegalArgumentException e) {
            // [U] Kit's answer to a cursor it did not hand out.
            throw new BadRequest("Cursor is invalid");
        }
    }

    private static Reply notFound() {
        return errors(404, "Not Found");
    }

    @Override
    protected Reply tooManyRequests() {
        // [U] the body; Kit documents the 429 and no Retry-After.
        return errors(429, "Rate limit hit. Please wait a moment and try again.");
    }

    @Override
    protected Reply serverError() {
        return errors(500, "An unexpected error occurred. Please try again.");
    }

    private static Reply errors(int status, String... messages) {
        return Reply.json(status, Map.of("errors", List.of(messages)));
    }

    /** A request Kit answers with 422. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
