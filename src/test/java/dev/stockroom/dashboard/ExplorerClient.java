package dev.stockroom.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard over HTTP as a browser on its own page uses it: a GET of the explorer for the
 * CSRF token (and, without a password, its cookie), then POSTs from the same origin.
 */
final class ExplorerClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    final HttpClient http = HttpClient.newHttpClient();
    final String base;
    final List<String> cookies = new ArrayList<>();
    final String token;

    /** {@code session}: a {@code name=value} login cookie, or null. */
    ExplorerClient(DashboardServer server, String session) throws Exception {
        this.base = server.url();
        if (session != null) {
            cookies.add(session);
        }
        HttpResponse<String> page = get("/sql", Map.of());
        page.headers().allValues("Set-Cookie").forEach(c -> cookies.add(c.substring(0, c.indexOf(';'))));
        this.token = token(page.body());
    }

    static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page: " + html);
        }
        return m.group(1);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The origin a page of this server has, {@code http://127.0.0.1:PORT}. */
    String origin() {
        return base.substring(0, base.length() - 1);
    }

    /** Runs SQL as the Run button does. */
    HttpResponse<String> run(String sql) throws Exception {
        return post("/sql", "csrf=" + enc(token) + "&q=" + enc(sql), Map.of("Origin", origin()));
    }

    /** Downloads SQL's CSV as the Download CSV button does. */
    HttpResponse<String> csv(String sql) throws Exception {
        return post("/sql.csv", "csrf=" + enc(token) + "&q=" + enc(sql), Map.of("Origin", origin()));
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1)));
        headers.forEach(b::header);
        cookie(b);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with exactly these headers (and this client's cookies). */
    HttpResponse<String> post(String path, String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        cookie(b);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void cookie(HttpRequest.Builder b) {
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies));
        }
    }
}
