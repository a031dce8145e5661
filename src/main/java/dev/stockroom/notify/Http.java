package dev.stockroom.notify;

import dev.stockroom.config.Secrets;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Request;
import dev.stockroom.source.http.RetryHint;
import dev.stockroom.source.http.RetryPolicy;
import dev.stockroom.source.http.Timing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * The notifiers' use of the connectors' HTTP client ({@link ApiClient}): 10 s timeouts and the
 * {@link #RETRY} budget, so each request is retried in exactly one place (backoff with jitter,
 * Retry-After, 408/429/5xx) and a retry never resends a part that already went. The answer comes
 * back whole for the notifier to word; a failure never carries the URL, which may hold a token.
 */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Three attempts within a minute: a notification is worth little once the run is long over. */
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofMinutes(1));

    /**
     * Telegram puts the wait of a 429 in its body ({@code parameters.retry_after}); no other
     * notifier's service answers that shape, so one client serves all.
     */
    static final RetryHint BODY_RETRY_AFTER = RetryHint.jsonSeconds("$.parameters.retry_after");

    private final ApiClient client;

    Http(Timing timing, DoubleSupplier random) {
        this.client = ApiClient.builder().connectTimeout(TIMEOUT).readTimeout(TIMEOUT).retry(RETRY)
                .retryHint(BODY_RETRY_AFTER).timing(timing).random(random).maxConcurrentRequests(1).build();
    }

    static Http standard() {
        return new Http(Timing.system(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** POSTs a body; the answer is a success, a status not worth retrying, or the last one once the budget is spent. */
    ApiClient.Answer post(String what, URI uri, String contentType, String body, Map<String, String> headers)
            throws NotifyException {
        return post(what, uri, contentType, body, sent -> headers);
    }

    /**
     * POSTs a body, redacted here: this is where every notification leaves the process, so no
     * notifier has to remember it. The headers are made from the body as it is sent, so that a
     * signature covers the exact bytes the receiver gets.
     */
    ApiClient.Answer post(String what, URI uri, String contentType, String body,
                          Function<String, Map<String, String>> headersFor) throws NotifyException {
        String sent = Secrets.redact(body);
        Request request = Request.post(uri.toString(), contentType, sent.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : headersFor.apply(sent).entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        try {
            return client.exchange(request);
        } catch (SourceException e) {
            // Only faults without an answer get here; say who, not where.
            String where = request.where();
            String message = e.getMessage().replace(where, what).replace(Secrets.redact(where), what);
            throw new NotifyException(what + " could not be reached: " + NotifyException.shorten(message),
                    e.isTransient());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException(what + ": interrupted", false);
        }
    }
}
