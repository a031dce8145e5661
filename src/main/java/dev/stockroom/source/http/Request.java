package dev.stockroom.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP request before auth is applied. Query parameters are kept apart from the URL so that
 * paging, incremental windows and auth can each set theirs without parsing a URL back.
 *
 * @param url   the address, possibly with a query of its own (a next link from a Link header)
 * @param query parameters appended to the URL, in order; a name appears at most once
 */
public record Request(String method, String url, List<Param> query, Map<String, String> headers,
                      String contentType, byte[] body) {

    /** One query parameter. */
    public record Param(String name, String value) {
    }

    public Request {
        query = List.copyOf(query);
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Request get(String url) {
        return new Request("GET", url, List.of(), Map.of(), null, null);
    }

    public static Request post(String url, String contentType, byte[] body) {
        return new Request("POST", url, List.of(), Map.of(), contentType, body);
    }

    /** Sets a query parameter, replacing one of the same name: paging moves the same parameter on. */
    public Request withParam(String name, String value) {
        List<Param> params = new ArrayList<>();
        boolean replaced = false;
        for (Param p : query) {
            if (p.name().equals(name)) {
                if (!replaced) {
                    params.add(new Param(name, value));
                    replaced = true;
                }
            } else {
                params.add(p);
            }
        }
        if (!replaced) {
            params.add(new Param(name, value));
        }
        return new Request(method, url, params, headers, contentType, body);
    }

    public Request withParams(Map<String, String> params) {
        Request out = this;
        for (Map.Entry<String, String> e : params.entrySet()) {
            out = out.withParam(e.getKey(), e.getValue());
        }
        return out;
    }

    public Request withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Request(method, url, query, copy, contentType, body);
    }

    /** The same request sent to another address, which carries its own query (a next link). */
    public Request withUrl(String newUrl) {
        return new Request(method, newUrl, List.of(), headers, contentType, body);
    }

    public Optional<String> param(String name) {
        return query.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst();
    }

    public URI uri() {
        if (query.isEmpty()) {
            return URI.create(url);
        }
        String encoded = query.stream()
                .map(p -> encode(p.name()) + "=" + encode(p.value()))
                .collect(Collectors.joining("&"));
        return URI.create(url + (url.contains("?") ? "&" : "?") + encoded);
    }

    /** Host and path without the query, for messages: {@code api.example.com/v1/orders}. */
    public String where() {
        URI uri = URI.create(url);
        String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        return host + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        // Headers may hold credentials; never print them.
        return method + " " + dev.stockroom.config.Secrets.redact(uri().toString());
    }
}
