package dev.stockroom.source.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.stripe.StripeLedger;
import dev.stockroom.demo.stripe.StripeTwin;
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

class StripeSourceTest {

    private static final String KEY = StripeTwin.DEMO_KEY;
    private static final DemoBusiness BUSINESS = DemoBusiness.standard();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private StripeTwin twin;

    private StripeTwin twin() throws Exception {
        twin = new StripeTwin(BUSINESS, KEY, clock, 0);
        return twin;
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private String yaml(String key) {
        return """
                name: payments
                type: stripe
                api_key: "%s"
                base_url: "%s/v1"
                max_requests_per_second: 0
                """.formatted(key, twin.url());
    }

    private RunSummary sync(PeopleVendorHarness h, String key, SyncOptions options) throws Exception {
        return h.sync(yaml(key), clock, options, c -> new StripeSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES)
                .create(c));
    }

    private static long createdSince(List<Map<String, Object>> objects, LocalDate day) {
        long bound = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        return objects.stream().filter(o -> (Long) o.get("created") >= bound).count();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_ninety_day_backfill_loads_every_object_created_since_then(Db db) throws Exception {
        twin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate since = clock.today().minusDays(89);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(since));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        StripeLedger ledger = twin.ledger();
        assertThat(h.count("payments.customers")).isEqualTo(createdSince(ledger.customers, since)).isPositive();
        assertThat(h.count("payments.subscriptions")).isEqualTo(createdSince(ledger.subscriptions, since));
        assertThat(h.count("payments.invoices")).isEqualTo(createdSince(ledger.invoices, since)).isPositive();
        assertThat(h.count("payments.charges")).isEqualTo(createdSince(ledger.charges, since));
        Map<String, Object> charge = h.query("SELECT amount, currency, created FROM payments.charges LIMIT 1").get(0);
        assertThat(((Number) charge.get("amount")).longValue()).isEqualTo(900L);
        assertThat(charge.get("currency")).isEqualTo("eur");
        assertThat(charge.get("created")).isNotInstanceOf(Number.class).isNotInstanceOf(String.class);
        // Canceled subscriptions are listed too (status=all), and lists ask for full pages.
        assertThat(twin.requests()).filteredOn(r -> r.path().equals("/v1/subscriptions"))
                .allSatisfy(r -> assertThat(r.param("status")).hasValue("all"));
        assertThat(twin.requests()).filteredOn(r -> !r.path().equals("/v1/events"))
                .allSatisfy(r -> assertThat(r.param("limit")).hasValue("100"));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void an_incremental_run_reads_only_the_events_since_the_cursor(Db db) throws Exception {
        twin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate since = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(since));
        long newestEvent = twin.ledger().events.get(0).get("created") instanceof Long l ? l : 0;
        clock.advance(Duration.ofDays(9));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        List<SeenRequest> seen = twin.requests();
        assertThat(seen).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/events");
            assertThat(Long.parseLong(r.param("created[gte]").orElseThrow())).isLessThanOrEqualTo(newestEvent)
                    .isGreaterThan(newestEvent - 86_400 * 2);
        });
        StripeLedger ledger = twin.ledger();
        assertThat(h.count("payments.invoices")).isEqualTo(createdSince(ledger.invoices, since));
        assertThat(h.count("payments.charges")).isEqualTo(createdSince(ledger.charges, since));
        assertThat(h.count("payments.customers")).isEqualTo(createdSince(ledger.customers, since));
        // Subscriptions canceled in those nine days now say so.
        long canceledInWarehouse = h.count("payments.subscriptions WHERE status = 'canceled'");
        long canceledRecently = ledger.subscriptions.stream().filter(s -> "canceled".equals(s.get("status"))
                && ((Long) s.get("created") >= since.atStartOfDay().toEpochSecond(ZoneOffset.UTC)
                || (Long) s.get("canceled_at") > newestEvent)).count();
        assertThat(canceledInWarehouse).isEqualTo(canceledRecently);
    }

    @Test
    void a_cursor_older_than_thirty_days_falls_back_to_listing_everything() throws Exception {
        twin();
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        sync(h, KEY, PeopleVendorHarness.since(clock.today().minusDays(10)));
        clock.advance(Duration.ofDays(31));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).isZero();
        assertThat(twin.requests()).extracting(SeenRequest::path).contains("/v1/customers", "/v1/invoices");
        assertThat(twin.requests()).filteredOn(r -> r.path().equals("/v1/customers"))
                .allSatisfy(r -> assertThat(r.param("created[gte]")).isEmpty());
        assertThat(h.count("payments.customers")).isEqualTo(twin.ledger().customers.size());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_refused_key_fails_each_stream_with_advice_and_without_the_key(Db db) throws Exception {
        twin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        String wrong = "sk_test_51WrongKeyWrongKeyWrongKey9999";

        RunSummary run = sync(h, wrong, PeopleVendorHarness.since(clock.today().minusDays(89)));

        assertThat(run.results()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
            assertThat(r.transientFault()).isFalse();
            assertThat(r.error()).contains("401 Unauthorized").contains("check api_key").doesNotContain(wrong);
        });
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_burst_of_429s_is_waited_out_and_every_row_arrives(Db db) throws Exception {
        twin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate since = clock.today().minusDays(89);
        twin.faults().rateLimitBurst(5);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(since));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(twin.requests().size()).isGreaterThan(5);
        assertThat(h.count("payments.invoices")).isEqualTo(createdSince(twin.ledger().invoices, since));
        assertThat(h.count("payments.customers")).isEqualTo(createdSince(twin.ledger().customers, since));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void two_syncs_leave_identical_rows(Db db) throws Exception {
        twin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate since = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(since));
        var before = List.of(h.rows("payments.customers", "id"), h.rows("payments.subscriptions", "id"),
                h.rows("payments.invoices", "id"), h.rows("payments.charges", "id"));

        sync(h, KEY, PeopleVendorHarness.since(since));
        sync(h, KEY, SyncOptions.incremental());

        assertThat(List.of(h.rows("payments.customers", "id"), h.rows("payments.subscriptions", "id"),
                h.rows("payments.invoices", "id"), h.rows("payments.charges", "id"))).isEqualTo(before);
    }
}
