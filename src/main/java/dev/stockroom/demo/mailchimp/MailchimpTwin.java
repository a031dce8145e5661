package dev.stockroom.demo.mailchimp;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.twin.Reply;
import dev.stockroom.demo.twin.SeenRequest;
import dev.stockroom.demo.twin.TwinServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Mailchimp's Marketing API 3.0 for the demo audience: {@code /3.0/lists/{id}/members},
 * {@code /3.0/campaigns}, {@code /3.0/reports} and {@code /3.0/ping}, with basic auth (any user,
 * the key as password), {@code offset}/{@code count} paging (count at most 1000) and
 * {@code total_items}, problem+json errors, and 429 above ten simultaneous connections.
 */
public final class MailchimpTwin extends TwinServer {

    public static final String DEMO_KEY = "0123456789abcdef0123456789abcdef-us19";
    private static final String PROBLEM = "application/problem+json";
    private static final String ERRORS_DOC = "https://mailchimp.com/developer/marketing/docs/errors/";

    private final DemoBusiness business;
    private final String apiKey;
    private Instant cachedAt;
    private MailchimpAudience cached;

    public MailchimpTwin(DemoBusiness business, String apiKey, Clock clock, int port) throws IOException {
        super(clock, port);
        this.business = business;
        this.apiKey = apiKey;
    }

    public synchronized MailchimpAudience audience() {
        Instant now = clock.instant();
        if (!now.equals(cachedAt)) {
            cached = new MailchimpAudience(business, now);
            cachedAt = now;
        }
        return cached;
    }

    @Override
    protected int maxConcurrentRequests() {
        return 10;
    }

    @Override
    protected Reply handle(SeenRequest request) {
        if (!authorized(request.header("Authorization"))) {
            // [U] wording, as commonly reported by Mailchimp clients.
            return problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the "
                    + "wrong datacenter.");
        }
        MailchimpAudience audience = audience();
        String path = request.path().replaceAll("/+$", "");
        if (path.equals("/3.0/ping")) {
            return Reply.ok(Map.of("health_status", "Everything's Chimpy!"));
        }
        if (path.equals("/3.0/lists/" + MailchimpAudience.LIST_ID + "/members")) {
            Predicate<Map<String, Object>> filter = after(request, "since_last_changed", "last_changed");
            String status = request.param("status").orElse(null);
            if (status != null) {
                filter = filter.and(m -> status.equals(m.get("status")));
            }
            return page(request, "members", audience.members, filter,
                    Map.of("list_id", MailchimpAudience.LIST_ID));
        }
        if (path.startsWith("/3.0/lists/")) {
            return problem(404, "Resource Not Found", "The requested resource could not be found.");
        }
        if (path.equals("/3.0/campaigns")) {
            Predicate<Map<String, Object>> filter = after(request, "since_send_time", "send_time");
            String list = request.param("list_id").orElse(null);
            if (list != null && !list.equals(MailchimpAudience.LIST_ID)) {
                filter = m -> false;
            }
            return page(request, "campaigns", audience.campaigns, filter, Map.of());
        }
        if (path.equals("/3.0/reports")) {
            return page(request, "reports", audience.reports, after(request, "since_send_time", "send_time"),
                    Map.of());
        }
        return problem(404, "Resource Not Found", "The requested resource could not be found.");
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return decoded.endsWith(":" + apiKey);
    }

    /** Strictly after the given ISO time [U: Mailchimp says "after"; inclusiveness is not documented]. */
    private static Predicate<Map<String, Object>> after(SeenRequest request, String param, String field) {
        return request.param(param).<Predicate<Map<String, Object>>>map(since -> {
            Instant bound = OffsetDateTime.parse(since).toInstant();
            return m -> OffsetDateTime.parse((String) m.get(field)).toInstant().isAfter(bound);
        }).orElse(m -> true);
    }

    private Reply page(SeenRequest request, String key, List<Map<String, Object>> all,
                       Predicate<Map<String, Object>> filter, Map<String, Object> extra) {
        int count = request.intParam("count", 10);
        if (count > 1000) {
            return problem(400, "Invalid Resource", "The count must be at most 1000.");
        }
        int offset = request.intParam("offset", 0);
        List<Map<String, Object>> matching = all.stream().filter(filter).toList();
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + count, matching.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, new ArrayList<>(matching.subList(from, to)));
        body.putAll(extra);
        body.put("total_items", matching.size());
        body.put("_links", List.of());
        return Reply.ok(body);
    }

    @Override
    protected Reply tooManyRequests() {
        // [U] the detail text; Mailchimp caps each user at 10 simultaneous connections.
        return problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
    }

    @Override
    protected Reply serverError() {
        return problem(500, "Internal Server Error", "An unexpected internal error has occurred.");
    }

    private static Reply problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ERRORS_DOC);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", UUID.nameUUIDFromBytes((title + detail).getBytes(StandardCharsets.UTF_8)).toString());
        return Reply.json(status, body, PROBLEM);
    }
}
