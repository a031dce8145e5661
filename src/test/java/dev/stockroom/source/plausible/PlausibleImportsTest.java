package dev.stockroom.source.plausible;

import static dev.stockroom.source.AnalyticsVendorHarness.NEAR_MIDNIGHT_UTC;
import static dev.stockroom.source.AnalyticsVendorHarness.since;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.plausible.PlausibleTwin;
import dev.stockroom.source.AnalyticsVendorHarness;
import dev.stockroom.source.AnalyticsVendorHarness.Target;
import dev.stockroom.source.SourceTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plausible's imported history: asked by default, so a backfill carries it; a site with imports. */
class PlausibleImportsTest {

    private static final String SITE = "the-margin.example";
    private static final String KEY = "plausible-test-key-0123456789abcdef";
    private static final LocalDate IMPORTED_FROM = LocalDate.parse("2023-10-01");
    private static PlausibleTwin twin;

    @BeforeAll
    static void startTwin() throws Exception {
        twin = new PlausibleTwin(DemoBusiness.standard(), SITE, KEY, 0);
        twin.importedHistory(IMPORTED_FROM, DemoBusiness.LAUNCH.minusDays(1), DemoBusiness.LAUNCH.plusDays(60));
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    @BeforeEach
    void forgetRequests() {
        twin.clearRequests();
    }

    private static AnalyticsVendorHarness harness(String extra) throws Exception {
        String yaml = """
                  - name: web
                    type: plausible
                    site_id: %s
                    api_key: "%s"
                    base_url: "%s"
                    timezone: Europe/Berlin
                %s""".formatted(SITE, KEY, twin.url(), extra);
        return new AnalyticsVendorHarness(Target.DUCKDB, yaml, SourceTypes::create);
    }

    @Test
    void a_backfill_includes_the_imported_history_by_default_except_for_custom_property_reports() throws Exception {
        try (AnalyticsVendorHarness h = harness("")) {
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(IMPORTED_FROM)).succeeded()).isTrue();
            assertThat(h.number("SELECT COUNT(DISTINCT day) FROM web.pages WHERE day < DATE '2024-01-01'"))
                    .isEqualTo(92);
            assertThat(h.number("SELECT COUNT(*) FROM web.member_pages WHERE day < DATE '2024-01-01'")).isZero();
            assertThat(twin.requests()).allSatisfy(r -> assertThat(r.body().path("include").path("imports").asBoolean())
                    .isEqualTo(!r.body().path("dimensions").toString().contains("event:props:")));
        }
    }

    @Test
    void include_imports_false_leaves_the_imported_days_out() throws Exception {
        try (AnalyticsVendorHarness h = harness("    include_imports: false\n")) {
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(IMPORTED_FROM)).succeeded()).isTrue();
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE day < DATE '2024-01-01'")).isZero();
            assertThat(h.number("SELECT COUNT(*) FROM web.pages")).isPositive();
            assertThat(twin.requests()).noneMatch(r -> r.body().path("include").has("imports"));
        }
    }

    @Test
    void the_twin_refuses_a_key_plausibles_schema_does_not_have() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(twin.url() + "/api/v2/query"))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"site_id\":\"" + SITE + "\",\"metrics\":[\"visitors\"],"
                        + "\"date_range\":\"7d\",\"include\":{\"imported\":true}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"#/include/imported: Schema does not allow additional "
                + "properties.\"}");
    }
}
