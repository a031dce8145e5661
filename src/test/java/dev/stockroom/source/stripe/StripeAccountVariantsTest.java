package dev.stockroom.source.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.twin.SeenRequest;
import dev.stockroom.demo.stripe.StripeTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.Source;
import dev.stockroom.source.http.CollectingSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Stripe connector against account variants of its twin: an account whose default API
 * version moved past the pinned one (events of mixed versions), and deleted customers.
 */
class StripeAccountVariantsTest {

    private static final String KEY = StripeTwin.DEMO_KEY;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private StripeTwin twin;

    @BeforeEach
    void start() throws Exception {
        twin = new StripeTwin(DemoBusiness.standard(), KEY, clock, 0);
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    private String yaml() {
        return """
                name: payments
                type: stripe
                api_key: "%s"
                base_url: "%s/v1"
                max_requests_per_second: 0
                """.formatted(KEY, twin.url());
    }

    private RunSummary sync(PeopleVendorHarness h, SyncOptions options) throws Exception {
        return h.sync(yaml(), clock, options, c -> new StripeSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES)
                .create(c));
    }

    @Test
    void events_rendered_at_a_newer_account_version_load_in_the_pinned_shape() throws Exception {
        twin.upgradeAccount("2025-03-31.basil", clock.instant());
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        assertThat(sync(h, PeopleVendorHarness.since(clock.today().minusDays(89))).failures()).isZero();
        long invoicesBefore = h.count("payments.invoices");
        clock.advance(Duration.ofDays(9));
        twin.clearRequests();

        RunSummary run = sync(h, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("payments.invoices")).isGreaterThan(invoicesBefore);
        // The events of these nine days are at the new version: their objects were fetched at the pinned one.
        List<SeenRequest> retrieved = twin.requests().stream().filter(r -> r.path().matches("/v1/\\w+/\\w+")).toList();
        assertThat(retrieved).isNotEmpty().allSatisfy(r ->
                assertThat(r.header("Stripe-Version")).isEqualTo(StripeConfig.DEFAULT_VERSION));
        assertThat(h.count("payments.invoices WHERE subscription IS NULL")).isZero();
        assertThat(h.count("payments.charges WHERE invoice IS NULL")).isZero();
        assertThat(h.query("SELECT * FROM payments.invoices LIMIT 1").get(0)).doesNotContainKey("parent");
    }

    @Test
    void events_at_the_pinned_version_are_loaded_from_the_event_without_a_second_request() throws Exception {
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        assertThat(sync(h, PeopleVendorHarness.since(clock.today().minusDays(89))).failures()).isZero();
        clock.advance(Duration.ofDays(9));
        twin.clearRequests();

        assertThat(sync(h, SyncOptions.incremental()).failures()).isZero();

        assertThat(twin.requests()).extracting(SeenRequest::path).containsOnly("/v1/events");
    }

    @Test
    void a_customer_deleted_event_is_a_delete_of_that_key_not_a_row() throws Exception {
        SourceConfig config = ConfigLoader.parse("sources:\n  - " + yaml().strip().replace("\n", "\n    ") + "\n",
                dir.resolve("stockroom.yml"), new EnvSubstitution(System::getenv, Map.of())).source("payments")
                .orElseThrow();
        String gone = (String) twin.ledger().customers.get(3).get("id");
        Instant cursor = clock.instant();
        twin.deleteCustomer(gone, cursor.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(2));
        CollectingSink sink = new CollectingSink();
        try (Source source = new StripeSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES).create(config)) {
            source.read(source.streams().get(0), new ReadRequest(null, cursor.toString(), ZoneOffset.UTC), sink);
        }
        assertThat(sink.deletes).containsExactly(Map.of("id", gone));
        assertThat(sink.field("id")).doesNotContain(gone);
    }

    @Test
    void the_twin_refuses_an_unknown_list_parameter_as_stripe_does() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(twin.url() + "/v1/invoices?limit=10&created_after=1700000000"))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"invalid_request_error\"")
                .contains("Received unknown parameter: created_after").contains("\"param\":\"created_after\"");
    }
}
