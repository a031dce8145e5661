package dev.stockroom.notify;

import static dev.stockroom.notify.Fixtures.failed;
import static dev.stockroom.notify.Fixtures.ok;
import static dev.stockroom.notify.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.source.http.FakeTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelegramNotifierTest {

    static final String TOKEN = "7355608:AAHtelegramTestTokenDoNotLog_x9";
    static final String OK = "{\"ok\":true,\"result\":{\"message_id\":42}}";
    final ObjectMapper json = new ObjectMapper();
    final FakeTiming timing = new FakeTiming();
    final ScriptedServer server;

    TelegramNotifierTest() throws Exception {
        server = new ScriptedServer().always(200, OK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    TelegramNotifier notifier(String chatId) {
        return new TelegramNotifier(Fixtures.http(timing), server.url(""), TOKEN, chatId);
    }

    @Test
    void it_posts_escaped_html_as_json_to_the_bot_token_path_with_link_previews_off() throws Exception {
        notifier("-1001234567890").runFinished(run(ok("web", "pages", 12_345),
                failed("shop", "orders", "HTTP 502 <html>Bad Gateway</html> & retry", true)));

        ScriptedServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("chat_id").isIntegralNumber()).isTrue();
        assertThat(body.get("chat_id").asLong()).isEqualTo(-1001234567890L);
        assertThat(body.get("parse_mode").asText()).isEqualTo("HTML");
        assertThat(body.at("/link_preview_options/is_disabled").asBoolean()).isTrue();
        String text = body.get("text").asText();
        assertThat(text).startsWith("<b>Stockroom: 1 stream OK, 1 failed — 12,345 rows</b>\n");
        assertThat(text).contains("error: HTTP 502 &lt;html&gt;Bad Gateway&lt;/html&gt; &amp; retry")
                .contains(RunMessage.TRANSIENT)
                .doesNotContain("<html>");
    }

    @Test
    void a_channel_name_goes_as_a_string_chat_id_and_alerts_bold_their_subject() throws Exception {
        notifier("@stockroom_ops").sendText("stream web.pages is stale", "newest day 2024-05-01 < expected");

        JsonNode body = json.readTree(server.only().body());
        assertThat(body.get("chat_id").isTextual()).isTrue();
        assertThat(body.get("chat_id").asText()).isEqualTo("@stockroom_ops");
        assertThat(body.get("text").asText())
                .isEqualTo("<b>stream web.pages is stale</b>\nnewest day 2024-05-01 &lt; expected");
    }

    @Test
    void a_429_waits_the_requested_retry_after_and_then_succeeds() throws Exception {
        server.enqueue(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}");

        notifier("12345").sendText("subject", "body");

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
        assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a_persistent_429_posts_exactly_the_budgeted_number_of_times_through_the_fan_out() throws Exception {
        server.always(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3\","
                + "\"parameters\":{\"retry_after\":3}}");

        String log = Fixtures.captureLog(() -> {
            new Notifiers(List.of(notifier("12345"))).sendText("s", "b");
            return null;
        });

        // One retry loop only: the fan-out does not multiply the client's attempts (it used to post 9 times).
        assertThat(server.requests()).hasSize(Http.RETRY.maxAttempts());
        assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(log).containsOnlyOnce("telegram answered HTTP 429: Too Many Requests: retry after 3")
                .doesNotContain(TOKEN);
    }

    @Test
    void a_retry_after_past_the_budget_is_not_waited_for_and_ends_as_a_transient_failure() {
        server.always(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3600\","
                + "\"parameters\":{\"retry_after\":3600}}");

        assertThatThrownBy(() -> notifier("12345").sendText("s", "b"))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("429").hasMessageContaining("Too Many Requests");
        assertThat(timing.sleeps()).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a_503_on_the_second_part_resends_that_part_only() throws Exception {
        RunSummary summary = bigRun();
        List<String> expected = MessageSplitter.split(RunMessage.html(summary), TelegramNotifier.MAX_CHARS);
        assertThat(expected).hasSize(3);
        server.enqueue(200, OK).enqueue(503, "{\"ok\":false,\"error_code\":503,\"description\":\"busy\"}");

        new Notifiers(List.of(notifier("12345"))).runFinished(summary);

        List<String> sent = new ArrayList<>();
        for (ScriptedServer.Recorded r : server.requests()) {
            sent.add(json.readTree(r.body()).get("text").asText());
        }
        assertThat(sent).containsExactly(expected.get(0), expected.get(1), expected.get(1), expected.get(2));
        assertThat(timing.sleeps()).containsExactly(Duration.ofMillis(250));
    }

    /** A run whose message takes three Telegram messages. */
    static RunSummary bigRun() {
        List<StreamResult> streams = new ArrayList<>();
        for (int i = 0; i < 110; i++) {
            streams.add(ok("source_" + i, "a_rather_long_stream_name_number_" + i, i * 1000L));
        }
        return new RunSummary("run-big", Fixtures.START, Fixtures.START.plusSeconds(60), streams);
    }

    @Test
    void a_message_over_4096_characters_is_sent_in_parts_split_between_lines() throws Exception {
        List<StreamResult> streams = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            streams.add(ok("source_" + i, "a_rather_long_stream_name_number_" + i, i * 1000L));
        }
        var summary = new dev.stockroom.pipeline.RunSummary("run-big", Fixtures.START,
                Fixtures.START.plusSeconds(60), streams);
        String full = RunMessage.html(summary);
        assertThat(full.length()).isGreaterThan(2 * TelegramNotifier.MAX_CHARS);

        notifier("12345").runFinished(summary);

        List<String> parts = new ArrayList<>();
        for (ScriptedServer.Recorded r : server.requests()) {
            parts.add(json.readTree(r.body()).get("text").asText());
        }
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(p.length()).isBetween(1, TelegramNotifier.MAX_CHARS));
        assertThat(String.join("\n", parts)).isEqualTo(full);
        assertThat(parts.get(1)).startsWith("✅ source_");
    }

    @Test
    void an_api_error_reports_the_description_and_is_permanent_without_the_token() {
        server.enqueue(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");

        assertThatThrownBy(() -> notifier("999").sendText("s", "b"))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("telegram answered HTTP 400: Bad Request: chat not found")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void a_group_upgraded_to_a_supergroup_names_the_new_chat_id() {
        server.enqueue(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was "
                + "upgraded to a supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-1009876543210}}",
                Map.of("Content-Type", "application/json"));

        assertThatThrownBy(() -> notifier("-123").sendText("s", "b"))
                .hasMessageEndingWith("(set chat_id to -1009876543210)");
    }
}
