package dev.stockroom.source.googleanalytics;

import static dev.stockroom.source.AnalyticsVendorHarness.BERLIN_YESTERDAY;
import static dev.stockroom.source.AnalyticsVendorHarness.NEAR_MIDNIGHT_UTC;
import static dev.stockroom.source.AnalyticsVendorHarness.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stockroom.config.ConfigException;
import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.googleanalytics.GoogleAnalyticsTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.StreamStatus;
import dev.stockroom.source.AnalyticsVendorHarness;
import dev.stockroom.source.AnalyticsVendorHarness.Target;
import dev.stockroom.source.SourceTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GA4 connector against the account variants of its twin: no custom dimension, thresholded days. */
class GoogleAnalyticsAccountVariantsTest {

    private static final String PROPERTY = "123456789";
    private static final LocalDate FIRST = BERLIN_YESTERDAY.minusDays(29);

    @TempDir
    static Path keys;
    private static GoogleAnalyticsTwin twin;
    private static Path key;

    @BeforeAll
    static void startTwin() throws Exception {
        twin = new GoogleAnalyticsTwin(DemoBusiness.standard(), PROPERTY, 0);
        key = twin.serviceAccounts().trusted(keys, "reader@the-margin.iam.gserviceaccount.com");
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    @AfterEach
    void standardAccount() {
        twin.registerMemberStatus(true);
        twin.thresholdDays(Set.of());
        twin.clearRequests();
    }

    private static AnalyticsVendorHarness harness(String extra) throws Exception {
        String yaml = """
                  - name: web
                    type: google_analytics
                    property_id: "%s"
                    credentials_file: "%s"
                    api_base: "%s"
                    lookback: 3d
                %s""".formatted(PROPERTY, key, twin.url(), extra);
        return new AnalyticsVendorHarness(Target.DUCKDB, yaml, SourceTypes::create);
    }

    @Test
    void a_property_without_the_custom_dimension_skips_member_pages_with_a_warning_on_every_run_and_loads_the_rest()
            throws Exception {
        twin.registerMemberStatus(false);
        try (AnalyticsVendorHarness h = harness("")) {
            for (int run = 0; run < 2; run++) {
                RunSummary summary = h.sync(NEAR_MIDNIGHT_UTC, since(FIRST));
                assertThat(summary.succeeded()).isTrue();
                assertThat(summary.results()).extracting(StreamResult::stream, StreamResult::status).containsExactly(
                        tuple("pages", StreamResult.Status.SUCCESS),
                        tuple("traffic_sources", StreamResult.Status.SUCCESS),
                        tuple("geo_devices", StreamResult.Status.SUCCESS),
                        tuple("member_pages", StreamResult.Status.SKIPPED));
                StreamResult skipped = summary.results().get(3);
                assertThat(skipped.warning()).hasValueSatisfying(w -> assertThat(w)
                        .contains("GA4 property " + PROPERTY)
                        .contains("register the user-scoped dimension member_status in GA4 Admin")
                        .contains("exclude_streams: [member_pages]"));
            }
            // The report that would fail was never sent; the metadata was asked once per run.
            assertThat(twin.requests()).noneMatch(r -> r.dimensions().contains("customUser:member_status"));
            assertThat(twin.requests()).filteredOn(r -> r.propertyId().endsWith("/metadata")).hasSize(2);
            assertThat(h.number("SELECT COUNT(DISTINCT date) FROM web.pages")).isEqualTo(30);
            StreamStatus status = h.status(NEAR_MIDNIGHT_UTC).stream()
                    .filter(s -> s.stream().equals("member_pages")).findFirst().orElseThrow();
            assertThat(status.health()).isNotEqualTo("failing");
            assertThat(status.warning()).contains("register the user-scoped dimension member_status");
        }
    }

    @Test
    void a_property_with_the_custom_dimension_loads_member_pages_after_one_metadata_request() throws Exception {
        try (AnalyticsVendorHarness h = harness("")) {
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(FIRST)).succeeded()).isTrue();
            assertThat(h.number("SELECT COUNT(*) FROM web.member_pages WHERE custom_user_member_status = 'paid'"))
                    .isPositive();
            assertThat(twin.requests()).filteredOn(r -> r.propertyId().endsWith("/metadata")).hasSize(1);
            assertThat(h.status(NEAR_MIDNIGHT_UTC)).allSatisfy(s -> assertThat(s.warning()).isNull());
        }
    }

    @Test
    void exclude_streams_turns_member_pages_off_without_asking_the_metadata() throws Exception {
        twin.registerMemberStatus(false);
        try (AnalyticsVendorHarness h = harness("    exclude_streams: [member_pages]\n")) {
            RunSummary summary = h.sync(NEAR_MIDNIGHT_UTC, since(FIRST));
            assertThat(summary.results()).extracting(StreamResult::stream)
                    .containsExactly("pages", "traffic_sources", "geo_devices");
            assertThat(summary.results()).allMatch(r -> r.status() == StreamResult.Status.SUCCESS);
            assertThat(twin.requests()).noneMatch(r -> r.propertyId().endsWith("/metadata"));
            assertThat(h.status(NEAR_MIDNIGHT_UTC)).extracting(StreamStatus::stream).doesNotContain("member_pages");
        }
    }

    @Test
    void a_misspelled_excluded_stream_is_a_config_error_naming_the_nearest_stream() throws Exception {
        try (AnalyticsVendorHarness h = harness("    exclude_streams: [member_page]\n")) {
            assertThatThrownBy(() -> SourceTypes.create(h.sourceConfig("web")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("exclude_streams")
                    .hasMessageContaining("no stream 'member_page'")
                    .hasMessageContaining("did you mean 'member_pages'?");
        }
    }

    @Test
    void rows_of_a_request_that_ga_thresholded_say_so_and_other_months_do_not() throws Exception {
        LocalDate thresholded = LocalDate.parse("2024-05-20");
        twin.thresholdDays(Set.of(thresholded));
        try (AnalyticsVendorHarness h = harness("")) {
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(LocalDate.parse("2024-04-20"))).succeeded()).isTrue();
            // GA flags a request, and a request is a month: May's rows carry the flag, April's and June's not.
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE subject_to_thresholding "
                    + "AND date BETWEEN DATE '2024-05-01' AND DATE '2024-05-31'"))
                    .isEqualTo(h.number("SELECT COUNT(*) FROM web.pages WHERE date BETWEEN DATE '2024-05-01' "
                            + "AND DATE '2024-05-31'"));
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE subject_to_thresholding "
                    + "AND (date < DATE '2024-05-01' OR date > DATE '2024-05-31')")).isZero();
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE sampled OR data_loss_from_other_row")).isZero();
            // The withheld rows are really gone on that day: no row below the threshold.
            String small = "SELECT COUNT(*) FROM web.pages WHERE screen_page_views < 5 AND sessions < 5 "
                    + "AND active_users < 5 AND date ";
            assertThat(h.number(small + "= DATE '2024-05-20'")).isZero();
            assertThat(h.number(small + "<> DATE '2024-05-20'")).isPositive();
        }
    }

    @Test
    void the_twin_answers_an_unknown_request_field_as_google_does() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(twin.url() + "/v1beta/properties/" + PROPERTY + ":runReport"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"dateRanges\":[{\"startDate\":\"2024-05-01\","
                        + "\"endDate\":\"2024-05-01\"}],\"metrics\":[{\"name\":\"sessions\"}],\"row_limit\":5}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"status\":\"INVALID_ARGUMENT\"")
                .contains("Unknown name \\\"row_limit\\\": Cannot find field.");
    }
}
