package dev.stockroom.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.http.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Telegram Bot API {@code sendMessage}: {@code POST {api_base}/bot<token>/sendMessage} with a JSON
 * body, {@code parse_mode=HTML}, link previews off. Messages over 4096 characters go as several,
 * split between lines. A 429 waits {@code parameters.retry_after} seconds, within the retry
 * budget of {@link Http}.
 * Config: {@code - telegram: {token, chat_id, api_base?}}.
 */
public final class TelegramNotifier implements Notifier {

    static final int MAX_CHARS = 4096;
    static final String DEFAULT_API_BASE = "https://api.telegram.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final URI endpoint;
    private final String chatId;

    TelegramNotifier(Http http, String apiBase, String token, String chatId) {
        Secrets.register(token);
        this.http = http;
        this.endpoint = URI.create(apiBase.replaceAll("/+$", "") + "/bot" + token + "/sendMessage");
        this.chatId = chatId;
    }

    static TelegramNotifier fromConfig(ConfigNode node, Http http) {
        String token = node.string("token");
        String chatId = node.string("chat_id");
        String apiBase = node.string("api_base", DEFAULT_API_BASE);
        node.finish();
        Secrets.register(token);
        if (!token.matches("\\d+:[A-Za-z0-9_-]+")) {
            throw node.error("token", "this does not look like a bot token (digits, a colon, then letters); "
                    + "copy it from @BotFather");
        }
        Notifiers.requireHttpUrl(node, "api_base", apiBase);
        return new TelegramNotifier(http, apiBase, token, chatId);
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public void runFinished(RunSummary summary) throws NotifyException {
        send(RunMessage.html(summary));
    }

    @Override
    public void sendText(String subject, String body) throws NotifyException {
        send("<b>" + RunMessage.escapeHtml(subject) + "</b>\n" + RunMessage.escapeHtml(body));
    }

    private void send(String html) throws NotifyException {
        // Redacted before it is cut into messages: a secret split across two would escape the mask.
        for (String part : MessageSplitter.split(Secrets.redact(html), MAX_CHARS)) {
            ApiClient.Answer response = http.post("telegram", endpoint, "application/json", payload(part), Map.of());
            if (!response.ok()) {
                throw NotifyException.fromStatus("telegram", response.status(), describe(response.body()));
            }
        }
    }

    String payload(String text) {
        ObjectNode body = JSON.createObjectNode();
        if (chatId.matches("-?\\d+")) {
            body.put("chat_id", Long.parseLong(chatId));
        } else {
            body.put("chat_id", chatId);
        }
        body.put("text", text);
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        return body.toString();
    }

    /** The API's own description, plus the fix when a group was upgraded to a supergroup. */
    private static String describe(String body) {
        JsonNode error = parse(body);
        String text = error.path("description").asText(body);
        JsonNode migrated = error.path("parameters").path("migrate_to_chat_id");
        return migrated.isMissingNode() ? text : text + " (set chat_id to " + migrated.asText() + ")";
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
