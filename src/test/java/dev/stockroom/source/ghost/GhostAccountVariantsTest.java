package dev.stockroom.source.ghost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.ghost.GhostTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Ghost connector and twin against what a real Ghost 5.130 does: comped members' made-up subscription, errors. */
class GhostAccountVariantsTest {

    private static final String KEY = GhostTwin.DEMO_ADMIN_KEY;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private GhostTwin twin;

    @BeforeEach
    void start() throws Exception {
        twin = new GhostTwin(DemoBusiness.standard(), KEY, clock, 0);
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    private RunSummary sync(PeopleVendorHarness h) throws Exception {
        String yaml = """
                name: blog
                type: ghost
                base_url: "%s"
                admin_api_key: "%s"
                max_requests_per_second: 0
                """.formatted(twin.url(), KEY);
        return h.sync(yaml, clock, PeopleVendorHarness.since(clock.today().minusDays(400)),
                c -> new GhostSourceFactory(clock, PeopleVendorHarness.FAST_RETRIES).create(c));
    }

    @Test
    void comped_members_whose_made_up_subscription_starts_at_every_read_do_not_change_between_runs()
            throws Exception {
        twin.compedSubscriptions(true);
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);
        assertThat(sync(h).failures()).isZero();
        assertThat(h.count("blog.members WHERE status = 'comped'")).isPositive();
        var before = h.rows("blog.members", "id");

        Thread.sleep(5);
        assertThat(sync(h).failures()).isZero();

        assertThat(h.rows("blog.members", "id")).isEqualTo(before);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(twin.url() + path))
                .header("Accept-Version", "v5.0");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        int colon = KEY.indexOf(':');
        return "Ghost " + new GhostAdminToken(KEY.substring(0, colon), KEY.substring(colon + 1)).issue(clock.instant())
                .value();
    }

    @Test
    void the_twin_answers_with_ghosts_error_types_codes_and_content_version() throws Exception {
        HttpResponse<String> anonymous = get(GhostTwin.API + "members/", null);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("\"type\":\"NoPermissionError\"").contains("Authorization failed");
        assertThat(anonymous.headers().firstValue("Content-Version")).hasValue(GhostTwin.VERSION);

        String otherKey = "0000c0ffee0000000000beef:" + "5f3a".repeat(16);
        int colon = otherKey.indexOf(':');
        HttpResponse<String> unknownKey = get(GhostTwin.API + "members/", "Ghost " + new GhostAdminToken(
                otherKey.substring(0, colon), otherKey.substring(colon + 1)).issue(clock.instant()).value());
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        assertThat(unknownKey.body()).contains("\"code\":\"UNKNOWN_ADMIN_API_KEY\"");

        HttpResponse<String> badToken = get(GhostTwin.API + "members/", token() + "x");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.body()).contains("\"code\":\"INVALID_JWT\"");

        HttpResponse<String> unknownEndpoint = get(GhostTwin.API + "subscribers/", token());
        assertThat(unknownEndpoint.statusCode()).isEqualTo(406);
        assertThat(unknownEndpoint.body()).contains("RequestNotAcceptableError").contains(GhostTwin.VERSION);

        String filter = URLEncoder.encode("last_login_at:>'2024-01-01 00:00:00'", StandardCharsets.UTF_8);
        HttpResponse<String> unknownField = get(GhostTwin.API + "members/?filter=" + filter, token());
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("\"code\":\"SQLITE_ERROR\"").contains("last_login_at");

        HttpResponse<String> misnamed = get(GhostTwin.API + "members/?per_page=100", token());
        assertThat(misnamed.statusCode()).isEqualTo(400);
        assertThat(misnamed.body()).contains("per_page");

        HttpResponse<String> ok = get(GhostTwin.API + "posts/?limit=1", token());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Version")).hasValue(GhostTwin.VERSION);
        assertThat(ok.body()).containsPattern("\"url\":\"https://themargin\\.example/[a-z0-9-]+/\"");
    }
}
