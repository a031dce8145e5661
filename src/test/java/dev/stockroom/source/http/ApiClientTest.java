package dev.stockroom.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.source.SourceException;
import dev.stockroom.source.http.ScriptedServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    private static final String OK = "{\"data\":[{\"id\":1},{\"id\":2}]}";

    private final FakeTiming timing = new FakeTiming();

    private ApiClient.Builder client() {
        return ApiClient.builder().timing(timing).random(() -> 0.5).readTimeout(Duration.ofSeconds(5));
    }

    private static long read(ApiClient client, String url) throws Exception {
        CollectingSink sink = new CollectingSink();
        return new PageReader(client, Pagination.none(), JsonPath.parse("$.data"), true)
                .readAll("orders", Request.get(url), sink);
    }

    @Test
    void retries_after_429_honouring_retry_after() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(
                Reply.status(429, "{\"error\":\"slow down\"}").header("Retry-After", "7"),
                Reply.json(OK))) {
            assertThat(read(client().build(), server.url("/v1/orders"))).isEqualTo(2);
            assertThat(server.requests()).hasSize(2);
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void honours_retry_after_given_as_an_http_date() throws Exception {
        String inNinety = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(timing.now().plusSeconds(90), ZoneOffset.UTC));
        try (ScriptedServer server = ScriptedServer.sequence(
                Reply.status(503, "").header("Retry-After", inNinety), Reply.json(OK))) {
            assertThat(read(client().build(), server.url("/v1/orders"))).isEqualTo(2);
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(90));
        }
    }

    @Test
    void retries_503_twice_then_succeeds_with_jittered_exponential_backoff() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(
                Reply.status(503, "busy"), Reply.status(503, "busy"), Reply.json(OK))) {
            assertThat(read(client().build(), server.url("/v1/orders"))).isEqualTo(2);
            assertThat(server.requests()).hasSize(3);
            // Full jitter at random 0.5: half of 1s, then half of 2s.
            assertThat(timing.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        }
    }

    @Test
    void retries_after_a_read_timeout_then_succeeds() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json(OK).delayed(2000), Reply.json(OK))) {
            ApiClient client = client().readTimeout(Duration.ofMillis(300)).build();
            assertThat(read(client, server.url("/v1/orders"))).isEqualTo(2);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void a_body_that_stalls_midway_fails_as_transient_after_the_read_timeout() throws Exception {
        Reply stalls = Reply.streaming(out -> {
            out.write("{\"data\":[{\"id\":1},".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (ScriptedServer server = ScriptedServer.sequence(stalls)) {
            ApiClient client = client().readTimeout(Duration.ofMillis(300)).build();
            long started = System.nanoTime();
            assertThatThrownBy(() -> read(client, server.url("/v1/orders")))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("lost the connection while reading")
                    .hasMessageContaining("no data for 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void gives_up_as_transient_when_retries_are_spent() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.status(502, "<html>bad gateway</html>"))) {
            ApiClient client = client().retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofMinutes(10))).build();
            assertThatThrownBy(() -> read(client, server.url("/v1/orders")))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("gave up after 3 attempts")
                    .hasMessageContaining("502 Bad Gateway from " + server.host() + "/v1/orders");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void does_not_wait_when_the_server_asks_for_longer_than_the_retry_budget() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.status(429, "").header("Retry-After", "3600"))) {
            assertThatThrownBy(() -> read(client().build(), server.url("/v1/orders")))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("429 Too Many Requests")
                    .hasMessageContaining("past the retry budget");
            assertThat(timing.sleeps()).isEmpty();
        }
    }

    @Test
    void retries_connection_errors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ApiClient client = client().retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1))).build();
        assertThatThrownBy(() -> read(client, "http://127.0.0.1:" + closedPort + "/v1/orders"))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("gave up after 2 attempts")
                .hasMessageContaining("connection to 127.0.0.1:" + closedPort + "/v1/orders failed");
        assertThat(timing.sleeps()).hasSize(1);
    }

    @Test
    void takes_the_retry_delay_from_a_json_error_body_through_the_vendor_hook() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(
                Reply.status(429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":35}}"),
                Reply.json(OK))) {
            ApiClient client = client().retryHint(RetryHint.jsonSeconds("$.parameters.retry_after")).build();
            assertThat(read(client, server.url("/bot/sendMessage"))).isEqualTo(2);
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(35));
        }
    }

    @Test
    void fails_at_once_on_401_with_an_actionable_message_without_the_token() throws Exception {
        String token = "tok_live_SECRET_4242";
        try (ScriptedServer server = ScriptedServer.sequence(
                Reply.status(401, "{\"error\":\"token " + token + " is not valid\"}"))) {
            ApiClient client = client().auth(Auth.bearer(token, "check the token given in auth.token")).build();
            assertThatThrownBy(() -> read(client, server.url("/v1/orders")))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageStartingWith("401 Unauthorized from " + server.host()
                            + "/v1/orders: check the token given in auth.token")
                    .hasMessageNotContaining(token);
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer " + token);
        }
    }

    @Test
    void fails_at_once_on_404_and_422_naming_what_to_check() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.status(404, "{\"error\":\"no such route\"}"),
                Reply.status(422, "{\"errors\":[\"updated_after is not a date\"]}"))) {
            assertThatThrownBy(() -> read(client().build(), server.url("/v1/ordrs")))
                    .hasMessageContaining("404 Not Found from " + server.host() + "/v1/ordrs")
                    .hasMessageContaining("check base_url and the stream's path");
            assertThatThrownBy(() -> read(client().build(), server.url("/v1/orders")))
                    .hasMessageContaining("422 Unprocessable Content")
                    .hasMessageContaining("updated_after is not a date");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void sends_the_user_agent_and_decodes_gzip() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(OK.getBytes(StandardCharsets.UTF_8));
        }
        Reply gzipped = new Reply(200, java.util.Map.of("Content-Encoding", "gzip"),
                out -> out.write(zipped.toByteArray()), 0);
        try (ScriptedServer server = ScriptedServer.sequence(gzipped)) {
            assertThat(read(client().header("Stripe-Version", "2024-06-20").build(), server.url("/v1/x")))
                    .isEqualTo(2);
            ScriptedServer.Seen seen = server.requests().get(0);
            assertThat(seen.header("User-Agent")).startsWith("Stockroom/");
            assertThat(seen.header("Accept-Encoding")).contains("gzip");
            assertThat(seen.header("Stripe-Version")).isEqualTo("2024-06-20");
        }
    }

    @Test
    void sends_basic_and_api_key_credentials() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json(OK))) {
            read(client().auth(Auth.basic("anystring", "pw-0123-us19", "check")).build(), server.url("/a"));
            read(client().auth(Auth.apiKeyHeader("X-Kit-Api-Key", "kit-key-1", "check")).build(), server.url("/b"));
            read(client().auth(Auth.apiKeyQuery("api_key", "query-key-1", "check")).build(), server.url("/c"));
            List<ScriptedServer.Seen> seen = server.requests();
            assertThat(seen.get(0).header("Authorization")).isEqualTo("Basic "
                    + java.util.Base64.getEncoder().encodeToString("anystring:pw-0123-us19".getBytes()));
            assertThat(seen.get(1).header("X-Kit-Api-Key")).isEqualTo("kit-key-1");
            assertThat(seen.get(2).params()).containsEntry("api_key", "query-key-1");
        }
    }

    @Test
    void signed_tokens_are_cached_until_near_expiry_and_renewed_once_after_401() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        TokenIssuer issuer = now -> new TokenIssuer.IssuedToken("jwt-" + issued.incrementAndGet(),
                now.plusSeconds(300));
        Auth auth = new SignedTokenAuth("Authorization", "Ghost", issuer, Duration.ofSeconds(60), timing,
                "check admin_api_key");
        try (ScriptedServer server = new ScriptedServer((request, n) ->
                request.header("Authorization").equals("Ghost jwt-1") && n == 2
                        ? Reply.status(401, "{\"errors\":[{\"type\":\"UnauthorizedError\"}]}")
                        : Reply.json(OK))) {
            ApiClient client = client().auth(auth).build();
            read(client, server.url("/members"));
            read(client, server.url("/members"));
            assertThat(server.requests()).extracting(s -> s.header("Authorization"))
                    .containsExactly("Ghost jwt-1", "Ghost jwt-1", "Ghost jwt-2");
            timing.sleep(Duration.ofSeconds(250));
            read(client, server.url("/members"));
            assertThat(server.requests().get(3).header("Authorization")).isEqualTo("Ghost jwt-3");
        }
    }

    @Test
    void spaces_requests_to_the_rate_limit() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json(OK))) {
            ApiClient client = client().maxRequestsPerSecond(4).build();
            for (int i = 0; i < 5; i++) {
                read(client, server.url("/v1/orders"));
            }
            // The first goes at once; each later one waits its 250 ms slot (the fake clock moves by the sleeps).
            assertThat(timing.sleeps()).hasSize(4).allMatch(d -> d.equals(Duration.ofMillis(250)));
        }
    }

    @Test
    void caps_concurrent_requests() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(100);
            inFlight.decrementAndGet();
            return Reply.json(OK);
        })) {
            ApiClient client = ApiClient.builder().maxConcurrentRequests(2).build();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> read(client, server.url("/v1/orders"))));
            }
            for (Future<Long> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            }
            pool.shutdown();
            assertThat(most.get()).isEqualTo(2);
        }
    }

    @Test
    void exchange_hands_back_a_status_not_retried_with_its_body_instead_of_failing() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.status(404, "no_service"))) {
            ApiClient.Answer answer = client().build().exchange(Request.post(server.url("/hook"), "text/plain",
                    "hi".getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("no_service");
            assertThat(answer.transientStatus()).isFalse();
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void exchange_retries_within_the_budget_then_hands_back_the_last_retryable_answer() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.status(429, "slow").header("Retry-After", "2"))) {
            ApiClient client = client().retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5),
                    Duration.ofMinutes(1))).build();
            ApiClient.Answer answer = client.exchange(Request.post(server.url("/hook"), "text/plain",
                    "hi".getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.transientStatus()).isTrue();
            assertThat(server.requests()).hasSize(3);
            assertThat(timing.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        }
    }
}
