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
import java.util.Set;
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

    /**
     * Documented query parameters of each endpoint. [U] Mailchimp may ignore others; the twin
     * refuses them with its 400 problem so that a connector's misnamed parameter shows.
     */
    private static final Map<String, Set<String>> PARAMS = Map.of(
            "members", Set.of("fields", "exclude_fields", "count", "offset", "email_type", "status",
                    "since_timestamp_opt", "before_timestamp_opt", "since_last_changed", "before_last_changed",
                    "unique_email_id", "vip_only", "interest_category_id", "interest_ids", "interest_match",
                    "sort_field", "sort_dir", "since_last_campaign", "unsubscribed_since"),
            "campaigns", Set.of("fields", "exclude_fields", "count", "offset", "type", "status", "before_send_time",
                    "since_send_time", "before_create_time", "since_create_time", "list_id", "folder_id", "member_id",
                    "sort_field", "sort_dir", "include_resend_shortcut_eligibility"),
            "reports", Set.of("fields", "exclude_fields", "count", "offset", "type", "before_send_time",
                    "since_send_time"),
            "ping", Set.of("fields", "exclude_fields"));
    /** The id of the second audience of {@link #otherAudience}. */
    public static final String OTHER_LIST_ID = "0ther1ist00";

    private final DemoBusiness business;
    private volatile boolean otherAudience;
    private final Map<String, Instant> archived = new java.util.concurrent.ConcurrentHashMap<>();
    private final String apiKey;
    private Instant cachedAt;
    private MailchimpAudience cached;

    public MailchimpTwin(DemoBusiness business, String apiKey, Clock clock, int port) throws IOException {
        super(clock, port);
        this.business = business;
        this.apiKey = apiKey;
    }

    /**
     * Account variant: a second audience whose campaigns went out at the same times; its reports
     * appear in {@code GET /reports}, which has no audience filter, and its campaigns in
     * {@code /campaigns} unless {@code list_id} names another list.
     */
    public void otherAudience(boolean present) {
        this.otherAudience = present;
    }

    /** Account variant: the member (id = md5 of the address) was archived at that instant. */
    public void archive(String memberId, Instant at) {
        archived.put(memberId, at);
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
        Set<String> allowed = PARAMS.get(path.substring(path.lastIndexOf('/') + 1));
        if (allowed != null) {
            for (String name : request.query().keySet()) {
                if (!allowed.contains(name)) {
                    return problem(400, "Invalid Resource", "The query parameter '" + name + "' is not recognised.");
                }
            }
        }
        if (path.equals("/3.0/ping")) {
            return Reply.ok(Map.of("health_status", "Everything's Chimpy!"));
        }
        if (path.equals("/3.0/lists/" + MailchimpAudience.LIST_ID + "/members")) {
            Predicate<Map<String, Object>> filter = after(request, "since_last_changed", "last_changed");
            String status = request.param("status").orElse(null);
            if (status != null) {
                filter = filter.and(m -> status.equals(m.get("status")));
            }
            // [U] whether archived members are in the list without status=archived; here they are.
            return page(request, "members", withArchived(audience.members), filter,
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
            return page(request, "campaigns", list == null ? withOther(audience.campaigns) : audience.campaigns,
                    filter, Map.of());
        }
        if (path.equals("/3.0/reports")) {
            return page(request, "reports", withOther(audience.reports), after(request, "since_send_time",
                    "send_time"), Map.of());
        }
        return problem(404, "Resource Not Found", "The requested resource could not be found.");
    }

    private List<Map<String, Object>> withArchived(List<Map<String, Object>> members) {
        if (archived.isEmpty()) {
            return members;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : members) {
            Instant at = archived.get(String.valueOf(m.get("id")));
            if (at != null && !at.isAfter(clock.instant())) {
                m = new LinkedHashMap<>(m);
                m.put("status", "archived");
                m.put("last_changed", MailchimpAudience.time(at));
            }
            out.add(m);
        }
        return out;
    }

    /** The list followed by a copy of each entry for the second audience, when that variant is on. */
    private List<Map<String, Object>> withOther(List<Map<String, Object>> items) {
        if (!otherAudience) {
            return items;
        }
        List<Map<String, Object>> out = new ArrayList<>(items);
        for (Map<String, Object> item : items) {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            copy.put("id", "o" + String.valueOf(item.get("id")).substring(1));
            if (copy.containsKey("list_id")) {
                copy.put("list_id", OTHER_LIST_ID);
            }
            if (copy.get("recipients") instanceof Map<?, ?> recipients) {
                Map<String, Object> r = new LinkedHashMap<>();
                recipients.forEach((k, v) -> r.put(String.valueOf(k), v));
                r.put("list_id", OTHER_LIST_ID);
                copy.put("recipients", r);
            }
            out.add(copy);
        }
        return out;
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
