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
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.source.http.FakeTiming;
import java.time.Duration;
import dev.stockroom.source.http.FakeTiming;
import java.util.List;
import dev.stockroom.source.http.FakeTiming;
import java.util.Map;
import dev.stockroom.source.http.FakeTiming;
import org.junit.jupiter.api.AfterEach;
import dev.stockroom.source.http.FakeTiming;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

    final ObjectMapper json = new ObjectMapper();
    final FakeTiming timing = new FakeTiming();
    final ScriptedServer server;
    final String webhook;

    SlackNotifierTest() throws Exception {
        server = new ScriptedServer().always(200, "ok");
        webhook = server.url("/services/T0SLACK/B0HOOK/SlackWebhookSecretPart42");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    SlackNotifier notifier() {
        return new SlackNotifier(Fixtures.http(timing), webhook);
    }

    @Test
    void it_posts_the_plain_run_message_as_json_text_to_the_webhook() throws Exception {
        notifier().runFinished(run(ok("web", "pages", 1200), failed("site", "members", "password rejected", false)));

        ScriptedServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T0SLACK/B0HOOK/SlackWebhookSecretPart42");
        assertThat(request.contentType()).isEqualTo("application/json");
        var body = json.readTree(request.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("text").asText()).isEqualTo(String.join("\n",
                "Stockroom: 1 stream OK, 1 failed — 1,200 rows",
                "❌ site.members — failed, 0 rows, 2024-05-07, 1m 15s",
                "    error: password rejected",
                "    " + RunMessage.NEEDS_OWNER,
                "✅ web.pages — 1,200 rows, 2024-05-01..2024-05-07, 3.2 s",
                "run run-42, took 3m 12s"));
    }

    @Test
    void slack_markup_characters_in_alerts_are_escaped() throws Exception {
        notifier().sendText("stream a.b is stale", "since <2024-05-01> & counting");

        assertThat(json.readTree(server.only().body()).get("text").asText())
                .isEqualTo("stream a.b is stale\nsince &lt;2024-05-01&gt; &amp; counting");
    }

    @Test
    void an_invalid_payload_400_is_logged_with_the_slack_error_and_not_thrown() throws Exception {
        server.always(400, "invalid_payload");
        Notifiers notifiers = new Notifiers(List.of(notifier()));

        String log = Fixtures.captureLog(() -> {
            notifiers.runFinished(run(ok("web", "pages", 1)));
            return null;
        });

        assertThat(log).contains("WARN").contains("slack").contains("HTTP 400: invalid_payload")
                .doesNotContain(webhook).doesNotContain("SlackWebhookSecretPart42");
        assertThat(server.requests()).hasSize(1);
        assertThat(timing.sleeps()).isEmpty();
    }

    @Test
    void a_revoked_webhook_says_to_create_a_new_one() {
        server.always(404, "no_service");

        assertThatThrownBy(() -> notifier().sendText("s", "b"))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("HTTP 404: no_service (the webhook was revoked or disabled");
    }

    @Test
    void a_429_waits_the_retry_after_header_and_then_succeeds() throws Exception {
        server.enqueue(429, "rate_limited", Map.of("Retry-After", "2"));

        notifier().sendText("s", "b");

        assertThat(server.requests()).hasSize(2);
        assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a_server_error_is_retried_within_the_budget_with_jittered_backoff_then_given_up() throws Exception {
        server.always(500, "rollup_error");
        Notifiers notifiers = new Notifiers(List.of(notifier()));

        String log = Fixtures.captureLog(() -> {
            notifiers.sendText("s", "b");
            return null;
        });

        assertThat(log).containsOnlyOnce("HTTP 500: rollup_error\n");
        assertThat(server.requests()).hasSize(Http.RETRY.maxAttempts());
        // Full jitter fixed at 0.5: half of 500 ms, then half of 1 s.
        assertThat(timing.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }
}
