package dev.stockroom.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;

/**
 * A vendor's way of saying how long to wait, found in the body of a retryable error rather than
 * in {@code Retry-After}: Telegram's {@code {"parameters":{"retry_after":35}}}, for instance.
 */
@FunctionalInterface
public interface RetryHint {

    /** The wait the server asked for, if the error body says one. */
    Optional<Duration> delay(int status, String body);

    static RetryHint none() {
        return (status, body) -> Optional.empty();
    }

    /** A number of seconds at a JSON path of the error body, e.g. {@code $.parameters.retry_after}. */
    static RetryHint jsonSeconds(String path) {
        JsonPath at = JsonPath.parse(path);
        ObjectMapper json = new ObjectMapper();
        return (status, body) -> {
            try {
                JsonNode node = json.readTree(body);
                for (String field : at.fields()) {
                    node = node == null ? null : node.get(field);
                }
                if (node != null && (node.isNumber() || node.isTextual() && node.asText().matches("\\d+"))) {
                    return Optional.of(Duration.ofSeconds(node.asLong()));
                }
            } catch (Exception notJson) {
                // An error page in HTML says nothing about waiting; fall back to backoff.
            }
            return Optional.empty();
        };
    }
}
