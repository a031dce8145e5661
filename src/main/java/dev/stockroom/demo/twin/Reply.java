package dev.stockroom.demo.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of a simulated vendor: status, headers and body. */
public record Reply(int status, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Reply {
        headers = Map.copyOf(headers);
    }

    /** A JSON body written from maps, lists and plain values. */
    public static Reply json(int status, Object tree) {
        return json(status, tree, "application/json");
    }

    public static Reply json(int status, Object tree, String contentType) {
        try {
            return new Reply(status, Map.of("Content-Type", contentType + "; charset=utf-8"),
                    JSON.writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a twin's JSON answer", e);
        }
    }

    public static Reply ok(Object tree) {
        return json(200, tree);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
