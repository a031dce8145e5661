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
import com.fasterxml.jackson.databind.JsonNode;
import dev.stockroom.source.http.FakeTiming;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.source.http.FakeTiming;
import java.nio.charset.StandardCharsets;
import dev.stockroom.source.http.FakeTiming;
import java.util.Map;
import dev.stockroom.source.http.FakeTiming;
import javax.crypto.Mac;
import dev.stockroom.source.http.FakeTiming;
import javax.crypto.spec.SecretKeySpec;
import dev.stockroom.source.http.FakeTiming;
import org.junit.jupiter.api.AfterEach;
import dev.stockroom.source.http.FakeTiming;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

    final ObjectMapper json = new ObjectMapper();
    final ScriptedServer server;

    WebhookNotifierTest() throws Exception {
        server = new ScriptedServer().always(204, "");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    WebhookNotifier notifier(String secret, Map<String, String> headers) {
        return new WebhookNotifier(Fixtures.http(new FakeTiming()), server.url("/hooks/stockroom"),
                secret, headers);
    }

    @Test
    void it_posts_the_documented_run_summary_json() throws Exception {
        notifier(null, Map.of()).runFinished(run(ok("web", "pages", 120),
                failed("shop", "orders", "timeout after 30 s", true)));

        ScriptedServer.Recorded request = server.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/stockroom");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.header(WebhookNotifier.SIGNATURE_HEADER)).isNull();
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("event").asText()).isEqualTo("run_finished");
        assertThat(body.get("run_id").asText()).isEqualTo("run-42");
        assertThat(body.get("started_at").asText()).isEqualTo("2024-05-08T08:13:00Z");
        assertThat(body.get("finished_at").asText()).isEqualTo("2024-05-08T08:16:12Z");
        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.get("streams")).hasSize(2);
        JsonNode pages = body.get("streams").get(0);
        assertThat(pages.get("source").asText()).isEqualTo("web");
        assertThat(pages.get("stream").asText()).isEqualTo("pages");
        assertThat(pages.get("mode").asText()).isEqualTo("incremental");
        assertThat(pages.get("days").asText()).isEqualTo("2024-05-01..2024-05-07");
        assertThat(pages.get("status").asText()).isEqualTo("success");
        assertThat(pages.get("rows_read").asLong()).isEqualTo(120);
        assertThat(pages.get("rows_written").asLong()).isEqualTo(120);
        assertThat(pages.get("duration_ms").asLong()).isEqualTo(3200);
        assertThat(pages.get("error").isNull()).isTrue();
        assertThat(pages.get("transient").asBoolean()).isFalse();
        JsonNode orders = body.get("streams").get(1);
        assertThat(orders.get("status").asText()).isEqualTo("failed");
        assertThat(orders.get("error").asText()).isEqualTo("timeout after 30 s");
        assertThat(orders.get("transient").asBoolean()).isTrue();
    }

    @Test
    void with_a_secret_the_body_is_signed_with_hmac_sha256_and_custom_headers_are_sent() throws Exception {
        notifier("whsec_Sign1ngKey", Map.of("X-Team", "ops")).sendText("stale", "web.pages since 2024-05-01");

        ScriptedServer.Recorded request = server.only();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_Sign1ngKey".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(request.body().getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        assertThat(request.header("X-Stockroom-Signature")).isEqualTo("sha256=" + hex);
        assertThat(request.header("X-Team")).isEqualTo("ops");
        assertThat(json.readTree(request.body()).get("event").asText()).isEqualTo("alert");
        assertThat(json.readTree(request.body()).get("subject").asText()).isEqualTo("stale");
    }
}
