package dev.stockroom.notify;

import dev.stockroom.source.http.FakeTiming;
import static dev.stockroom.notify.Fixtures.failed;
import dev.stockroom.source.http.FakeTiming;
import static dev.stockroom.notify.Fixtures.ok;
import dev.stockroom.source.http.FakeTiming;
import static dev.stockroom.notify.Fixtures.run;
import dev.stockroom.source.http.FakeTiming;
import static org.assertj.core.api.Assertions.assertThat;
import dev.stockroom.source.http.FakeTiming;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.source.http.FakeTiming;
import org.junit.jupiter.api.AfterEach;
import dev.stockroom.source.http.FakeTiming;
import org.junit.jupiter.api.Test;

class HealthchecksNotifierTest {

    final ScriptedServer server;

    HealthchecksNotifierTest() throws Exception {
        server = new ScriptedServer().always(200, "OK");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HealthchecksNotifier notifier(String path) {
        return new HealthchecksNotifier(Fixtures.http(new FakeTiming()), server.url(path));
    }

    @Test
    void a_run_start_pings_the_start_url() throws Exception {
        notifier("/ping/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278").runStarted();

        ScriptedServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ping/5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278/start");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void a_successful_run_pings_the_bare_url_with_the_headline() throws Exception {
        notifier("/ping/abc/").runFinished(run(ok("web", "pages", 5)));

        ScriptedServer.Recorded request = server.only();
        assertThat(request.path()).isEqualTo("/ping/abc");
        assertThat(request.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.body()).isEqualTo("Stockroom: 1 stream OK — 5 rows");
    }

    @Test
    void a_failed_run_pings_fail_with_the_error_in_a_short_text_body_keeping_the_query() throws Exception {
        notifier("/ping/key/nightly?create=1").runFinished(run(ok("web", "pages", 5),
                failed("shop", "orders", "HTTP 401 unauthorized", false)));

        ScriptedServer.Recorded request = server.only();
        assertThat(request.path()).isEqualTo("/ping/key/nightly/fail");
        assertThat(request.query()).isEqualTo("create=1");
        assertThat(request.body()).startsWith("Stockroom: 1 stream OK, 1 failed — 5 rows\n")
                .contains("error: HTTP 401 unauthorized").contains(RunMessage.NEEDS_OWNER)
                .hasSizeLessThan(HealthchecksNotifier.MAX_BODY_CHARS);
    }

    @Test
    void an_unknown_check_is_a_permanent_failure_that_says_how_to_fix_it() {
        server.always(404, "not found");

        assertThatThrownBy(() -> notifier("/ping/missing").runStarted())
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("HTTP 404: not found (no check has this URL");
    }

    @Test
    void a_200_that_says_the_ping_was_dropped_counts_as_a_failure() {
        server.always(200, "OK (rate limited)");

        assertThatThrownBy(() -> notifier("/ping/busy").runStarted())
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("dropped the ping: OK (rate limited)");
    }

    @Test
    void alerts_are_not_sent_to_a_ping_url() throws Exception {
        notifier("/ping/abc").sendText("stale", "web.pages");

        assertThat(server.requests()).isEmpty();
    }
}
