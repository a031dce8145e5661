package dev.stockroom.demo.twin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request a twin received, as tests assert on it.
 *
 * @param query   decoded query parameters; a repeated name ({@code types[]}) keeps every value
 * @param headers header names in lower case, first value each
 */
public record SeenRequest(Instant at, String method, String path, Map<String, List<String>> query,
                          Map<String, String> headers) {

    public SeenRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public int intParam(String name, int fallback) {
        return param(name).map(Integer::parseInt).orElse(fallback);
    }

    @Override
    public String toString() {
        return method + " " + path + " " + query;
    }
}
