package dev.stockroom.notify;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.http.ApiClient;
import java.net.URI;
import java.util.Map;

/**
 * healthchecks.io-style ping URL: {@code POST {url}/start} when a run starts (so the monitor can
 * flag runs that hang), {@code POST {url}} when every stream succeeded and {@code POST {url}/fail}
 * otherwise, each with a short text body the monitor keeps as diagnostics. Free-form alerts are
 * not sent here: the monitor watches runs, not data. The ping URL is treated as a secret.
 * Config: {@code - healthchecks: {url}}.
 */
public final class HealthchecksNotifier implements Notifier {

    static final int MAX_BODY_CHARS = 10_000;

    private final Http http;
    private final URI url;

    HealthchecksNotifier(Http http, String url) {
        Secrets.register(url);
        this.http = http;
        this.url = URI.create(url.replaceAll("/+$", ""));
    }

    static HealthchecksNotifier fromConfig(ConfigNode node, Http http) {
        String url = node.string("url");
        node.finish();
        Secrets.register(url);
        Notifiers.requireHttpUrl(node, "url", url);
        return new HealthchecksNotifier(http, url);
    }

    @Override
    public String name() {
        return "healthchecks " + url.getHost();
    }

    @Override
    public void runStarted() throws NotifyException {
        ping("/start", "");
    }

    @Override
    public void runFinished(RunSummary summary) throws NotifyException {
        if (summary.succeeded()) {
            ping("", RunMessage.headline(summary));
        } else {
            ping("/fail", RunMessage.plain(summary));
        }
    }

    @Override
    public void sendText(String subject, String body) {
        // Staleness is about data, not about the job this monitor watches: nothing to ping.
    }

    private void ping(String suffix, String body) throws NotifyException {
        String text = Secrets.redact(body); // before cutting, which could leave half a secret unmasked
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS);
        }
        ApiClient.Answer response = http.post(name(), withSuffix(suffix), "text/plain; charset=utf-8", text,
                Map.of());
        String answer = response.body().strip();
        if (!response.ok()) {
            String hint = response.status() == 404 ? " (no check has this URL; copy the ping URL again)" : "";
            throw NotifyException.fromStatus(name(), response.status(), answer + hint);
        }
        if (answer.startsWith("OK (")) {
            // Newer servers answer 200 "OK (not found)" / "OK (rate limited)" for pings they dropped.
            throw new NotifyException(name() + " dropped the ping: " + NotifyException.shorten(answer),
                    answer.contains("rate limited"));
        }
    }

    /** Appends to the path, keeping a query such as {@code ?create=1} at the end. */
    private URI withSuffix(String suffix) {
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + suffix + query);
    }
}
