package dev.stockroom.notify;

import dev.stockroom.config.Secrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The HTTP all notifiers share: JDK client, 10 s timeouts, POST only, and the 429 dance (wait
 * what the server asks, capped, then try again). Errors never carry the URL: it may hold a token.
 */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(30);
    static final int RATE_LIMIT_RETRIES = 2;

    record Response(int status, String body, HttpHeaders headers) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The Retry-After header in seconds, or -1. */
        long retryAfterHeader() {
            try {
                return headers.firstValue("Retry-After").map(v -> Long.parseLong(v.strip())).orElse(-1L);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Sleeper sleeper;

    Http(Duration timeout, Sleeper sleeper) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.sleeper = sleeper;
    }

    static Http standard() {
        return new Http(TIMEOUT, Sleeper.REAL);
    }

    /**
     * POSTs a body; on 429 waits {@code retryAfter} seconds (or 1 s when it gives -1), at most
     * {@link #MAX_RATE_LIMIT_WAIT}, and tries again, up to {@link #RATE_LIMIT_RETRIES} times.
     */
    Response post(String what, URI uri, String contentType, String body, Map<String, String> headers,
                  ToLongFunction<Response> retryAfter) throws NotifyException {
        return post(what, uri, contentType, body, sent -> headers, retryAfter);
    }

    /**
     * POSTs a body, redacted here: this is where every notification leaves the process, so no
     * notifier has to remember it. The headers are made from the body as it is sent, so that a
     * signature covers the exact bytes the receiver gets.
     */
    Response post(String what, URI uri, String contentType, String body,
                  Function<String, Map<String, String>> headersFor, ToLongFunction<Response> retryAfter)
            throws NotifyException {
        String sent = Secrets.redact(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "stockroom")
                .POST(HttpRequest.BodyPublishers.ofString(sent));
        headersFor.apply(sent).forEach(request::header);
        for (int attempt = 0; ; attempt++) {
            Response response = send(what, request.build());
            if (response.status() != 429 || attempt >= RATE_LIMIT_RETRIES) {
                return response;
            }
            long seconds = retryAfter.applyAsLong(response);
            pause(what, Duration.ofSeconds(seconds < 0 ? 1 : Math.min(seconds, MAX_RATE_LIMIT_WAIT.toSeconds())));
        }
    }

    private Response send(String what, HttpRequest request) throws NotifyException {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body() == null ? "" : r.body(), r.headers());
        } catch (HttpTimeoutException e) {
            throw new NotifyException(what + " did not answer within " + timeout.toSeconds() + " s", true);
        } catch (ConnectException e) {
            throw new NotifyException(what + " could not be reached (connection refused or no route)", true);
        } catch (IOException e) {
            throw new NotifyException(what + " could not be reached: " + describe(e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException(what + ": interrupted", false);
        }
    }

    void pause(String what, Duration wait) throws NotifyException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException(what + ": interrupted while waiting to retry", false);
        }
    }

    private static String describe(IOException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse("");
        return message.isBlank() ? e.getClass().getSimpleName() : NotifyException.shorten(message);
    }
}
