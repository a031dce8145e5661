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
                        .startsWith("updated_at:>=").contains(",published_at:>=").doesNotContain("status"));
        assertThat(twin.requests()).filteredOn(r -> !r.path().endsWith("/newsletters/"))
                .allSatisfy(r -> assertThat(r.param("order")).hasValue("updated_at asc, id asc"));
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

    // ---- a faithful mirror: deletions, drafts, bulk edits, a fresh site, ties -------------------

    private static final SyncOptions FULL = new SyncOptions(List.of(), null, null, true, false);

    private static String firstId(List<Map<String, Object>> records) {
        return (String) records.get(0).get("id");
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void deleted_members_and_posts_are_marked_deleted_by_the_weekly_reconciliation(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        assertThat(sync(h, KEY, FULL).failures()).isZero();
        String member = firstId(twin.site().members);
        String post = firstId(twin.site().posts);
        twin.edits().delete(member);
        twin.edits().delete(post);
        clock.advance(Duration.ofDays(1));
        sync(h, KEY, SyncOptions.incremental());
        assertThat(h.count("blog.members WHERE _deleted_at IS NOT NULL")).isZero();
        clock.advance(Duration.ofDays(7));
        twin.clearRequests();

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.query("SELECT id FROM blog.members WHERE _deleted_at IS NOT NULL")).extracting(r -> r.get("id"))
                .containsExactly(member);
        assertThat(h.query("SELECT id FROM blog.posts WHERE _deleted_at IS NOT NULL")).extracting(r -> r.get("id"))
                .containsExactly(post);
        assertThat(h.count("blog.members WHERE _deleted_at IS NULL")).isEqualTo(twin.site().members.size());
        // Posts reconcile by their ids alone; members have no such listing and are read whole.
        assertThat(twin.requests()).filteredOn(r -> r.path().endsWith("/posts/") && r.param("fields").isPresent())
                .isNotEmpty().allSatisfy(r -> assertThat(r.param("fields")).hasValue("id"));
        assertThat(PeopleVendorHarness.result(run, "members").mode()).isEqualTo("reconcile");
        assertThat(PeopleVendorHarness.result(run, "posts").notes())
                .contains("reconciliation (every key): " + twin.site().posts.size() + " keys read, 1 rows marked deleted");
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_post_moved_back_to_draft_arrives_as_a_draft(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        sync(h, KEY, FULL);
        String post = firstId(twin.site().posts);
        clock.advance(Duration.ofHours(2));
        twin.edits().unpublish(post);
        clock.advance(Duration.ofDays(1));

        assertThat(sync(h, KEY, SyncOptions.incremental()).failures()).isZero();

        assertThat(h.query("SELECT status FROM blog.posts WHERE id = '" + post + "'"))
                .extracting(r -> r.get("status")).containsExactly("draft");
        assertThat(h.count("blog.posts WHERE status = 'published'")).isEqualTo(twin.site().posts.size() - 1);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void bulk_edits_without_an_updated_at_bump_arrive_with_the_reconciliation(Db db) throws Exception {
        startTwin();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        sync(h, KEY, FULL);
        String member = firstId(twin.site().members);
        twin.edits().relabel(member, "vip");
        twin.edits().unsubscribe(member);
        clock.advance(Duration.ofDays(1));
        sync(h, KEY, SyncOptions.incremental());
        String labels = "SELECT labels, subscribed FROM blog.members WHERE id = '" + member + "'";
        assertThat(String.valueOf(h.query(labels).get(0).get("labels"))).doesNotContain("vip");

        clock.advance(Duration.ofDays(7));
        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        Map<String, Object> row = h.query(labels).get(0);
        assertThat(String.valueOf(row.get("labels"))).contains("vip");
        assertThat(row.get("subscribed")).isEqualTo(Boolean.FALSE);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void a_fresh_site_with_null_fields_types_them_as_declared_and_later_values_fit(Db db) throws Exception {
        startTwin();
        twin.edits().freshSite(true);
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);
        sync(h, KEY, FULL);
        assertThat(h.count("blog.members WHERE last_seen_at IS NOT NULL OR email_open_rate IS NOT NULL")).isZero();
        assertThat(h.query("SELECT column_name, data_type FROM stockroom.columns WHERE table_name = 'members'"
                + " AND column_name IN ('last_seen_at', 'email_open_rate') ORDER BY column_name"))
                .extracting(r -> r.get("column_name") + " " + r.get("data_type"))
                .containsExactly("email_open_rate decimal", "last_seen_at timestamp");
        twin.edits().freshSite(false);
        clock.advance(Duration.ofDays(8));

        RunSummary run = sync(h, KEY, SyncOptions.incremental());

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("blog.members WHERE last_seen_at > TIMESTAMP '2020-01-01 00:00:00'")).isPositive();
        assertThat(((Number) h.query("SELECT AVG(email_open_rate) AS r FROM blog.members").get(0).get("r"))
                .doubleValue()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void members_sharing_one_updated_at_across_pages_all_arrive(Db db) throws Exception {
        startTwin();
        twin.edits().importAll();
        PeopleVendorHarness h = new PeopleVendorHarness(db, dir);

        RunSummary run = sync(h, KEY, FULL);

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(twin.site().members.size()).isGreaterThan(GhostSource.PAGE_SIZE);
        assertThat(h.count("blog.members")).isEqualTo(twin.site().members.size());
    }
}
