package dev.stockroom.dashboard;

import static dev.stockroom.dashboard.ExplorerClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a request must be for the dashboard to serve it: user SQL runs only from a POST with the
 * page's CSRF token, the Host must name this server, a POST must come from its own origin, logins
 * slow down instead of locking out, and cookies are Secure behind TLS.
 */
class DashboardRequestsTest {

    /** Runs only if it reaches the database: its result text appears nowhere in the query's own text. */
    static final String MARKER_SQL = "SELECT 'ran' || '-marker' AS x";
    static final LoginThrottle.Policy FAST = new LoginThrottle.Policy(Duration.ofMillis(20), Duration.ofMillis(80),
            10, Duration.ofMinutes(15), 8, 64);

    @TempDir
    static Path dir;

    static TestProject project;
    static DashboardServer open;

    @BeforeAll
    static void load() throws Exception {
        project = TestProject.loaded(dir);
        open = start(DashboardSettings.defaults().withAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
    }

    static DashboardServer start(DashboardSettings settings) throws Exception {
        return DashboardServer.start(project.context(ReadConnections.perRequest(project.dialect), settings), FAST);
    }

    @Test
    void a_link_to_the_explorer_fills_the_box_but_runs_nothing() throws Exception {
        ExplorerClient client = new ExplorerClient(open, null);
        HttpResponse<String> page = client.get("/sql?q=" + enc(MARKER_SQL), Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&#39;ran&#39; || &#39;-marker&#39;").contains("id=\"not-run\"")
                .doesNotContain("ran-marker").doesNotContain("id=\"row-count\"");
        HttpResponse<String> csv = client.get("/sql.csv?q=" + enc(MARKER_SQL), Map.of());
        assertThat(csv.statusCode()).isEqualTo(405);
        assertThat(csv.body()).contains("POSTed by the SQL explorer's form").doesNotContain("ran-marker");
    }

    @Test
    void a_post_without_the_csrf_token_or_with_a_wrong_one_is_refused_and_the_right_one_runs() throws Exception {
        ExplorerClient client = new ExplorerClient(open, null);
        Map<String, String> sameOrigin = Map.of("Origin", client.origin());
        for (String path : List.of("/sql", "/sql.csv")) {
            HttpResponse<String> none = client.post(path, "q=" + enc(MARKER_SQL), sameOrigin);
            assertThat(none.statusCode()).as(path).isEqualTo(403);
            assertThat(none.body()).contains("CSRF token").contains("Reload the page").doesNotContain("ran-marker");
            HttpResponse<String> wrong = client.post(path, "csrf=" + enc(client.token + "x") + "&q="
                    + enc(MARKER_SQL), sameOrigin);
            assertThat(wrong.statusCode()).as(path).isEqualTo(403);
            assertThat(wrong.body()).doesNotContain("ran-marker");
        }
        // A double-submit pair the attacker made up (cookie and field alike) is not signed by the server.
        ExplorerClient forged = new ExplorerClient(open, null);
        forged.cookies.clear();
        forged.cookies.add(Csrf.COOKIE + "=made.up");
        HttpResponse<String> madeUp = forged.post("/sql", "csrf=made.up&q=" + enc(MARKER_SQL), sameOrigin);
        assertThat(madeUp.statusCode()).isEqualTo(403);
        // The right token without its cookie is refused too.
        ExplorerClient noCookie = new ExplorerClient(open, null);
        noCookie.cookies.clear();
        assertThat(noCookie.post("/sql", "csrf=" + enc(client.token) + "&q=" + enc(MARKER_SQL), sameOrigin)
                .statusCode()).isEqualTo(403);

        HttpResponse<String> huge = client.run(MARKER_SQL + " -- " + "x".repeat(70_000));
        assertThat(huge.statusCode()).as("a form too long is refused whole, never cut").isEqualTo(413);
        assertThat(huge.body()).contains("longer than 64 KB").doesNotContain("ran-marker");

        HttpResponse<String> ran = client.run(MARKER_SQL);
        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(ran.body()).contains("<td>ran-marker</td>").contains("1 row");
        HttpResponse<String> csv = client.csv(MARKER_SQL);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo("x\r\nran-marker\r\n");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("query.csv");
    }

    @Test
    void behind_a_password_the_token_belongs_to_the_session() throws Exception {
        try (DashboardServer walled = start(DashboardSettings.defaults().withAddress("127.0.0.1", 0)
                .withPassword("pass-1234"))) {
            ExplorerClient mine = new ExplorerClient(walled, login(walled, "pass-1234", Map.of()));
            ExplorerClient other = new ExplorerClient(walled, login(walled, "pass-1234", Map.of()));
            assertThat(mine.token).isNotEqualTo(other.token);
            HttpResponse<String> swapped = mine.post("/sql", "csrf=" + enc(other.token) + "&q=" + enc(MARKER_SQL),
                    Map.of("Origin", mine.origin()));
            assertThat(swapped.statusCode()).isEqualTo(403);
            assertThat(mine.run(MARKER_SQL).body()).contains("<td>ran-marker</td>");
            HttpResponse<String> logoutWithoutToken = mine.post("/logout", "", Map.of("Origin", mine.origin()));
            assertThat(logoutWithoutToken.statusCode()).isEqualTo(403);
            HttpResponse<String> logout = mine.post("/logout", "csrf=" + enc(mine.token),
                    Map.of("Origin", mine.origin()));
            assertThat(logout.statusCode()).isEqualTo(303);
            assertThat(mine.run(MARKER_SQL).statusCode()).as("the session is gone").isEqualTo(401);
        }
    }

    @Test
    void a_host_header_that_does_not_name_this_server_is_refused() throws Exception {
        int port = open.port();
        String rebound = raw(port, "GET /sql HTTP/1.1\r\nHost: rebind.example:" + port
                + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound).startsWith("HTTP/1.1 421").contains("dashboard.allowed_hosts")
                .contains("rebind.example:" + port).doesNotContain("SQL explorer");
        assertThat(raw(port, "GET /sql HTTP/1.1\r\nHost: 127.0.0.1:" + (port + 1) + "\r\nConnection: close\r\n\r\n"))
                .as("another port is another origin").startsWith("HTTP/1.1 421");
        assertThat(raw(port, "GET /sql HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 421").contains("no Host header");
        for (String host : List.of("127.0.0.1", "localhost", "LOCALHOST", "[::1]")) {
            assertThat(raw(port, "GET /sql HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n"))
                    .as(host).startsWith("HTTP/1.1 200");
        }
        open.mount("/probe", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        assertThat(raw(port, "GET /probe HTTP/1.1\r\nHost: rebind.example:" + port + "\r\nConnection: close\r\n\r\n"))
                .as("mounted paths too").startsWith("HTTP/1.1 421");

        assertThat(raw(port, "GET /sql HTTP/1.1\r\nHost: 127.0.0.2:" + port + "\r\nConnection: close\r\n\r\n"))
                .as("bound to 127.0.0.1, not another loopback address").startsWith("HTTP/1.1 421");
        try (DashboardServer everywhere = start(DashboardSettings.defaults().withAddress("0.0.0.0", 0)
                .withPassword("pass-1234"))) {
            int p = everywhere.port();
            assertThat(raw(p, "GET /login HTTP/1.1\r\nHost: 127.0.0.2:" + p + "\r\nConnection: close\r\n\r\n"))
                    .as("bound to every address, any of this machine's").startsWith("HTTP/1.1 200");
            assertThat(raw(p, "GET /login HTTP/1.1\r\nHost: 192.0.2.1:" + p + "\r\nConnection: close\r\n\r\n"))
                    .as("an address of no interface here").startsWith("HTTP/1.1 421");
            assertThat(raw(p, "GET /login HTTP/1.1\r\nHost: rebind.example:" + p + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 421");
        }

        WebSettings proxied = new WebSettings(List.of("dash.example.com", "other.example:8443"), false, false);
        try (DashboardServer listed = start(DashboardSettings.defaults().withAddress("127.0.0.1", 0)
                .withWeb(proxied))) {
            int p = listed.port();
            assertThat(raw(p, "GET /health HTTP/1.1\r\nHost: dash.example.com\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(raw(p, "GET /health HTTP/1.1\r\nHost: other.example:8443\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(raw(p, "GET /health HTTP/1.1\r\nHost: other.example\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 421").contains("the names in dashboard.allowed_hosts")
                    .doesNotContain("dash.example.com");
            assertThat(raw(p, "GET /health HTTP/1.1\r\nHost: evil.dash.example.com\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 421");
        }
    }

    @Test
    void a_post_from_another_origin_is_refused_even_with_the_right_token() throws Exception {
        ExplorerClient client = new ExplorerClient(open, null);
        String form = "csrf=" + enc(client.token) + "&q=" + enc(MARKER_SQL);
        for (Map<String, String> foreign : List.of(
                Map.of("Origin", "http://evil.example"),
                Map.of("Origin", "http://127.0.0.1:" + (open.port() + 1)),
                Map.of("Origin", "null"),
                Map.of("Referer", "http://evil.example/page.html"),
                Map.of("Origin", client.origin(), "Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", client.origin(), "Sec-Fetch-Site", "same-site"),
                Map.<String, String>of())) {
            HttpResponse<String> refused = client.post("/sql", form, foreign);
            assertThat(refused.statusCode()).as(foreign.toString()).isEqualTo(403);
            assertThat(refused.body()).as(foreign.toString()).startsWith("Refused:").doesNotContain("ran-marker");
        }
        assertThat(client.post("/sql", form, Map.of("Referer", client.origin() + "/sql")).body())
                .as("a Referer of this origin stands in for a missing Origin").contains("<td>ran-marker</td>");
        assertThat(client.post("/sql", form, Map.of("Origin", client.origin(), "Sec-Fetch-Site", "same-origin"))
                .body()).contains("<td>ran-marker</td>");
        HttpResponse<String> loginFromElsewhere = client.post("/login", "password=x",
                Map.of("Origin", "http://evil.example"));
        assertThat(loginFromElsewhere.statusCode()).isEqualTo(403);
    }

    @Test
    void failed_logins_slow_the_next_attempt_but_the_right_password_always_gets_in() throws Exception {
        try (DashboardServer walled = start(DashboardSettings.defaults().withAddress("127.0.0.1", 0)
                .withPassword("pass-1234"))) {
            List<String> said = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> wrong = loginAttempt(walled, "guess " + i, Map.of());
                assertThat(wrong.statusCode()).isEqualTo(401);
                said.add(wrong.body().replaceAll("(?s).*the next waits ([0-9.]+ s).*", "$1"));
            }
            assertThat(said).containsExactly("0.02 s", "0.04 s", "0.08 s", "0.08 s", "0.08 s");
            for (int i = 0; i < 20; i++) {
                loginAttempt(walled, "guess " + i, Map.of());
            }
            HttpResponse<String> right = loginAttempt(walled, "pass-1234", Map.of());
            assertThat(right.statusCode()).as("never locked out").isEqualTo(303);
            assertThat(right.headers().firstValue("Location")).contains("/health");
        }
    }

    @Test
    void cookies_are_http_only_same_site_strict_and_secure_behind_tls() throws Exception {
        DashboardSettings base = DashboardSettings.defaults().withAddress("127.0.0.1", 0).withPassword("pass-1234");
        try (DashboardServer plain = start(base)) {
            String cookie = setCookie(loginAttempt(plain, "pass-1234", Map.of("X-Forwarded-Proto", "https")));
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict")
                    .as("X-Forwarded-Proto is the client's word unless behind_proxy").doesNotContain("Secure");
        }
        try (DashboardServer tls = start(base.withWeb(new WebSettings(List.of(), true, false)))) {
            assertThat(setCookie(loginAttempt(tls, "pass-1234", Map.of()))).contains("; Secure")
                    .contains("HttpOnly").contains("SameSite=Strict");
        }
        try (DashboardServer proxied = start(base.withWeb(new WebSettings(List.of(), false, true)))) {
            assertThat(setCookie(loginAttempt(proxied, "pass-1234", Map.of("X-Forwarded-Proto", "https"))))
                    .contains("; Secure");
            assertThat(setCookie(loginAttempt(proxied, "pass-1234", Map.of("X-Forwarded-Proto", "http"))))
                    .doesNotContain("Secure");
        }
        try (DashboardServer openTls = start(DashboardSettings.defaults().withAddress("127.0.0.1", 0)
                .withWeb(new WebSettings(List.of(), true, false)))) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(openTls.url() + "sql")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(setCookie(page)).startsWith(Csrf.COOKIE + "=").contains("HttpOnly")
                    .contains("SameSite=Strict").contains("; Secure");
        }
    }

    @Test
    void url_parameters_reach_a_tiles_sql_only_as_checked_dates_and_a_known_grain() throws Exception {
        ExplorerClient client = new ExplorerClient(open, null);
        String traffic = "/d/overview/tile/4.csv"; // reads {{start}}, {{end}} and {{grain}}
        HttpResponse<String> plain = client.get(traffic, Map.of());
        assertThat(plain.statusCode()).isEqualTo(200);
        for (String query : List.of("range=custom&start=" + enc("2024-01-01' OR 1=1 --") + "&end=2024-01-31",
                "range=custom&start=" + enc("+10000-01-01") + "&end=" + enc("+10000-01-02"),
                "range=" + enc("last30'") + "&grain=" + enc("day') --"))) {
            HttpResponse<String> odd = client.get(traffic + "?" + query, Map.of());
            assertThat(odd.statusCode()).as(query).isEqualTo(200);
            assertThat(odd.body()).as(query + " falls back to the default range").isEqualTo(plain.body());
        }
        assertThat(client.get("/d/overview/tile/99999999999.csv", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void every_answer_carries_the_security_headers() throws Exception {
        HttpResponse<String> page = new ExplorerClient(open, null).get("/health", Map.of());
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.headers().firstValue("Cross-Origin-Resource-Policy")).contains("same-origin");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("script-src 'self';").doesNotContain("unsafe");
    }

    private static String setCookie(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError(
                "no Set-Cookie: " + response.statusCode() + " " + response.body()));
    }

    /** Logs in and returns the session cookie as {@code name=value}. */
    private static String login(DashboardServer server, String password, Map<String, String> headers)
            throws Exception {
        String cookie = setCookie(loginAttempt(server, password, headers));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static HttpResponse<String> loginAttempt(DashboardServer server, String password,
                                                     Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", server.url().substring(0, server.url().length() - 1))
                .POST(HttpRequest.BodyPublishers.ofString("next=%2Fhealth&password=" + enc(password)));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One request as written, for headers HttpClient will not send (a foreign Host, none at all). */
    private static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
