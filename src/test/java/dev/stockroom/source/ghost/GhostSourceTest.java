package dev.stockroom.source.ghost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.ghost.GhostSite;
import dev.stockroom.demo.ghost.GhostTwin;
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

class GhostSourceTest {

    private static final String KEY = GhostTwin.DEMO_ADMIN_KEY;
    private static final DemoBusiness BUSINESS = DemoBusiness.standard();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private GhostTwin twin;

    private void startTwin() throws Exception {
        twin = new GhostTwin(BUSINESS, KEY, clock, 0);
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private RunSummary sync(PeopleVendorHarness h, String key, SyncOptions options) throws Exception {
        String yaml = """
                name: blog
                type: ghost
                base_url: "%s"
                admin_api_key: "%s"
                max_requests_per_second: 0
                """.formatted(twin.url(), key);
        return h.sync(yaml, clock, options, c -> new GhostSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES)
                .create(c));
    }

    private static long since(List<Map<String, Object>> objects, String field, LocalDate day) {
        Instant bound = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        return objects.stream().filter(o -> !Instant.parse((String) o.get(field)).isBefore(bound)).count();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_ninety_day_backfill_loads_the_members_and_posts_changed_since_then(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);

        RunSummary run = sync(h, KEY, PeopleVendorHarness.since(from));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        GhostSite site = twin.site();
        assertThat(h.count("blog.members")).isEqualTo(since(site.members, "updated_at", from)).isPositive();
        assertThat(h.count("blog.posts")).isEqualTo(since(site.posts, "updated_at", from)).isPositive();
        assertThat(h.count("blog.newsletters")).isEqualTo(1);
        assertThat(h.count("blog.members WHERE status = 'paid'")).isPositive();
        Map<String, Object> post = h.query("SELECT slug, url, email_recipients, email_opened FROM blog.posts "
                + "ORDER BY published_at DESC LIMIT 1").get(0);
        assertThat((String) post.get("url")).endsWith(".example/" + post.get("slug") + "/");
        assertThat(((Number) post.get("email_recipients")).longValue()).isPositive();
        List<SeenRequest> seen = twin.requests();
        assertThat(seen).allSatisfy(r -> {
            assertThat(r.header("Accept-Version")).isEqualTo("v5.0");
            assertThat(r.header("Authorization")).startsWith("Ghost ey");
        });
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void an_incremental_run_asks_only_for_changes_since_the_cursor_and_recent_emails(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(from));
        String newestMember = twin.site().members.stream().map(m -> (String) m.get("updated_at")).max(String::compareTo)
                .orElseThrow();
        clock.advance(Duration.ofDays(5));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        String cursor = "'" + newestMember.substring(0, 19).replace('T', ' ') + "'";
        assertThat(twin.requests()).filteredOn(r -> r.path().endsWith("/members/"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.param("filter")).hasValue("updated_at:>=" + cursor));
        assertThat(twin.requests()).filteredOn(r -> r.path().endsWith("/posts/"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.param("filter").orElseThrow())
                        .startsWith("status:published+(updated_at:>=").contains(",published_at:>="));
        GhostSite site = twin.site();
        assertThat(h.count("blog.members")).isEqualTo(since(site.members, "updated_at", from));
        assertThat(h.count("blog.posts")).isEqualTo(since(site.posts, "updated_at", from));
        // Opens of recent emails keep growing; the re-read brings the settled numbers in.
        Map<String, Object> newest = site.posts.get(site.posts.size() - 1);
        @SuppressWarnings("unchecked")
        long opened = ((Number) ((Map<String, Object>) newest.get("email")).get("opened_count")).longValue();
        assertThat(((Number) h.query("SELECT email_opened FROM blog.posts WHERE id = '" + newest.get("id") + "'")
                .get(0).get("email_opened")).longValue()).isEqualTo(opened);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_wrong_secret_fails_each_stream_with_advice_and_without_the_secret(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        String secret = "ab12".repeat(16);
        String wrong = KEY.substring(0, KEY.indexOf(':') + 1) + secret;

        RunSummary run = sync(h, wrong, PeopleVendorHarness.since(clock.today().minusDays(89)));

        assertThat(run.results()).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(StreamResult.Status.FAILED);
            assertThat(r.transientFault()).isFalse();
            assertThat(r.error()).contains("401 Unauthorized").contains("check admin_api_key")
                    .contains("invalid signature").doesNotContain(secret);
        });
    }

    @Test
    void tokens_live_five_minutes_and_are_renewed_before_they_expire() throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        sync(h, KEY, PeopleVendorHarness.since(clock.today().minusDays(3)));
        String first = twin.requests().get(0).header("Authorization");
        clock.advance(Duration.ofMinutes(10));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(twin.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isNotEqualTo(first));
        String[] parts = first.substring(6).split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims).isEqualTo("{\"iat\":1749967200,\"exp\":1749967500,\"aud\":\"/admin/\"}");
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_burst_of_429s_is_waited_out_and_a_full_sync_loads_every_member_page_by_page(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        twin.faults().rateLimitBurst(4);

        RunSummary run = sync(h, KEY, new SyncOptions(List.of(), null, null, true, false));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        // Every member, a hundred a page (Ghost's cap), in several pages.
        assertThat(h.count("blog.members")).isEqualTo(twin.site().members.size()).isGreaterThan(100);
        assertThat(twin.requests()).filteredOn(r -> r.path().endsWith("/members/"))
                .allSatisfy(r -> assertThat(r.param("limit")).hasValue("100"))
                .anySatisfy(r -> assertThat(r.param("page")).hasValue("2"));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void two_syncs_leave_identical_rows(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        LocalDate from = clock.today().minusDays(89);
        sync(h, KEY, PeopleVendorHarness.since(from));
        var before = List.of(h.rows("blog.members", "id"), h.rows("blog.posts", "id"),
                h.rows("blog.newsletters", "id"));

        sync(h, KEY, PeopleVendorHarness.since(from));
        sync(h, KEY, SyncOptions.incremental());

        assertThat(List.of(h.rows("blog.members", "id"), h.rows("blog.posts", "id"), h.rows("blog.newsletters", "id")))
                .isEqualTo(before);
    }
}
