package dev.stockroom.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.http.ApiClient;
import java.net.URI;
import java.util.Map;

/**
 * Slack incoming webhook: {@code POST <webhook_url>} with {@code {"text": ...}}. Success is 200 with
 * the body {@code ok}; errors are plain-text bodies ({@code invalid_payload}, {@code no_service}...)
 * and end up, with a hint, in the logged reason. The webhook URL is itself the secret and is never
 * logged. Config: {@code - slack: {webhook_url}}.
 */
public final class SlackNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final URI webhook;

    SlackNotifier(Http http, String webhookUrl) {
        Secrets.register(webhookUrl);
        this.http = http;
        this.webhook = URI.create(webhookUrl);
    }

    static SlackNotifier fromConfig(ConfigNode node, Http http) {
        String url = node.string("webhook_url");
        node.finish();
        Secrets.register(url);
        Notifiers.requireHttpUrl(node, "webhook_url", url);
        return new SlackNotifier(http, url);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void runFinished(RunSummary summary) throws NotifyException {
        send(RunMessage.plain(summary));
    }

    @Override
    public void sendText(String subject, String body) throws NotifyException {
        send(subject + "\n" + body);
    }

    private void send(String text) throws NotifyException {
        // Slack reads & < > in text as markup (links, mentions): escape them like HTML.
        String payload = JSON.createObjectNode().put("text", RunMessage.escapeHtml(text)).toString();
        ApiClient.Answer response = http.post("slack", webhook, "application/json", payload, Map.of());
        if (!response.ok()) {
            String error = response.body().strip();
            throw NotifyException.fromStatus("slack", response.status(), error + hint(error));
        }
    }

    private static String hint(String error) {
        return switch (error) {
            case "no_service", "invalid_token", "no_team" ->
                    " (the webhook was revoked or disabled; create a new one and update webhook_url)";
            case "channel_not_found", "channel_is_archived", "action_prohibited" ->
                    " (the webhook's channel is gone or locked; create a webhook for another channel)";
            case "invalid_payload", "no_text", "missing_text_or_fallback_or_attachments" ->
                    " (Slack rejected the message format; please report this as a Stockroom bug)";
            default -> "";
        };
    }
}
