package dev.stockroom.source.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the records of a JSON body one by one, with Jackson's streaming parser: only one
 * record is in memory at a time, so a 200 MB page needs no 200 MB heap. Parts of the body that
 * lead neither to the records nor to a captured value are skipped unread.
 *
 * <p>Values become Java values: String, Long (BigDecimal beyond long), BigDecimal for decimals,
 * Boolean, null, and LinkedHashMap / ArrayList for nested objects and arrays. A record that is
 * not an object becomes {@code {"value": ...}}.
 */
public final class JsonRecords {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonRecords() {
    }

    /** Reads the response's records at {@code records}, capturing the values at {@code captures}. */
    public static Page read(Response response, JsonPath records, Collection<JsonPath> captures,
                            Consumer<Map<String, Object>> sink) throws IOException {
        Walk walk = new Walk(records, captures, sink);
        try (JsonParser parser = JSON.createParser(response.body())) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "the body is empty");
            }
            walk.value(parser, new ArrayList<>());
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "unexpected content after the JSON value");
            }
        }
        return new Page(response.uri(), response.headers(), walk.count, walk.captured, walk.found, walk.topKeys);
    }

    private static final class Walk {
        private final JsonPath records;
        private final Collection<JsonPath> captures;
        private final Consumer<Map<String, Object>> sink;
        private final Map<JsonPath, Object> captured = new HashMap<>();
        private final List<String> topKeys = new ArrayList<>();
        private long count;
        private boolean found;

        Walk(JsonPath records, Collection<JsonPath> captures, Consumer<Map<String, Object>> sink) {
            this.records = records;
            this.captures = captures;
            this.sink = sink;
        }

        /** The parser stands on the first token of a value at {@code path}. */
        void value(JsonParser p, List<String> path) throws IOException {
            if (records.is(path)) {
                found = true;
                emitRecords(p);
                return;
            }
            for (JsonPath capture : captures) {
                if (capture.is(path)) {
                    captured.put(capture, javaValue(p));
                    return;
                }
            }
            if (p.currentToken() == JsonToken.START_OBJECT && leadsSomewhere(path)) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (path.isEmpty()) {
                        topKeys.add(name);
                    }
                    p.nextToken();
                    path.add(name);
                    value(p, path);
                    path.remove(path.size() - 1);
                }
            } else {
                p.skipChildren();
            }
        }

        private boolean leadsSomewhere(List<String> path) {
            if (records.startsWith(path)) {
                return true;
            }
            for (JsonPath capture : captures) {
                if (capture.startsWith(path)) {
                    return true;
                }
            }
            return path.isEmpty();
        }

        private void emitRecords(JsonParser p) throws IOException {
            switch (p.currentToken()) {
                case START_ARRAY -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        emit(javaValue(p));
                    }
                }
                case VALUE_NULL -> {
                }
                default -> emit(javaValue(p));
            }
        }

        @SuppressWarnings("unchecked")
        private void emit(Object value) {
            Map<String, Object> record;
            if (value instanceof Map<?, ?> map) {
                record = (Map<String, Object>) map;
            } else {
                record = new LinkedHashMap<>();
                record.put("value", value);
            }
            count++;
            sink.accept(record);
        }
    }

    /** The value the parser stands on, as Java values; nested values are read whole. */
    static Object javaValue(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, javaValue(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(javaValue(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(p.getBigIntegerValue())
                        : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected token " + p.currentToken());
        }
    }
}
