package dev.stockroom.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Offset paging for report APIs that take the offset in a JSON request body rather than in the
 * query: GA4's {@code runReport} ({@code "offset"}, {@code "limit"}, total in {@code $.rowCount})
 * and Plausible's {@code /api/v2/query} ({@code pagination.offset}, {@code pagination.limit},
 * total in {@code $.meta.total_rows}). The offset moves by the rows actually returned, since a
 * server may cap the limit; paging stops on an empty page or once the total is reached.
 *
 * @param offsetField where the offset goes in the body, e.g. {@code $.pagination.offset}
 * @param limitField  where the limit goes
 * @param limit       rows asked per page
 * @param total       where the response gives the total number of rows, or null
 * @param asText      send the numbers as JSON strings (proto3 JSON's form of int64, as GA4 documents)
 */
public record BodyOffsetPagination(JsonPath offsetField, JsonPath limitField, long limit, JsonPath total,
                                   boolean asText) implements Pagination {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BodyOffsetPagination {
        if (limit < 1) {
            throw new IllegalArgumentException("the page size must be at least 1");
        }
        if (offsetField.fields().isEmpty() || limitField.fields().isEmpty()) {
            throw new IllegalArgumentException("offset and limit need a field of the body");
        }
    }

    @Override
    public Request first(Request base) {
        ObjectNode body = body(base);
        put(body, limitField, limit);
        put(body, offsetField, 0);
        return withBody(base, body);
    }

    @Override
    public Optional<Request> next(Request current, Page page) {
        if (page.records() == 0) {
            return Optional.empty();
        }
        ObjectNode body = body(current);
        long offset = get(body, offsetField) + page.records();
        if (total != null) {
            Optional<Long> count = page.number(total);
            if (count.isPresent() && offset >= count.get()) {
                return Optional.empty();
            }
        }
        put(body, offsetField, offset);
        return Optional.of(withBody(current, body));
    }

    @Override
    public List<JsonPath> captures() {
        return total == null ? List.of() : List.of(total);
    }

    @Override
    public String describe() {
        return "offset paging in the request body (" + offsetField + ", " + limitField + ")";
    }

    private static ObjectNode body(Request request) {
        try {
            JsonNode node = request.body() == null ? JSON.createObjectNode() : JSON.readTree(request.body());
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("the request body is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(ObjectNode body, JsonPath path, long value) {
        ObjectNode at = body;
        List<String> fields = path.fields();
        for (String field : fields.subList(0, fields.size() - 1)) {
            at = at.has(field) && at.get(field).isObject() ? (ObjectNode) at.get(field) : at.putObject(field);
        }
        String last = fields.get(fields.size() - 1);
        if (asText) {
            at.put(last, Long.toString(value));
        } else {
            at.put(last, value);
        }
    }

    private static long get(ObjectNode body, JsonPath path) {
        JsonNode at = body;
        for (String field : path.fields()) {
            at = at == null ? null : at.get(field);
        }
        return at == null || at.isNull() ? 0 : Long.parseLong(at.asText());
    }

    private static Request withBody(Request request, ObjectNode body) {
        try {
            return new Request(request.method(), request.url(), request.query(), request.headers(),
                    request.contentType() == null ? "application/json" : request.contentType(),
                    JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
