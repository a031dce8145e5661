package dev.stockroom.notify;

import static dev.stockroom.notify.Fixtures.failed;
import static dev.stockroom.notify.Fixtures.ok;
import static dev.stockroom.notify.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.ConfigNode;
import dev.stockroom.pipeline.RunSummary;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifiersTest {

    static final String TOKEN = "4242424:AAFanOutTokenThatMustNeverBeLogged";

    static List<ConfigNode> notify(String yaml) {
        return ConfigNode.ofYaml("notify:\n" + yaml, "stockroom.yml").objects("notify");
    }

    @Test
    void every_notifier_type_is_built_from_its_one_key_mapping() {
        List<Notifier> notifiers = Notifiers.fromConfig(notify("""
                  - telegram: { token: "%s", chat_id: "12345", api_base: "http://127.0.0.1:9" }
                  - slack: { webhook_url: "https://hooks.slack.com/services/T0/B0/xyzSecret" }
                  - webhook: { url: "https://example.org/hook", secret: "s3cret-key", headers: { X-Team: ops } }
                  - healthchecks: { url: "https://hc.example.org/ping/UUID" }
                """.formatted(TOKEN)));

        assertThat(notifiers).extracting(Notifier::name)
                .containsExactly("telegram", "slack", "webhook example.org", "healthchecks hc.example.org");
    }

    @Test
    void an_unknown_notifier_type_names_the_nearest_valid_one_with_file_and_line() {
        assertThatThrownBy(() -> Notifiers.fromConfig(notify("  - telegarm: { token: x, chat_id: 1 }\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stockroom.yml")
                .hasMessageContaining("unknown notifier 'telegarm'; did you mean 'telegram'?");
    }

    @Test
    void an_unknown_key_inside_a_notifier_suggests_the_valid_key() {
        assertThatThrownBy(() -> Notifiers.fromConfig(notify("  - slack: { webhook: \"https://h.example/x\" }\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing required key 'webhook_url'");
        assertThatThrownBy(() -> Notifiers.fromConfig(notify(
                "  - telegram: { token: \"" + TOKEN + "\", chatid: \"1\", chat_id: \"1\" }\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'chatid'; did you mean 'chat_id'?");
    }

    @Test
    void a_malformed_token_or_url_is_rejected_without_echoing_the_value() {
        assertThatThrownBy(() -> Notifiers.fromConfig(notify("  - telegram: { token: \"notATokenAtAll\", chat_id: 1 }\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("@BotFather")
                .hasMessageNotContaining("notATokenAtAll");
        assertThatThrownBy(() -> Notifiers.fromConfig(notify("  - slack: { webhook_url: \"hooks/T0/secretPath\" }\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http:// or https:// URL")
                .hasMessageNotContaining("secretPath");
    }

    @Test
    void an_unreachable_endpoint_neither_throws_nor_stalls() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Notifiers notifiers = new Notifiers(Notifiers.fromConfig(notify("""
                  - telegram: { token: "%s", chat_id: "1", api_base: "http://127.0.0.1:%d" }
                """.formatted(TOKEN, closedPort))));

        long started = System.nanoTime();
        String log = Fixtures.captureLog(() -> {
            notifiers.runFinished(run(ok("web", "pages", 1)));
            return null;
        });

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(log).contains("could not send run summary via telegram: telegram could not be reached")
                .doesNotContain(TOKEN);
    }

    @Test
    void one_broken_notifier_does_not_keep_the_others_from_sending() {
        List<String> sent = new ArrayList<>();
        Notifier broken = new Recording("broken", sent) {
            @Override
            public void runFinished(RunSummary summary) {
                throw new IllegalStateException("bug");
            }
        };
        Notifiers notifiers = new Notifiers(List.of(broken, new Recording("fine", sent)));

        notifiers.runStarted();
        notifiers.runFinished(run(failed("a", "b", "x", true)));
        notifiers.sendText("s", "b");
        assertThat(sent).containsExactly("broken start", "fine start", "fine finished", "broken text", "fine text");
    }

    @Test
    void secrets_echoed_back_by_failing_services_never_reach_the_log() throws Exception {
        try (ScriptedServer telegram = new ScriptedServer(); ScriptedServer slack = new ScriptedServer()) {
            String hook = slack.url("/services/T9/B9/EchoedWebhookSecret77");
            telegram.always(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized: " + TOKEN + "\"}");
            slack.always(403, "invalid_token for " + hook);
            Notifiers notifiers = new Notifiers(Notifiers.fromConfig(notify("""
                      - telegram: { token: "%s", chat_id: "1", api_base: "%s" }
                      - slack: { webhook_url: "%s" }
                    """.formatted(TOKEN, telegram.url(""), hook))));

            String log = Fixtures.captureLog(() -> {
                notifiers.runFinished(run(failed("shop", "orders", "GET " + hook + " failed with token " + TOKEN,
                        false)));
                return null;
            });

            assertThat(log).contains("telegram answered HTTP 401").contains("slack answered HTTP 403")
                    .doesNotContain(TOKEN).doesNotContain("EchoedWebhookSecret77");
            assertThat(telegram.only().body()).doesNotContain(TOKEN).doesNotContain("EchoedWebhookSecret77");
            assertThat(slack.only().body()).doesNotContain(TOKEN).doesNotContain("EchoedWebhookSecret77");
        }
    }

    static class Recording implements Notifier {
        final String name;
        final List<String> sent;

        Recording(String name, List<String> sent) {
            this.name = name;
            this.sent = sent;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void runStarted() {
            sent.add(name + " start");
        }

        @Override
        public void runFinished(RunSummary summary) {
            sent.add(name + " finished");
        }

        @Override
        public void sendText(String subject, String body) {
            sent.add(name + " text");
        }
    }
}
