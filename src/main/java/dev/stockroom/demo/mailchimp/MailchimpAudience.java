package dev.stockroom.demo.mailchimp;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.DemoBusiness.Article;
import dev.stockroom.demo.DemoBusiness.Person;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo business's Mailchimp audience as of one instant: everyone who signed up is a member
 * (unsubscribed once they left), and every article went out as one campaign on its publication
 * day to the subscribers of that day. Opens and clicks settle over five days. Times are ISO 8601
 * with {@code +00:00}, as Mailchimp writes them.
 */
public final class MailchimpAudience {

    public static final String LIST_ID = "7a1b2c3d4e";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);

    public final List<Map<String, Object>> members = new ArrayList<>();
    public final List<Map<String, Object>> campaigns = new ArrayList<>();
    public final List<Map<String, Object>> reports = new ArrayList<>();

    MailchimpAudience(DemoBusiness business, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Person p : business.people()) {
            if (!at(p.signedUp(), p).isAfter(now)) {
                members.add(member(business, p, now, today));
            }
        }
        members.sort(java.util.Comparator.comparing((Map<String, Object> m) -> (String) m.get("last_changed"))
                .thenComparing(m -> (String) m.get("id")));
        for (Article a : business.articles()) {
            if (!sent(a).isAfter(now)) {
                campaign(business, a, now);
            }
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static Instant at(LocalDate day, Person p) {
        return day.atTime(8, 0).toInstant(ZoneOffset.UTC).plusSeconds(p.id());
    }

    static Instant sent(Article a) {
        return a.published().atTime(7, 0).toInstant(ZoneOffset.UTC);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> member(DemoBusiness business, Person p, Instant now, LocalDate today) {
        Instant changed = at(p.signedUp(), p);
        for (LocalDate change : new LocalDate[] {p.paidFrom(), p.churnedOn()}) {
            if (change != null && !at(change, p).isAfter(now)) {
                changed = at(change, p);
            }
        }
        String id = md5(p.email().toLowerCase());
        boolean paying = "paid".equals(p.statusOn(today));
        double openRate = Math.round(business.random("opens", p.id()).nextDouble() * 80) / 100.0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("email_address", p.email());
        m.put("unique_email_id", id.substring(0, 10));
        m.put("contact_id", md5("contact" + p.id()));
        m.put("full_name", p.firstName() + " " + p.lastName());
        m.put("email_type", "html");
        m.put("status", p.unsubscribedBy(today) ? "unsubscribed" : "subscribed");
        m.put("merge_fields", Map.of("FNAME", p.firstName(), "LNAME", p.lastName()));
        m.put("stats", Map.of("avg_open_rate", openRate, "avg_click_rate", Math.round(openRate * 25) / 100.0));
        m.put("ip_signup", "");
        m.put("timestamp_signup", "");
        m.put("timestamp_opt", time(at(p.signedUp(), p)));
        m.put("member_rating", 2 + p.id() % 4);
        m.put("last_changed", time(changed));
        m.put("language", "");
        m.put("vip", false);
        m.put("location", Map.of("country_code", p.country()));
        m.put("source", "API - Generic");
        m.put("tags_count", paying ? 1 : 0);
        m.put("tags", paying ? List.of(Map.of("id", 101, "name", "paid")) : List.of());
        m.put("list_id", LIST_ID);
        return m;
    }

    private void campaign(DemoBusiness business, Article a, Instant now) {
        Instant sentAt = sent(a);
        long recipients = business.peopleBy(a.published().minusDays(1)).stream()
                .filter(p -> !p.unsubscribedBy(a.published())).count();
        // Opens settle over days; counted in whole days so that two syncs on one day see the same report.
        double ageDays = Math.floor((now.getEpochSecond() - sentAt.getEpochSecond()) / 86_400.0);
        double settled = Math.min(1.0, (ageDays + 0.5) / 5.0);
        long bounces = recipients / 80;
        long uniqueOpens = Math.round((recipients - bounces) * (0.3 + 0.2 * a.appeal() / 1.7) * settled);
        long opens = Math.round(uniqueOpens * 1.6);
        long uniqueClicks = Math.round(uniqueOpens * (0.08 + 0.1 * a.appeal() / 1.7));
        long clicks = Math.round(uniqueClicks * 1.3);
        double openRate = recipients == 0 ? 0 : Math.round(10_000.0 * uniqueOpens / recipients) / 10_000.0;
        double clickRate = recipients == 0 ? 0 : Math.round(10_000.0 * uniqueClicks / recipients) / 10_000.0;
        String id = md5("campaign" + a.id()).substring(0, 10);

        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("web_id", 1000 + a.id());
        c.put("type", "regular");
        c.put("create_time", time(sentAt.minusSeconds(86_400)));
        c.put("archive_url", "https://mailchi.mp/themargin/" + a.slug());
        c.put("status", "sent");
        c.put("emails_sent", recipients);
        c.put("send_time", time(sentAt));
        c.put("content_type", "template");
        c.put("recipients", Map.of("list_id", LIST_ID, "list_is_active", true, "list_name", "The Margin",
                "recipient_count", recipients));
        c.put("settings", Map.of("subject_line", a.title(), "title", a.slug(), "from_name", "The Margin"));
        c.put("report_summary", Map.of("opens", opens, "unique_opens", uniqueOpens, "open_rate", openRate,
                "clicks", clicks, "subscriber_clicks", uniqueClicks, "click_rate", clickRate));
        campaigns.add(c);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("campaign_title", a.slug());
        r.put("type", "regular");
        r.put("list_id", LIST_ID);
        r.put("list_is_active", true);
        r.put("list_name", "The Margin");
        r.put("subject_line", a.title());
        r.put("emails_sent", recipients);
        r.put("abuse_reports", 0);
        r.put("unsubscribed", recipients / 200);
        r.put("send_time", time(sentAt));
        r.put("bounces", Map.of("hard_bounces", bounces / 2, "soft_bounces", bounces - bounces / 2,
                "syntax_errors", 0));
        r.put("forwards", Map.of("forwards_count", 0, "forwards_opens", 0));
        r.put("opens", Map.of("opens_total", opens, "unique_opens", uniqueOpens, "open_rate", openRate,
                "last_open", time(sentAt.plusSeconds((long) (Math.min(ageDays, 5) * 86_400)))));
        r.put("clicks", Map.of("clicks_total", clicks, "unique_clicks", uniqueClicks,
                "unique_subscriber_clicks", uniqueClicks, "click_rate", clickRate));
        reports.add(r);
    }
}
