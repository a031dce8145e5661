package dev.stockroom.notify;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.http.ApiClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the run summary as JSON (the shape is documented on {@link RunJson}) to any URL. With a
 * {@code secret}, every request carries {@code X-Stockroom-Signature: sha256=<hex HMAC-SHA256 of the
 * exact body bytes, keyed with the secret>} so the receiver can check it came from us. Any 2xx is
 * success. Config: {@code - webhook: {url, secret?, headers?: {Name: value}}}.
 */
public final class WebhookNotifier implements Notifier {

    static final String SIGNATURE_HEADER = "X-Stockroom-Signature";
    private static final Pattern CREDENTIAL_HEADER =
            Pattern.compile("(?i)auth|token|key|secret|signature|cookie|password|session");

    private final Http http;
    private final URI url;
    private final String secret;
    private final Map<String, String> headers;

    WebhookNotifier(Http http, String url, String secret, Map<String, String> headers) {
        Secrets.register(url);
        Secrets.register(secret);
        headers.forEach((name, value) -> {
            if (CREDENTIAL_HEADER.matcher(name).find()) {
                Secrets.register(value);
            }
        });
        this.http = http;
        this.url = URI.create(url);
        this.secret = secret;
        this.headers = Map.copyOf(headers);
    }

    static WebhookNotifier fromConfig(ConfigNode node, Http http) {
        String url = node.string("url");
        String secret = node.optString("secret").orElse(null);
        Map<String, String> headers = node.stringMap("headers");
        node.finish();
        Secrets.register(url);
        Notifiers.requireHttpUrl(node, "url", url);
        try {
            HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create(url));
            headers.forEach(probe::header);
        } catch (IllegalArgumentException e) {
            throw node.error("headers", "a header here cannot be set by Stockroom (" + e.getMessage()
                    + "); remove it");
        }
        return new WebhookNotifier(http, url, secret, headers);
    }

    @Override
    public String name() {
        return "webhook " + url.getHost();
    }

    @Override
    public void runFinished(RunSummary summary) throws NotifyException {
        post(RunJson.run(summary));
    }

    @Override
    public void sendText(String subject, String body) throws NotifyException {
        post(RunJson.alert(subject, body));
    }

    private void post(String json) throws NotifyException {
        ApiClient.Answer response = http.post(name(), url, "application/json", json, sent -> {
            Map<String, String> all = new LinkedHashMap<>(headers);
            if (secret != null) {
                all.put(SIGNATURE_HEADER, "sha256=" + hmacSha256Hex(secret, sent));
            }
            return all;
        });
        if (!response.ok()) {
            throw NotifyException.fromStatus(name(), response.status(), response.body());
        }
    }

    static String hmacSha256Hex(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)))
                    .toLowerCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
