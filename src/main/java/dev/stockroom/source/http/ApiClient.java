package dev.stockroom.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.stockroom.config.Secrets;
import dev.stockroom.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.zip.GZIPInputStream;

/**
 * The one HTTP client every connector uses: auth, timeouts, retries with backoff and jitter,
 * {@code Retry-After}, rate and concurrency limits, gzip, and failures that say what to do.
 *
 * <p>Transient faults (connection errors, timeouts, 408, 429, 5xx) are retried within the
 * {@link RetryPolicy}; when it is spent the call fails with {@link SourceException#transientFault}.
 * Any other status fails at once with {@link SourceException#permanent} naming the status, the
 * address and the setting to check. No message carries a secret.
 *
 * <p>A body is read while the response streams in; once reading began, a failure is not retried
 * here, because records may already have reached the sink: the pipeline retries the chunk.
 */
public final class ApiClient {

    private final HttpClient http;
    private final Auth auth;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final RetryHint retryHint;
    private final Map<String, String> headers;
    private final Timing timing;
    private final DoubleSupplier random;
    private final RateLimiter rateLimiter;
    private final Semaphore inFlight;

    private ApiClient(Builder b) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                // HTTP/1.1: one request per connection is predictable under the concurrency cap
                // and avoids h2c upgrade quirks with plain-http servers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.auth = b.auth;
        this.readTimeout = b.readTimeout;
        this.retry = b.retry;
        this.retryHint = b.retryHint;
        this.headers = Map.copyOf(b.headers);
        this.timing = b.timing;
        this.random = b.random;
        this.rateLimiter = new RateLimiter(b.maxRequestsPerSecond, b.timing);
        this.inFlight = new Semaphore(b.maxConcurrentRequests, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sends the request, retrying transient faults, and hands a successful body to the reader. */
    public <T> T execute(Request request, BodyReader<T> reader) throws SourceException, InterruptedException {
        return send(request, reader, (status, headers, body) -> {
            throw new HttpStatusException(status, HttpFailures.permanent(status, request, body, auth.hint()));
        }, false);
    }

    /**
     * The whole answer to a small request whose caller words failures itself (a notifier quotes the
     * vendor's error): transient faults are retried as in {@link #execute}, and what comes back is a
     * success, a status that is not retried, or the last retryable status once the retry budget is
     * spent. Only a fault with no answer at all (connection, timeout) throws.
     */
    public Answer exchange(Request request) throws SourceException, InterruptedException {
        return send(request, response -> new Answer(response.status(), response.headers(),
                new String(response.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)),
                Answer::new, true);
    }

    /** A response read whole. */
    public record Answer(int status, HttpHeaders headers, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Whether the status is one this client retries (408, 425, 429, most 5xx): it may pass. */
        public boolean transientStatus() {
            return retriesStatus(status);
        }
    }

    /** Whether this client retries an answer with this status. */
    public static boolean retriesStatus(int status) {
        return HttpFailures.retryable(status);
    }

    /** What a caller makes of a final error status: a value, or a thrown failure. */
    @FunctionalInterface
    private interface Refusal<T> {
        T answer(int status, HttpHeaders headers, String body) throws SourceException;
    }

    private <T> T send(Request request, BodyReader<T> reader, Refusal<T> refusal, boolean answerWhenSpent)
            throws SourceException, InterruptedException {
        Instant started = timing.now();
        boolean renewedToken = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String fault = "";
            Duration wait;
            rateLimiter.acquire();
            inFlight.acquire();
            try {
                HttpResponse<InputStream> response = null;
                try {
                    response = http.send(toJdk(auth.authorize(request)), TimedBody.handler(readTimeout));
                } catch (HttpConnectTimeoutException e) {
                    fault = "could not connect to " + request.where() + " within " + seconds(connectTimeout());
                } catch (HttpTimeoutException e) {
                    fault = "no answer from " + request.where() + " within " + seconds(readTimeout);
                } catch (IOException e) {
                    fault = "connection to " + request.where() + " failed (" + describe(e) + ")";
                }
                if (response == null) {
                    wait = retry.backoff(attempt, random.getAsDouble());
                } else {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return read(request, response, reader);
                    }
                    String body = errorBody(response);
                    if (status == 401 && !renewedToken && auth.renewAfterUnauthorized()) {
                        renewedToken = true;
                        attempt--;
                        continue;
                    }
                    if (!HttpFailures.retryable(status)) {
                        return refusal.answer(status, response.headers(), body);
                    }
                    fault = HttpFailures.status(status) + " from " + request.where() + HttpFailures.said(body);
                    int retryNumber = attempt;
                    wait = serverWait(response, status, body)
                            .orElseGet(() -> retry.backoff(retryNumber, random.getAsDouble()));
                    if (answerWhenSpent && budgetSpent(attempt, started, wait)) {
                        return refusal.answer(status, response.headers(), body);
                    }
                }
            } finally {
                inFlight.release();
            }
            Duration spent = Duration.between(started, timing.now());
            if (attempt >= retry.maxAttempts()) {
                throw giveUp(fault, attempt, spent, "");
            }
            if (spent.plus(wait).compareTo(retry.maxTotal()) > 0) {
                throw giveUp(fault, attempt, spent, "; the next try would come after " + seconds(wait)
                        + ", past the retry budget of " + seconds(retry.maxTotal()));
            }
            timing.sleep(wait);
        }
    }

    /** No attempt is left, or the next would start past the time budget. */
    private boolean budgetSpent(int attempt, Instant started, Duration wait) {
        return attempt >= retry.maxAttempts()
                || Duration.between(started, timing.now()).plus(wait).compareTo(retry.maxTotal()) > 0;
    }

    private SourceException giveUp(String fault, int attempts, Duration spent, String why) {
        return SourceException.transientFault(Secrets.redact("gave up after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " in " + seconds(spent) + ": " + fault + why
                + "; this usually passes, the next run will try again"), null);
    }

    private Optional<Duration> serverWait(HttpResponse<?> response, int status, String body) {
        Optional<Duration> header = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                timing.now());
        return header.isPresent() ? header : retryHint.delay(status, body);
    }

    private <T> T read(Request request, HttpResponse<InputStream> response, BodyReader<T> reader)
            throws SourceException {
        try (InputStream body = decode(response)) {
            return reader.read(new Response(response.statusCode(), response.uri(), response.headers(), body));
        } catch (JsonEOFException e) {
            throw SourceException.transientFault(Secrets.redact("the response from " + response.uri()
                    + " ended early (" + e.getOriginalMessage() + "); the connection was probably cut"), e);
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
                // Jackson reports a body cut right after a comma as a plain parse error, not as its EOF exception.
                throw SourceException.transientFault(Secrets.redact("the response from " + response.uri()
                        + " ended early (" + e.getOriginalMessage() + "); the connection was probably cut"), e);
            }
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw SourceException.permanent(Secrets.redact("malformed JSON from " + response.uri() + at + ": "
                    + e.getOriginalMessage() + "; the API answered something that is not the expected JSON"
                    + " (check base_url and path)"), null);
        } catch (IOException e) {
            throw SourceException.transientFault(Secrets.redact("lost the connection while reading "
                    + response.uri() + " (" + describe(e) + ")"), null);
        }
    }

    private static InputStream decode(HttpResponse<InputStream> response) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("");
        return encoding.equalsIgnoreCase("gzip")
                ? new GZIPInputStream(response.body(), 64 * 1024)
                : response.body();
    }

    /** The start of an error body, for the message; the rest is dropped with the connection. */
    private static String errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = decode(response)) {
            return new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private HttpRequest toJdk(Request request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(readTimeout);
        b.header("User-Agent", UserAgent.VALUE);
        b.header("Accept-Encoding", "gzip");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", "application/json");
        all.putAll(headers);
        all.putAll(request.headers());
        all.forEach(b::header);
        if (request.body() != null) {
            if (request.contentType() != null) {
                b.header("Content-Type", request.contentType());
            }
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private Duration connectTimeout() {
        return http.connectTimeout().orElse(Duration.ZERO);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 || millis >= 10_000 ? d.toSeconds() + "s" : String.format("%.1fs", millis / 1000.0);
    }

    /** Settings of a client; the defaults suit a vendor API called from a nightly job. */
    public static final class Builder {
        private Auth auth = Auth.none();
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration readTimeout = Duration.ofSeconds(60);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private RetryHint retryHint = RetryHint.none();
        private double maxRequestsPerSecond;
        private int maxConcurrentRequests = 4;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Timing timing = Timing.system();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        public Builder auth(Auth value) {
            this.auth = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** How long to wait for the headers, and then for each further piece of the body. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder retryHint(RetryHint value) {
            this.retryHint = value;
            return this;
        }

        /** 0 for no limit. */
        public Builder maxRequestsPerSecond(double value) {
            this.maxRequestsPerSecond = value;
            return this;
        }

        public Builder maxConcurrentRequests(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
            }
            this.maxConcurrentRequests = value;
            return this;
        }

        /** A header sent with every request, e.g. {@code Stripe-Version} or {@code Accept-Version}. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> values) {
            headers.putAll(values);
            return this;
        }

        public Builder timing(Timing value) {
            this.timing = value;
            return this;
        }

        /** The source of jitter, in [0,1); fixed in tests. */
        public Builder random(DoubleSupplier value) {
            this.random = value;
            return this;
        }

        public ApiClient build() {
            return new ApiClient(this);
        }
    }
}
