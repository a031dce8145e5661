package dev.stockroom.source.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a page left behind once its records streamed into the sink: enough to find the next page.
 *
 * @param records       how many records the page had
 * @param values        the values captured at the pagination's paths (cursor, total), wherever
 *                      they stood in the body, before or after the records
 * @param recordsFound  whether the records path was in the body at all
 * @param topLevelKeys  the body's top-level keys, to name them when the records path is wrong
 */
public record Page(URI uri, HttpHeaders headers, long records, Map<JsonPath, Object> values,
                   boolean recordsFound, List<String> topLevelKeys) {

    public Optional<Object> value(JsonPath path) {
        return Optional.ofNullable(values.get(path));
    }

    /** A captured value as text; empty for missing, null, and empty strings. */
    public Optional<String> text(JsonPath path) {
        return value(path).map(v -> v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString())
                .filter(s -> !s.isBlank());
    }

    public Optional<Long> number(JsonPath path) {
        return value(path).flatMap(v -> {
            if (v instanceof Number n) {
                return Optional.of(n.longValue());
            }
            try {
                return Optional.of(Long.parseLong(v.toString().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
