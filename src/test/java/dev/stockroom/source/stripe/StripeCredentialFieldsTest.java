package dev.stockroom.source.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.stripe.StripeLedger;
import dev.stockroom.demo.stripe.StripeTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PaymentIntent's client_secret completes a payment from a browser: wherever it sits in an
 * invoice or a subscription (an expanded intent, nested in a list), it is not stored.
 */
class StripeCredentialFieldsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private StripeTwin twin;

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private static Map<String, Object> intent(String object, String id) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", object);
        intent.put("amount", 900);
        intent.put("client_secret", id + "_secret_ClientSecretValue42");
        return intent;
    }

    @Test
    void a_client_secret_nested_in_an_invoice_or_subscription_is_absent_from_the_warehouse() throws Exception {
        twin = new StripeTwin(DemoBusiness.standard(), StripeTwin.DEMO_KEY, clock, 0);
        StripeLedger ledger = twin.ledger();
        Map<String, Object> invoice = ledger.invoices.get(ledger.invoices.size() - 1);
        invoice.put("payment_intent", intent("payment_intent", "pi_3Nested"));
        invoice.put("payments", Map.of("object", "list", "data", List.of(Map.of("id", "inpay_1", "payment",
                Map.of("type", "payment_intent", "payment_intent", intent("payment_intent", "pi_3Deeper"))))));
        Map<String, Object> subscription = ledger.subscriptions.get(ledger.subscriptions.size() - 1);
        subscription.put("pending_setup_intent", intent("setup_intent", "seti_1Pending"));

        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        RunSummary run = h.sync("""
                name: payments
                type: stripe
                api_key: "%s"
                base_url: "%s/v1"
                max_requests_per_second: 0
                """.formatted(StripeTwin.DEMO_KEY, twin.url()), clock, PeopleVendorHarness.since(clock.today()
                .minusDays(400)), c -> new StripeSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES).create(c));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        Map<String, Object> stored = h.query("SELECT CAST(payment_intent AS VARCHAR) AS pi, CAST(payments AS VARCHAR)"
                + " AS payments FROM payments.invoices WHERE id = '" + invoice.get("id") + "'").get(0);
        assertThat((String) stored.get("pi")).contains("pi_3Nested").contains("\"amount\"")
                .doesNotContain("client_secret").doesNotContain("ClientSecretValue42");
        assertThat((String) stored.get("payments")).contains("pi_3Deeper").doesNotContain("client_secret")
                .doesNotContain("ClientSecretValue42");
        String pending = h.query("SELECT CAST(pending_setup_intent AS VARCHAR) AS s FROM payments.subscriptions "
                + "WHERE id = '" + subscription.get("id") + "'").get(0).get("s").toString();
        assertThat(pending).contains("seti_1Pending").doesNotContain("client_secret");
    }
}
