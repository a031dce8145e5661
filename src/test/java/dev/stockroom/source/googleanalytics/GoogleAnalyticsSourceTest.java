package dev.stockroom.source.googleanalytics;

import static dev.stockroom.source.AnalyticsVendorHarness.BERLIN_YESTERDAY;
import static dev.stockroom.source.AnalyticsVendorHarness.NEAR_MIDNIGHT_UTC;
import static dev.stockroom.source.AnalyticsVendorHarness.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.WebTraffic;
import dev.stockroom.demo.googleanalytics.GoogleAnalyticsTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.source.AnalyticsVendorHarness;
import dev.stockroom.source.AnalyticsVendorHarness.Target;
import dev.stockroom.source.http.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoogleAnalyticsSourceTest {

    private static final String PROPERTY = "123456789";
    private static final String READER = "stockroom-reader@the-margin.iam.gserviceaccount.com";
    private static final RetryPolicy FAST = new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(50),
            Duration.ofSeconds(10));
    private static final LocalDate FIRST = BERLIN_YESTERDAY.minusDays(89);
    private static final DemoBusiness BUSINESS = DemoBusiness.standard();

    @TempDir
    static Path keys;
    private static GoogleAnalyticsTwin twin;
    private static Path trustedKey;

    @BeforeAll
    static void startTwin() throws Exception {
        twin = new GoogleAnalyticsTwin(BUSINESS, PROPERTY, 0);
        twin.slowPageMillis(300);
        trustedKey = twin.serviceAccounts().trusted(keys, READER);
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    @BeforeEach
    void reset() {
        twin.clearRequests();
        twin.hourlyTokens(40_000);
    }

    private static AnalyticsVendorHarness harness(Target target, Path key) throws Exception {
        String yaml = """
                  - name: web
                    type: google_analytics
                    property_id: "%s"
                    credentials_file: "%s"
                    api_base: "%s"
                    lookback: 3d
                    page_size: 1000
                """.formatted(PROPERTY, key, twin.url());
        return new AnalyticsVendorHarness(target, yaml, new GoogleAnalyticsSourceFactory(FAST)::create);
    }

    @ParameterizedTest
    @MethodSource("dev.stockroom.source.AnalyticsVendorHarness#targets")
    void a_90_day_backfill_loads_the_demo_traffic_and_a_second_run_leaves_the_same_rows(Target target)
            throws Exception {
        try (AnalyticsVendorHarness h = harness(target, trustedKey)) {
            long tokens = twin.tokensIssued();
            RunSummary first = h.sync(NEAR_MIDNIGHT_UTC, since(FIRST));
            assertThat(first.results()).extracting(StreamResult::stream, StreamResult::status).containsExactly(
                    tuple("pages", StreamResult.Status.SUCCESS),
                    tuple("traffic_sources", StreamResult.Status.SUCCESS),
                    tuple("geo_devices", StreamResult.Status.SUCCESS),
                    tuple("member_pages", StreamResult.Status.SUCCESS));
            // One access token for the whole run: cached, not minted per request.
            assertThat(twin.tokensIssued() - tokens).isEqualTo(1);

            long views = expectedPageViews(FIRST, BERLIN_YESTERDAY);
            long sessions = expectedSessions(FIRST, BERLIN_YESTERDAY);
            assertThat(views).isGreaterThan(10_000);
            assertThat(h.number("SELECT SUM(screen_page_views) FROM web.pages")).isEqualTo(views);
            assertThat(h.number("SELECT SUM(sessions) FROM web.pages")).isEqualTo(sessions);
            assertThat(h.number("SELECT SUM(screen_page_views) FROM web.member_pages")).isEqualTo(views);
            assertThat(h.number("SELECT SUM(sessions) FROM web.traffic_sources")).isEqualTo(sessions);
            assertThat(h.number("SELECT SUM(sessions) FROM web.geo_devices")).isEqualTo(sessions);
            assertThat(h.number("SELECT COUNT(DISTINCT date) FROM web.pages")).isEqualTo(90);
            assertThat(h.number("SELECT COUNT(*) FROM web.traffic_sources WHERE session_source = '(direct)' "
                    + "AND session_medium = '(none)'")).isEqualTo(90);
            assertThat(h.number("SELECT COUNT(*) FROM web.member_pages WHERE custom_user_member_status = 'paid'"))
                    .isPositive();
            assertThat(twin.requests()).extracting(s -> s.body().path("offset").asText()).contains("1000", "2000");

            List<Map<String, String>> pages = h.rowsWithoutLoadColumns("web.pages");
            List<Map<String, String>> geo = h.rowsWithoutLoadColumns("web.geo_devices");
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(FIRST)).succeeded()).isTrue();
            assertThat(h.rowsWithoutLoadColumns("web.pages")).isEqualTo(pages);
            assertThat(h.rowsWithoutLoadColumns("web.geo_devices")).isEqualTo(geo);
        }
    }

    @Test
    void an_incremental_run_asks_only_for_the_lookback_days_of_the_property_timezone() throws Exception {
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, trustedKey)) {
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY.minusDays(9))).succeeded()).isTrue();
            // 23:30 UTC on June 1 is June 2 in Berlin: the property's yesterday is June 1, though UTC's is May 31.
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE date = DATE '2024-06-01'")).isPositive();
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE date > DATE '2024-06-01'")).isZero();
            twin.clearRequests();

            assertThat(h.sync(NEAR_MIDNIGHT_UTC.plus(Duration.ofDays(1)), SyncOptions.incremental()).succeeded())
                    .isTrue();

            List<GoogleAnalyticsTwin.Seen> reports = twin.requests().stream()
                    .filter(s -> !s.dimensions().isEmpty()).toList();
            assertThat(reports).extracting(GoogleAnalyticsTwin.Seen::startDate, GoogleAnalyticsTwin.Seen::endDate)
                    .containsOnly(tuple("2024-05-31", "2024-05-31"), tuple("2024-06-01", "2024-06-02"));
            assertThat(h.number("SELECT SUM(screen_page_views) FROM web.pages"))
                    .isEqualTo(expectedPageViews(BERLIN_YESTERDAY.minusDays(9), BERLIN_YESTERDAY.plusDays(1)));
        }
    }

    @Test
    void a_key_google_does_not_know_fails_the_source_with_what_to_do_and_no_secret() throws Exception {
        Path stranger = twin.serviceAccounts().untrusted(keys, READER);
        String privateKey = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(stranger))
                .path("private_key").asText();
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, stranger)) {
            RunSummary run = h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY));
            assertThat(run.results()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
                assertThat(r.transientFault()).isFalse();
                assertThat(r.error()).contains("Invalid JWT Signature").contains("credentials_file").contains(READER)
                        .doesNotContain(privateKey.lines().skip(1).findFirst().orElseThrow())
                        .doesNotContain("ya29").doesNotContain("eyJ");
            });
        }
    }

    @Test
    void a_service_account_without_access_to_the_property_is_told_to_become_a_viewer() throws Exception {
        String outsider = "outsider@the-margin.iam.gserviceaccount.com";
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, twin.serviceAccounts().withoutAccess(keys, outsider))) {
            RunSummary run = h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY));
            assertThat(run.results()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
                assertThat(r.error()).contains("403").contains("PERMISSION_DENIED").contains(outsider)
                        .contains("Viewer of GA4 property " + PROPERTY);
            });
        }
    }

    @Test
    void a_burst_of_429_resource_exhausted_and_a_503_are_waited_out() throws Exception {
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, trustedKey)) {
            twin.failNext(GoogleAnalyticsTwin.Fault.RATE_LIMIT, 3);
            twin.failNext(GoogleAnalyticsTwin.Fault.SERVER_ERROR, 1);
            twin.failNext(GoogleAnalyticsTwin.Fault.SLOW_PAGE, 1);
            RunSummary run = h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY.minusDays(2)));
            assertThat(run.succeeded()).isTrue();
            assertThat(h.number("SELECT SUM(screen_page_views) FROM web.pages"))
                    .isEqualTo(expectedPageViews(BERLIN_YESTERDAY.minusDays(2), BERLIN_YESTERDAY));
        }
    }

    @Test
    void a_spent_hourly_quota_stops_the_run_as_transient_and_keeps_what_was_loaded() throws Exception {
        // 10 tokens a report: the timezone probe and two pages, then nothing is left this hour.
        twin.hourlyTokens(30);
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, trustedKey)) {
            RunSummary run = h.sync(NEAR_MIDNIGHT_UTC, since(LocalDate.parse("2024-04-20")));
            StreamResult pages = run.results().get(0);
            assertThat(pages.status()).isEqualTo(StreamResult.Status.FAILED);
            assertThat(pages.transientFault()).isTrue();
            assertThat(pages.error()).contains("hourly quota exhausted", "resumes next hour");
            assertThat(h.number("SELECT COUNT(DISTINCT date) FROM web.pages")).isLessThan(43);
            assertThat(run.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED));
        }
    }

    @Test
    void reports_from_the_configuration_become_streams_keyed_on_their_dimensions() throws Exception {
        String yaml = """
                  - name: web
                    type: google_analytics
                    property_id: "%s"
                    credentials_file: "%s"
                    api_base: "%s"
                    reports:
                      - { name: devices, dimensions: [deviceCategory], metrics: [sessions, activeUsers] }
                """.formatted(PROPERTY, trustedKey, twin.url());
        try (AnalyticsVendorHarness h = new AnalyticsVendorHarness(Target.DUCKDB, yaml,
                new GoogleAnalyticsSourceFactory(FAST)::create)) {
            var options = new SyncOptions(List.of("web.devices"), BERLIN_YESTERDAY.minusDays(6), null, false, false);
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, options).succeeded()).isTrue();
            assertThat(h.number("SELECT COUNT(*) FROM web.devices")).isEqualTo(7 * 3);
            assertThat(h.number("SELECT SUM(sessions) FROM web.devices"))
                    .isEqualTo(expectedSessions(BERLIN_YESTERDAY.minusDays(6), BERLIN_YESTERDAY));
            assertThat(twin.requests()).filteredOn(s -> !s.dimensions().isEmpty())
                    .extracting(GoogleAnalyticsTwin.Seen::dimensions).containsOnly(List.of("date", "deviceCategory"));
        }
    }

    static long expectedPageViews(LocalDate first, LocalDate last) {
        long sum = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (DemoBusiness.Article article : BUSINESS.articlesBy(day)) {
                for (String status : WebTraffic.MEMBER_STATUSES) {
                    sum += BUSINESS.pageViews(article, day, status);
                }
            }
        }
        return sum;
    }

    static long expectedSessions(LocalDate first, LocalDate last) {
        WebTraffic traffic = new WebTraffic(BUSINESS);
        long sum = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            sum += traffic.pageViews(day).stream().mapToLong(WebTraffic.PageViews::sessions).sum();
        }
        return sum;
    }
}
