package dev.stockroom.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the handlers need of an HTTP request.
 *
 * @param remote  the address the connection comes from
 * @param headers the first value of each header, by lower-case name
 */
record Request(String method, String path, String rawQuery, Map<String, String> query, Map<String, String> form,
               Map<String, String> cookies, String remote, Map<String, String> headers) {

    private static final int MAX_FORM = 64 * 1024;

    /** A form longer than we read: refused whole rather than cut (a cut query would run as another query). */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the form is longer than " + MAX_FORM / 1024 + " KB; shorten the query (or keep long SQL in a "
                    + "models/ file and select from analytics.<name>)");
        }
    }

    static Request of(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> form = Map.of();
        if ("POST".equals(exchange.getRequestMethod())) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM + 1);
            if (body.length > MAX_FORM) {
                throw new TooLarge();
            }
            form = parse(new String(body, StandardCharsets.UTF_8));
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    cookies.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                rawQuery == null ? "" : rawQuery, parse(rawQuery), form, cookies,
                exchange.getRemoteAddress().getAddress().getHostAddress(), headers);
    }

    /** A header's first value, or null; {@code name} in lower case. */
    String header(String name) {
        return headers.get(name);
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
