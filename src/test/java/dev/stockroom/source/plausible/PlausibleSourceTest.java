package dev.stockroom.source.plausible;

import static dev.stockroom.source.AnalyticsVendorHarness.BERLIN_YESTERDAY;
import static dev.stockroom.source.AnalyticsVendorHarness.NEAR_MIDNIGHT_UTC;
import static dev.stockroom.source.AnalyticsVendorHarness.since;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.WebTraffic;
import dev.stockroom.demo.plausible.PlausibleTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.source.AnalyticsVendorHarness;
import dev.stockroom.source.AnalyticsVendorHarness.Target;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.http.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlausibleSourceTest {

    private static final String SITE = "the-margin.example";
    private static final String KEY = "plausible-test-key-0123456789abcdef";
    private static final RetryPolicy FAST = new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(50),
            Duration.ofSeconds(10));
    private static final LocalDate FIRST = BERLIN_YESTERDAY.minusDays(89);

    private static final DemoBusiness BUSINESS = DemoBusiness.standard();
    private static PlausibleTwin twin;

    @BeforeAll
    static void startTwin() throws Exception {
        twin = new PlausibleTwin(BUSINESS, SITE, KEY, 0);
        twin.slowPageMillis(300);
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    @BeforeEach
    void forgetRequests() {
        twin.clearRequests();
    }

    private static AnalyticsVendorHarness harness(Target target, String key) throws Exception {
        String yaml = """
                  - name: web
                    type: plausible
                    site_id: %s
                    api_key: "%s"
                    base_url: "%s"
                    timezone: Europe/Berlin
                    lookback: 3d
                    page_size: 1500
                """.formatted(SITE, key, twin.url());
        return new AnalyticsVendorHarness(target, yaml, new PlausibleSourceFactory(FAST)::create);
    }

    @ParameterizedTest
    @MethodSource("dev.stockroom.source.AnalyticsVendorHarness#targets")
    void a_90_day_backfill_loads_the_demo_traffic_and_a_second_run_leaves_the_same_rows(Target target)
            throws Exception {
        try (AnalyticsVendorHarness h = harness(target, KEY)) {
            RunSummary first = h.sync(NEAR_MIDNIGHT_UTC, since(FIRST));
            assertThat(first.results()).extracting(StreamResult::status).containsOnly(StreamResult.Status.SUCCESS);
            assertThat(first.results()).extracting(StreamResult::stream)
                    .containsExactly("pages", "sources", "countries", "member_pages");

            long views = expectedPageViews(FIRST, BERLIN_YESTERDAY);
            assertThat(views).isGreaterThan(10_000);
            assertThat(h.number("SELECT SUM(pageviews) FROM web.pages")).isEqualTo(views);
            assertThat(h.number("SELECT SUM(pageviews) FROM web.member_pages")).isEqualTo(views);
            assertThat(h.number("SELECT SUM(visits) FROM web.sources")).isEqualTo(expectedSessions(FIRST,
                    BERLIN_YESTERDAY));
            assertThat(h.number("SELECT COUNT(DISTINCT day) FROM web.pages")).isEqualTo(90);
            assertThat(h.number("SELECT COUNT(*) FROM web.member_pages WHERE member_status = 'paid'")).isPositive();
            assertThat(h.number("SELECT COUNT(*) FROM web.countries WHERE country = 'DE'")).isEqualTo(90);
            // Pages of 1500 rows: paging walked on by offset, never asking the same page twice.
            assertThat(twin.requests()).extracting(s -> s.body().path("pagination").path("offset").asLong())
                    .contains(1500L, 3000L);

            List<java.util.Map<String, String>> before = h.rowsWithoutLoadColumns("web.pages");
            List<java.util.Map<String, String>> sources = h.rowsWithoutLoadColumns("web.sources");
            RunSummary second = h.sync(NEAR_MIDNIGHT_UTC, since(FIRST));
            assertThat(second.succeeded()).isTrue();
            assertThat(h.rowsWithoutLoadColumns("web.pages")).isEqualTo(before);
            assertThat(h.rowsWithoutLoadColumns("web.sources")).isEqualTo(sources);
        }
    }

    @Test
    void an_incremental_run_asks_only_for_the_lookback_days_counted_in_the_site_timezone() throws Exception {
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, KEY)) {
            assertThat(h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY.minusDays(9))).succeeded()).isTrue();
            // Berlin is past midnight while UTC is not: Berlin's yesterday (June 1) is UTC's today.
            assertThat(h.number("SELECT COUNT(*) FROM web.pages WHERE day = DATE '2024-06-01'")).isPositive();
            twin.clearRequests();

            Instant nextNight = NEAR_MIDNIGHT_UTC.plus(Duration.ofDays(1));
            assertThat(h.sync(nextNight, SyncOptions.incremental()).succeeded()).isTrue();

            // lookback 3d from Berlin's yesterday, June 2: May 31 .. June 2, cut at the month's end.
            assertThat(twin.requests()).extracting(PlausibleTwin.Seen::dateRange).containsOnly(
                    List.of("2024-05-31", "2024-05-31"), List.of("2024-06-01", "2024-06-02"));
            assertThat(h.number("SELECT COUNT(DISTINCT day) FROM web.pages")).isEqualTo(11);
            assertThat(h.number("SELECT SUM(pageviews) FROM web.pages"))
                    .isEqualTo(expectedPageViews(BERLIN_YESTERDAY.minusDays(9), BERLIN_YESTERDAY.plusDays(1)));
        }
    }

    @Test
    void a_wrong_api_key_fails_every_stream_with_what_to_check_and_without_the_key() throws Exception {
        String wrong = "plausible-wrong-key-9876543210fedcba";
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, wrong)) {
            RunSummary run = h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY));
            assertThat(run.results()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
                assertThat(r.transientFault()).isFalse();
                assertThat(r.error()).contains("401").contains("api_key").contains("Invalid API key or site ID")
                        .doesNotContain(wrong).doesNotContain(KEY);
            });
        }
    }

    @Test
    void a_burst_of_429s_without_retry_after_and_a_500_are_waited_out() throws Exception {
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, KEY)) {
            twin.failNext(PlausibleTwin.Fault.RATE_LIMIT, 3);
            twin.failNext(PlausibleTwin.Fault.SERVER_ERROR, 1);
            twin.failNext(PlausibleTwin.Fault.SLOW_PAGE, 1);
            RunSummary run = h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY.minusDays(2)));
            assertThat(run.succeeded()).isTrue();
            assertThat(h.number("SELECT SUM(pageviews) FROM web.pages"))
                    .isEqualTo(expectedPageViews(BERLIN_YESTERDAY.minusDays(2), BERLIN_YESTERDAY));
        }
    }

    @Test
    void a_page_that_breaks_off_fails_its_stream_as_transient_and_the_next_run_repairs_it() throws Exception {
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, KEY)) {
            twin.failNext(PlausibleTwin.Fault.BROKEN_PAGE, 1);
            RunSummary broken = h.sync(NEAR_MIDNIGHT_UTC, since(BERLIN_YESTERDAY.minusDays(2)));
            StreamResult pages = broken.results().get(0);
            assertThat(pages.status()).isEqualTo(StreamResult.Status.FAILED);
            assertThat(pages.transientFault()).isTrue();
            assertThat(pages.error()).contains("ended early");
            assertThat(broken.results().subList(1, 4)).extracting(StreamResult::status)
                    .containsOnly(StreamResult.Status.SUCCESS);

            assertThat(h.sync(NEAR_MIDNIGHT_UTC, SyncOptions.incremental()).succeeded()).isTrue();
            assertThat(h.number("SELECT SUM(pageviews) FROM web.pages"))
                    .isEqualTo(expectedPageViews(BERLIN_YESTERDAY.minusDays(2), BERLIN_YESTERDAY));
        }
    }

    @Test
    void check_passes_when_the_timezone_matches_the_site_and_names_the_fix_when_it_does_not() throws Exception {
        try (AnalyticsVendorHarness h = harness(Target.DUCKDB, KEY); Source ok = source(h, "Europe/Berlin");
             Source utc = source(h, "UTC")) {
            ok.check();
            assertThat(ok.vendorTimezone()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(utc::check)
                    .isInstanceOf(SourceException.class)
                    .hasMessageMatching(".*timezone at \\+0[12]:00 .*set timezone:.*");
        }
    }

    private static Source source(AnalyticsVendorHarness h, String zone) {
        var config = h.sourceConfig("web");
        var node = dev.stockroom.config.ConfigNode.ofYaml("""
                site_id: %s
                api_key: "%s"
                base_url: "%s"
                """.formatted(SITE, KEY, twin.url()), "stockroom.yml");
        return new PlausibleSourceFactory(FAST).create(new dev.stockroom.config.SourceConfig(config.name(),
                config.type(), java.time.ZoneId.of(zone), config.lookback(), config.schedule(), config.startDate(),
                config.staleAfter(), node, config.lookbackGiven()));
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
