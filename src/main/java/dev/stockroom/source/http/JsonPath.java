package dev.stockroom.source.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The small JSONPath subset connectors need to find things in a response: {@code $} (the whole
 * body, e.g. a top-level array), {@code $.data}, {@code $.meta.pagination.next} and
 * {@code $.items[*]} (the same as {@code $.items}: the array whose elements are the records).
 * Field names may be quoted: {@code $['odd.name']}.
 */
public record JsonPath(List<String> fields) {

    public static final JsonPath ROOT = new JsonPath(List.of());

    public JsonPath {
        fields = List.copyOf(fields);
    }

    /** @throws IllegalArgumentException with a message that shows the supported forms */
    public static JsonPath parse(String text) {
        String s = text.strip();
        if (!s.startsWith("$")) {
            throw unsupported(text);
        }
        List<String> fields = new ArrayList<>();
        int i = 1;
        while (i < s.length()) {
            if (s.startsWith("[*]", i)) {
                if (i + 3 != s.length()) {
                    throw unsupported(text);
                }
                break;
            }
            if (s.charAt(i) == '.') {
                int end = i + 1;
                while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw unsupported(text);
                }
                fields.add(s.substring(i + 1, end));
                i = end;
            } else if (s.startsWith("['", i)) {
                int end = s.indexOf("']", i + 2);
                if (end < 0) {
                    throw unsupported(text);
                }
                fields.add(s.substring(i + 2, end));
                i = end + 2;
            } else {
                throw unsupported(text);
            }
        }
        return new JsonPath(fields);
    }

    private static IllegalArgumentException unsupported(String text) {
        return new IllegalArgumentException("'" + text + "' is not a supported JSONPath; write $ (the whole body), "
                + "$.field, $.a.b or $.items[*]");
    }

    /** True when this path is {@code path}. */
    boolean is(List<String> path) {
        return fields.equals(path);
    }

    /** True when {@code path} leads to this one (or is it). */
    boolean startsWith(List<String> path) {
        return path.size() <= fields.size() && fields.subList(0, path.size()).equals(path);
    }

    @Override
    public String toString() {
        return fields.isEmpty() ? "$" : "$." + String.join(".", fields);
    }
}
