package dev.stockroom.source.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.kit.KitAccount;
import dev.stockroom.demo.kit.KitTwin;
import dev.stockroom.demo.twin.SeenRequest;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KitSourceTest {

    private static final String KEY = KitTwin.DEMO_KEY;
    private static final DemoBusiness BUSINESS = DemoBusiness.standard();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private KitTwin twin;

    private void startTwin() throws Exception {
        twin = new KitTwin(BUSINESS, KEY, clock, 0);
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private RunSummary sync(PeopleVendorHarness h, String key, SyncOptions options) throws Exception {
        String yaml = """
                name: kit
                type: kit
                api_key: "%s"
                base_url: "%s"
                max_requests_per_second: 0
                """.formatted(key, twin.apiUrl());
        return h.sync(yaml, clock, options, c -> new KitSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES)
                .create(c));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private long subscribersUpdatedSince(LocalDate day) {
        KitAccount account = twin.account();
        return account.subscribers.stream().filter(s -> !account.updatedAt(s).isBefore(start(day))).count();
    }

    private List<Map<String, Object>> broadcastsSentSince(Instant bound) {
        return twin.account().broadcasts.stream()
                .filter(b -> !Instant.parse((String) b.get("send_at")).isBefore(bound)).toList();
    }

    private long opened(Map<String, Object> broadcast) {
        return ((Number) twin.account().stats.get(((Number) broadcast.get("id")).longValue()).get("emails_opened"))
                .longValue();
    }

    private List<SeenRequest> requestsTo(String path) {
        return twin.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_ninety_day_backfill_loads_subscribers_of_every_state_tags_and_broadcasts_with_stats(Db db)
            throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(from));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("kit.subscribers")).isEqualTo(subscribersUpdatedSince(from)).isPositive();
        assertThat(h.count("kit.tags")).isEqualTo(twin.account().tags.size());
        List<Map<String, Object>> sent = broadcastsSentSince(start(from));
        assertThat(h.count("kit.broadcasts")).isEqualTo(sent.size()).isPositive();
        assertThat(h.query("SELECT DISTINCT state FROM kit.subscribers")).extracting(r -> r.get("state"))
                .contains("active", "cancelled").isSubsetOf("active", "cancelled", "bounced");
        Map<String, Object> newest = sent.get(0);
        Map<String, Object> stats = twin.account().stats.get(((Number) newest.get("id")).longValue());
        Map<String, Object> row = h.query("SELECT recipients, emails_opened, open_rate FROM kit.broadcasts WHERE id = "
                + newest.get("id")).get(0);
        assertThat(((Number) row.get("recipients")).longValue()).isEqualTo(stats.get("recipients")).isPositive();
        assertThat(((Number) row.get("emails_opened")).longValue()).isEqualTo(stats.get("emails_opened"));
        assertThat(twin.requests()).allSatisfy(r -> {
            assertThat(r.header("X-Kit-Api-Key")).isEqualTo(KEY);
            if (!r.path().endsWith("/stats")) {
                assertThat(r.param("per_page")).hasValue("1000");
            }
        });
        assertThat(requestsTo("/v4/subscribers")).singleElement().satisfies(r -> {
            assertThat(r.param("status")).hasValue("all");
            assertThat(r.param("updated_after")).hasValue(from.toString());
        });
        // Stats come from the stats list, not one call per broadcast.
        assertThat(twin.requests()).extracting(SeenRequest::path).containsOnly("/v4/subscribers", "/v4/tags",
                "/v4/broadcasts", "/v4/broadcasts/stats");
        String dayBefore = from.minusDays(1).toString();
        assertThat(requestsTo("/v4/broadcasts")).singleElement()
                .satisfies(r -> assertThat(r.param("sent_after")).hasValue(dayBefore));
        assertThat(requestsTo("/v4/broadcasts/stats")).singleElement()
                .satisfies(r -> assertThat(r.param("sent_after")).hasValue(dayBefore));
    }

    @Test
    void an_account_below_pro_loads_broadcasts_without_stats_and_warns_once_per_run() throws Exception {
        startTwin();
        twin.proPlan(false);
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        LocalDate from = clock.today().minusDays(89);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(from));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        StreamResult broadcasts = PeopleVendorHarness.result(run, "broadcasts");
        assertThat(broadcasts.status()).isEqualTo(StreamResult.Status.SUCCESS);
        assertThat(broadcasts.warning()).hasValueSatisfying(w -> assertThat(w).contains("403")
                .contains("Creator Pro plan").doesNotContain("; Kit"));
        assertThat(PeopleVendorHarness.result(run, "subscribers").warning()).isEmpty();
        assertThat(h.count("kit.broadcasts")).isEqualTo(broadcastsSentSince(start(from)).size()).isPositive();
        assertThat(h.query("SELECT * FROM kit.broadcasts").get(0)).containsKey("subject")
                .doesNotContainKey("emails_opened");
        // One refused stats list, and no per-broadcast stats calls after it.
        assertThat(requestsTo("/v4/broadcasts/stats")).hasSize(1);
        assertThat(twin.requests()).noneMatch(r -> r.path().matches("/v4/broadcasts/\\d+/stats"));
    }

    @Test
    void the_twin_refuses_a_misnamed_parameter_with_kits_error_list() throws Exception {
        startTwin();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(twin.apiUrl() + "/subscribers?limit=10"))
                        .header("X-Kit-Api-Key", KEY).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"errors\":[\"limit is not a permitted parameter\"]}");
    }

    @Test
    void a_full_sync_pages_with_the_end_cursor_while_there_is_a_next_page() throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        // The end of the story: all 1200 people have signed up, more than one page of 1000.
        clock.advance(Duration.ofDays(950));

        RunSummary run = sync(h, KEY, new SyncOptions(List.of("kit.subscribers"), null, null, true, false));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        KitAccount account = twin.account();
        assertThat(h.count("kit.subscribers")).isEqualTo(account.subscribers.size()).isEqualTo(1200);
        assertThat(h.count("kit.subscribers WHERE state = 'bounced'")).isPositive();
        List<SeenRequest> pages = requestsTo("/v4/subscribers");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).param("after")).isEmpty();
        assertThat(pages.get(0).param("updated_after")).isEmpty();
        String lastOfFirstPage = "[" + account.subscribers.get(999).get("id") + "]";
        assertThat(new String(java.util.Base64.getDecoder().decode(pages.get(1).param("after").orElseThrow())))
                .isEqualTo(lastOfFirstPage);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void an_incremental_run_asks_for_subscribers_from_the_cursor_day_minus_one_and_recent_broadcast_stats(Db db)
            throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        LocalDate firstRunDay = clock.today();
        sync(h, KEY, PeopleVendorHarness.since(from));
        Map<String, Object> lastSent = twin.account().broadcasts.get(0);
        Instant newestSend = Instant.parse((String) lastSent.get("send_at"));
        long openedThen = opened(lastSent);
        clock.advance(Duration.ofDays(6));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(requestsTo("/v4/subscribers")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.param("updated_after")).hasValue(firstRunDay.minusDays(1).toString());
            assertThat(r.param("status")).hasValue("all");
        });
        String statsFrom = LocalDate.ofInstant(newestSend.minus(Duration.ofDays(30)), ZoneOffset.UTC).minusDays(1)
                .toString();
        assertThat(twin.requests()).filteredOn(r -> r.path().startsWith("/v4/broadcasts")).hasSize(2)
                .allSatisfy(r -> assertThat(r.param("sent_after")).hasValue(statsFrom));
        assertThat(h.count("kit.subscribers")).isEqualTo(subscribersUpdatedSince(from));
        assertThat(h.count("kit.broadcasts")).isEqualTo(broadcastsSentSince(start(from)).size());
        // Opens keep arriving after a send; the re-read brings the settled numbers in.
        long openedNow = opened(lastSent);
        assertThat(openedNow).isGreaterThan(openedThen);
        assertThat(((Number) h.query("SELECT emails_opened FROM kit.broadcasts WHERE id = " + lastSent.get("id"))
                .get(0).get("emails_opened")).longValue()).isEqualTo(openedNow);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_wrong_key_fails_each_stream_with_advice_and_without_the_key(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        String wrong = "kit_0000000000000000wrongwrongwrong";

        RunSummary run = sync(h, wrong, PeopleVendorHarness.since(clock.today().minusDays(89)));

        assertThat(run.results()).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
            assertThat(r.transientFault()).isFalse();
            assertThat(r.error()).contains("401 Unauthorized").contains("check api_key").contains("Settings > Developer")
                    .contains("The access token is invalid").doesNotContain(wrong);
        });
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_burst_of_429s_and_server_errors_is_waited_out_and_every_row_arrives(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        twin.faults().rateLimitBurst(5).serverErrors(2);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(from));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(twin.requests().size()).isGreaterThan(7);
        assertThat(h.count("kit.subscribers")).isEqualTo(subscribersUpdatedSince(from));
        assertThat(h.count("kit.broadcasts")).isEqualTo(broadcastsSentSince(start(from)).size());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void two_syncs_leave_identical_rows(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(from));
        var before = List.of(h.rows("kit.subscribers", "id"), h.rows("kit.tags", "id"),
                h.rows("kit.broadcasts", "id"));

        sync(h, KEY, SyncOptions.incremental());

        assertThat(List.of(h.rows("kit.subscribers", "id"), h.rows("kit.tags", "id"), h.rows("kit.broadcasts", "id")))
                .isEqualTo(before);
    }
}
