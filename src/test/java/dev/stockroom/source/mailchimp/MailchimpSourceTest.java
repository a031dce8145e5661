package dev.stockroom.source.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.mailchimp.MailchimpAudience;
import dev.stockroom.demo.mailchimp.MailchimpTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MailchimpSourceTest {

    private static final String KEY = MailchimpTwin.DEMO_KEY;
    private static final DemoBusiness BUSINESS = DemoBusiness.standard();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private MailchimpTwin twin;

    private void startTwin() throws Exception {
        twin = new MailchimpTwin(BUSINESS, KEY, clock, 0);
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private RunSummary sync(PeopleVendorHarness h, String key, SyncOptions options) throws Exception {
        String yaml = """
                name: mail
                type: mailchimp
                api_key: "%s"
                list_id: "%s"
                base_url: "%s/3.0"
                """.formatted(key, MailchimpAudience.LIST_ID, twin.url());
        return h.sync(yaml, clock, options, c -> new MailchimpSourceFactory(PeopleVendorHarness.FAST_RETRIES)
                .create(c));
    }

    private static long after(List<Map<String, Object>> objects, String field, LocalDate day) {
        Instant bound = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        return objects.stream().filter(o -> OffsetDateTime.parse((String) o.get(field)).toInstant().isAfter(bound))
                .count();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_ninety_day_backfill_loads_members_changed_and_campaigns_sent_since_then(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(from));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        MailchimpAudience audience = twin.audience();
        assertThat(h.count("mail.members")).isEqualTo(after(audience.members, "last_changed", from)).isPositive();
        assertThat(h.count("mail.campaigns")).isEqualTo(after(audience.campaigns, "send_time", from)).isPositive();
        assertThat(h.count("mail.campaign_reports")).isEqualTo(after(audience.reports, "send_time", from));
        assertThat(twin.requests()).allSatisfy(r -> {
            assertThat(r.param("count")).hasValue("1000");
            assertThat(r.header("Authorization")).startsWith("Basic ");
        });
    }

    @Test
    void a_full_sync_pages_through_every_member_by_offset_until_total_items() throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        // Move the clock to the end of the story: all 1200 people have signed up.
        clock.advance(Duration.ofDays(950));

        RunSummary run = sync(h, KEY, new SyncOptions(List.of("mail.members"), null, null, true, false));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("mail.members")).isEqualTo(twin.audience().members.size()).isGreaterThan(1000);
        assertThat(twin.requests()).extracting(r -> r.param("offset").orElse("")).containsExactly("0", "1000");
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void an_incremental_run_asks_for_members_changed_since_the_cursor_and_reports_of_the_last_thirty_days(Db db)
            throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(from));
        String newestChange = twin.audience().members.stream().map(m -> (String) m.get("last_changed"))
                .max(String::compareTo).orElseThrow();
        String newestSend = twin.audience().campaigns.stream().map(m -> (String) m.get("send_time"))
                .max(String::compareTo).orElseThrow();
        clock.advance(Duration.ofDays(6));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        String reportsSince = OffsetDateTime.parse(newestSend).minusDays(30).toString().replace("Z", "+00:00");
        assertThat(twin.requests()).isNotEmpty().allSatisfy(r -> {
            if (r.path().endsWith("/members")) {
                assertThat(r.param("since_last_changed")).hasValue(newestChange);
            } else {
                assertThat(r.param("since_send_time").orElseThrow()).startsWith(reportsSince.substring(0, 16));
            }
        });
        MailchimpAudience audience = twin.audience();
        assertThat(h.count("mail.members")).isEqualTo(after(audience.members, "last_changed", from));
        assertThat(h.count("mail.campaigns")).isEqualTo(after(audience.campaigns, "send_time", from));
        Map<String, Object> newest = audience.reports.get(audience.reports.size() - 1);
        @SuppressWarnings("unchecked")
        Object opens = ((Map<String, Object>) newest.get("opens")).get("unique_opens");
        assertThat(h.query("SELECT opens FROM mail.campaign_reports WHERE id = '" + newest.get("id") + "'").get(0)
                .get("opens").toString().replace(" ", "")).contains("\"unique_opens\":" + opens);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_refused_key_fails_each_stream_with_advice_and_without_the_key(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        String wrong = "ffffffffffffffffffffffffffffffff-us19";

        RunSummary run = sync(h, wrong, PeopleVendorHarness.since(clock.today().minusDays(89)));

        assertThat(run.results()).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
            assertThat(r.transientFault()).isFalse();
            assertThat(r.error()).contains("401 Unauthorized").contains("check api_key").contains("API Key Invalid")
                    .doesNotContain(wrong);
        });
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_burst_of_429s_is_waited_out_and_every_row_arrives(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        twin.faults().rateLimitBurst(4);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(from));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("mail.members")).isEqualTo(after(twin.audience().members, "last_changed", from));
    }

    @Test
    void the_twin_refuses_an_eleventh_simultaneous_connection_with_a_429() throws Exception {
        startTwin();
        twin.faults().slowPages(Duration.ofMillis(400));
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("x:" + KEY).getBytes(StandardCharsets.UTF_8));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(twin.url() + "/3.0/ping"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = calls.stream().map(c -> c.join().statusCode()).toList();
        assertThat(statuses).contains(429);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void two_syncs_leave_identical_rows(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(from));
        var before = List.of(h.rows("mail.members", "id"), h.rows("mail.campaigns", "id"),
                h.rows("mail.campaign_reports", "id"));

        sync(h, KEY, PeopleVendorHarness.since(from));
        sync(h, KEY, SyncOptions.incremental());

        assertThat(List.of(h.rows("mail.members", "id"), h.rows("mail.campaigns", "id"),
                h.rows("mail.campaign_reports", "id"))).isEqualTo(before);
    }
}
