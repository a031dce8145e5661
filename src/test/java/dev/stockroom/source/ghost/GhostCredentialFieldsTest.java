package dev.stockroom.source.ghost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.ghost.GhostTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's unsubscribe link carries a key that unsubscribes them: it never reaches the warehouse. */
class GhostCredentialFieldsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private GhostTwin twin;

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    @Test
    void member_rows_reach_the_warehouse_without_the_unsubscribe_key() throws Exception {
        twin = new GhostTwin(DemoBusiness.standard(), GhostTwin.DEMO_ADMIN_KEY, clock, 0);
        Map<String, Object> served = twin.site().members.get(0);
        String link = (String) served.get("unsubscribe_url");
        assertThat(link).contains("uuid=").contains("&key=");
        String key = link.substring(link.indexOf("&key=") + 5);

        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        RunSummary run = h.sync("""
                name: blog
                type: ghost
                base_url: "%s"
                admin_api_key: "%s"
                max_requests_per_second: 0
                """.formatted(twin.url(), GhostTwin.DEMO_ADMIN_KEY), clock, PeopleVendorHarness.since(clock.today()
                .minusDays(89)), c -> new GhostSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES).create(c));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("blog.members")).isPositive();
        List<Map<String, Object>> rows = h.rows("blog.members", "id");
        assertThat(rows.get(0)).containsKeys("uuid", "email", "status").doesNotContainKey("unsubscribe_url");
        assertThat(rows.toString()).doesNotContain(key).doesNotContain("/unsubscribe/");
    }
}
