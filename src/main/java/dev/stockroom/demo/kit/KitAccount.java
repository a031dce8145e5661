package dev.stockroom.demo.kit;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.DemoBusiness.Article;
import dev.stockroom.demo.DemoBusiness.Person;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo business's Kit account as of one instant: everyone who signed up is a subscriber
 * ({@code cancelled} once they unsubscribed, {@code bounced} for the few whose address stopped
 * working), tags name where people came from and who pays, and every article went out as one
 * broadcast on its publication day. Opens and clicks settle over five days. Lists are in Kit's
 * default order, {@code id} descending; times are UTC with {@code Z} and no fraction.
 */
public final class KitAccount {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String[] SOURCES = {"google", "twitter", "linkedin", "newsletter-swap", "podcast", "direct"};

    public final List<Map<String, Object>> subscribers = new ArrayList<>();
    public final List<Map<String, Object>> tags = new ArrayList<>();
    public final List<Map<String, Object>> broadcasts = new ArrayList<>();
    /** The stats list: id, subject, send_at and stats of each broadcast, newest first. */
    public final List<Map<String, Object>> broadcastStats = new ArrayList<>();
    /** Broadcast id to its {@code stats} object. */
    public final Map<Long, Map<String, Object>> stats = new HashMap<>();
    /** Subscriber id to its last change; Kit filters on it but does not show it. */
    private final Map<Long, Instant> updated = new HashMap<>();

    KitAccount(DemoBusiness business, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Person p : business.people()) {
            if (!at(p.signedUp(), p).isAfter(now)) {
                subscribers.add(subscriber(business, p, now, today));
            }
        }
        Instant launch = DemoBusiness.LAUNCH.atTime(9, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < SOURCES.length; i++) {
            tags.add(tag(5101 + i, "source-" + SOURCES[i], launch));
        }
        tags.add(tag(5201, "paid", launch));
        tags.add(tag(5202, "comped", launch));
        for (Article a : business.articles()) {
            if (!sent(a).isAfter(now)) {
                broadcast(business, a, now);
            }
        }
        Comparator<Map<String, Object>> byIdDesc = Comparator.comparing((Map<String, Object> m) -> id(m)).reversed();
        subscribers.sort(byIdDesc);
        tags.sort(byIdDesc);
        broadcasts.sort(byIdDesc);
        broadcastStats.sort(byIdDesc);
    }

    static long id(Map<String, Object> object) {
        return ((Number) object.get("id")).longValue();
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** When something happened to a person on a day: 08:00 UTC plus their id in seconds. */
    static Instant at(LocalDate day, Person p) {
        return day.atTime(8, 0).toInstant(ZoneOffset.UTC).plusSeconds(p.id());
    }

    static Instant sent(Article a) {
        return a.published().atTime(7, 0).toInstant(ZoneOffset.UTC);
    }

    /** The instant of a subscriber's last change: sign-up, paying, leaving or bouncing. */
    public Instant updatedAt(Map<String, Object> subscriber) {
        return updated.get(id(subscriber));
    }

    /** The day a person's address starts bouncing, for about one in thirty who never unsubscribe. */
    static LocalDate bouncedOn(DemoBusiness business, Person p) {
        var r = business.random("bounce", p.id());
        return r.nextDouble() < 0.035 && p.churnedOn() == null ? p.signedUp().plusDays(20 + r.nextInt(200)) : null;
    }

    private Map<String, Object> subscriber(DemoBusiness business, Person p, Instant now, LocalDate today) {
        LocalDate bounced = bouncedOn(business, p);
        Instant changed = at(p.signedUp(), p);
        for (LocalDate change : new LocalDate[] {p.paidFrom(), p.churnedOn(), bounced}) {
            if (change != null && !at(change, p).isAfter(now) && at(change, p).isAfter(changed)) {
                changed = at(change, p);
            }
        }
        String state = p.unsubscribedBy(today) ? "cancelled"
                : bounced != null && !at(bounced, p).isAfter(now) ? "bounced" : "active";
        long id = 2_600_000L + p.id();
        updated.put(id, changed);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("last_name", p.lastName());
        fields.put("country", p.country());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("first_name", p.firstName());
        s.put("email_address", p.email());
        s.put("state", state);
        s.put("created_at", time(at(p.signedUp(), p)));
        s.put("fields", fields);
        return s;
    }

    private static Map<String, Object> tag(long id, String name, Instant created) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("name", name);
        t.put("created_at", time(created));
        return t;
    }

    private void broadcast(DemoBusiness business, Article a, Instant now) {
        Instant sentAt = sent(a);
        long id = 7000L + a.id();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", id);
        b.put("publication_id", id);
        b.put("created_at", time(sentAt.minusSeconds(86_400)));
        b.put("subject", a.title());
        b.put("preview_text", null);
        b.put("description", a.slug());
        b.put("content", "<p>" + a.title() + "</p>");
        b.put("public", true);
        b.put("published_at", time(sentAt));
        b.put("send_at", time(sentAt));
        b.put("thumbnail_alt", null);
        b.put("thumbnail_url", null);
        b.put("public_url", "https://themargin.kit.com/posts/" + a.slug());
        b.put("email_address", "hello@themargin.example");
        b.put("email_template", Map.of("id", 6, "name", "Text Only"));
        b.put("subscriber_filter", List.of(Map.of("all", List.of(Map.of("type", "all_subscribers")))));
        broadcasts.add(b);

        long recipients = business.peopleBy(a.published().minusDays(1)).stream()
                .filter(p -> !p.unsubscribedBy(a.published())).count();
        double ageDays = (now.getEpochSecond() - sentAt.getEpochSecond()) / 86_400.0;
        double settled = Math.min(1.0, (ageDays + 0.5) / 5.0);
        long opened = Math.round(recipients * (0.3 + 0.2 * a.appeal() / 1.7) * settled);
        long clickers = Math.round(opened * (0.08 + 0.1 * a.appeal() / 1.7));
        long unsubscribes = recipients / 200;
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("recipients", recipients);
        // [U] Kit's rates as percentages with two decimals, as its dashboard shows them.
        st.put("open_rate", percent(opened, recipients));
        st.put("emails_opened", opened);
        st.put("click_rate", percent(clickers, recipients));
        st.put("unsubscribe_rate", percent(unsubscribes, recipients));
        st.put("unsubscribes", unsubscribes);
        st.put("total_clicks", Math.round(clickers * 1.3));
        st.put("show_total_clicks", true);
        st.put("status", "completed");
        st.put("progress", 100.0);
        st.put("open_tracking_disabled", false);
        st.put("click_tracking_disabled", false);
        stats.put(id, st);
        Map<String, Object> listed = new LinkedHashMap<>();
        listed.put("id", id);
        listed.put("subject", a.title());
        listed.put("send_at", time(sentAt));
        listed.put("stats", st);
        broadcastStats.add(listed);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10_000.0 * part / whole) / 100.0;
    }
}
