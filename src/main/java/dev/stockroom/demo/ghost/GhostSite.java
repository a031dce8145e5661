package dev.stockroom.demo.ghost;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.DemoBusiness.Article;
import dev.stockroom.demo.DemoBusiness.Person;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo business's Ghost site as of one instant: every person who signed up is a member,
 * every article a published post sent as an email to the subscribers of its day. Objects are
 * shaped as Ghost's Admin API gives them; times are UTC with milliseconds and {@code Z}.
 */
public final class GhostSite {

    public static final String SITE_URL = "https://themargin.example";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public final List<Map<String, Object>> members = new ArrayList<>();
    public final List<Map<String, Object>> posts = new ArrayList<>();
    public final List<Map<String, Object>> newsletters = new ArrayList<>();

    GhostSite(DemoBusiness business, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        newsletters.add(newsletter(true));
        for (Person p : business.people()) {
            if (!at(p.signedUp(), p).isAfter(now)) {
                members.add(member(business, p, now, today));
            }
        }
        for (Article a : business.articles()) {
            if (!published(a).isAfter(now)) {
                posts.add(post(business, a, now));
            }
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** When something happened to a person on a day: 08:00 UTC plus their id in seconds. */
    static Instant at(LocalDate day, Person p) {
        return day.atTime(8, 0).toInstant(ZoneOffset.UTC).plusSeconds(p.id());
    }

    static Instant published(Article a) {
        return a.published().atTime(7, 0).toInstant(ZoneOffset.UTC);
    }

    private static String objectId(String prefix, int id) {
        return prefix + String.format("%022x", id);
    }

    private Map<String, Object> newsletter(boolean full) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", objectId("64", 1));
        n.put("name", "The Margin");
        n.put("slug", "the-margin");
        n.put("status", "active");
        if (full) {
            n.put("uuid", UUID.nameUUIDFromBytes("newsletter".getBytes(StandardCharsets.UTF_8)).toString());
            n.put("sender_email", null);
            n.put("subscribe_on_signup", true);
            n.put("visibility", "members");
            n.put("created_at", time(DemoBusiness.LAUNCH.atStartOfDay().toInstant(ZoneOffset.UTC)));
            n.put("updated_at", time(DemoBusiness.LAUNCH.atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        return n;
    }

    private Map<String, Object> member(DemoBusiness business, Person p, Instant now, LocalDate today) {
        Instant updated = at(p.signedUp(), p);
        for (LocalDate change : new LocalDate[] {p.paidFrom(), p.churnedOn()}) {
            if (change != null && !at(change, p).isAfter(now)) {
                updated = at(change, p);
            }
        }
        boolean subscribed = !p.unsubscribedBy(today);
        LocalDate lastDay = subscribed ? today : p.churnedOn();
        long emails = business.articles().stream().filter(a -> !a.published().isBefore(p.signedUp())
                && a.published().isBefore(lastDay) && !published(a).isAfter(now)).count();
        double openness = business.random("opens", p.id()).nextDouble();
        long opened = Math.round(emails * openness * 0.8);
        LocalDate seen = today.minusDays(business.random("seen", p.id()).nextInt(20));
        Instant lastSeen = seen.isBefore(p.signedUp()) ? at(p.signedUp(), p) : at(seen, p).minusSeconds(3600);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", objectId("65", p.id()));
        m.put("uuid", UUID.nameUUIDFromBytes(p.email().getBytes(StandardCharsets.UTF_8)).toString());
        m.put("email", p.email());
        m.put("name", p.firstName() + " " + p.lastName());
        m.put("note", null);
        m.put("geolocation", null);
        m.put("subscribed", subscribed);
        m.put("created_at", time(at(p.signedUp(), p)));
        m.put("updated_at", time(updated));
        m.put("labels", List.of(Map.of("id", objectId("66", p.source().hashCode() & 0xffff), "name", p.source(),
                "slug", p.source())));
        m.put("subscriptions", List.of());
        m.put("avatar_image", null);
        m.put("comped", p.comped());
        m.put("email_count", emails);
        m.put("email_opened_count", opened);
        m.put("email_open_rate", emails < 5 ? null : Math.round(100.0 * opened / emails));
        m.put("status", p.statusOn(today));
        m.put("last_seen_at", lastSeen.isAfter(now) ? null : time(lastSeen));
        m.put("newsletters", subscribed ? List.of(newsletter(false)) : List.of());
        m.put("unsubscribe_url", unsubscribeUrl((String) m.get("uuid")));
        return m;
    }

    /**
     * Ghost's one-click unsubscribe link: {@code ?uuid=...&key=...}, the key an HMAC-SHA256 of the
     * uuid under the site's members secret, so the link alone unsubscribes the member.
     */
    public static String unsubscribeUrl(String uuid) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec("the-margin-members-secret".getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            String key = java.util.HexFormat.of().formatHex(mac.doFinal(uuid.getBytes(StandardCharsets.UTF_8)));
            return SITE_URL + "/unsubscribe/?uuid=" + uuid + "&key=" + key;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The number of subscribers an article's email went to. */
    static long recipients(DemoBusiness business, Article a) {
        return business.peopleBy(a.published().minusDays(1)).stream()
                .filter(p -> !p.unsubscribedBy(a.published())).count();
    }

    private Map<String, Object> post(DemoBusiness business, Article a, Instant now) {
        Instant published = published(a);
        String when = time(published);
        long sent = recipients(business, a);
        long failed = sent / 100;
        double ageDays = (now.getEpochSecond() - published.getEpochSecond()) / 86_400.0;
        // Opens keep arriving for about five days after a send.
        double settled = Math.min(1.0, (ageDays + 0.5) / 5.0);
        long opened = Math.round((sent - failed) * (0.25 + 0.2 * a.appeal() / 1.7) * settled);
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("id", objectId("67", a.id()));
        email.put("post_id", objectId("63", a.id()));
        email.put("uuid", UUID.nameUUIDFromBytes(("email" + a.id()).getBytes(StandardCharsets.UTF_8)).toString());
        email.put("status", "submitted");
        email.put("recipient_filter", "all");
        email.put("email_count", sent);
        email.put("delivered_count", sent - failed);
        email.put("opened_count", opened);
        email.put("failed_count", failed);
        email.put("subject", a.title());
        email.put("track_opens", true);
        email.put("submitted_at", when);
        email.put("created_at", when);
        email.put("updated_at", when);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", objectId("63", a.id()));
        p.put("uuid", UUID.nameUUIDFromBytes(a.slug().getBytes(StandardCharsets.UTF_8)).toString());
        p.put("title", a.title());
        p.put("slug", a.slug());
        p.put("status", "published");
        p.put("visibility", "public");
        p.put("created_at", time(published.minusSeconds(86_400)));
        p.put("updated_at", when);
        p.put("published_at", when);
        p.put("url", SITE_URL + a.path());
        p.put("email_segment", "all");
        p.put("email", email);
        p.put("newsletter", newsletter(false));
        return p;
    }
}
