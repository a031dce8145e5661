package dev.stockroom.source.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The next page's cursor comes from the body ({@code cursorPath}) or from a response header
 * ({@code cursorHeader}) and is sent back as {@code param}. Stops when there is no cursor, when
 * {@code hasMore} says false (Stripe's {@code has_more}, Kit's
 * {@code pagination.has_next_page}), or on an empty page.
 */
public record CursorPagination(String param, JsonPath cursorPath, String cursorHeader, JsonPath hasMore)
        implements Pagination {

    public CursorPagination {
        if ((cursorPath == null) == (cursorHeader == null)) {
            throw new IllegalArgumentException("a cursor comes either from the body or from a header");
        }
    }

    @Override
    public Request first(Request base) {
        return base;
    }

    @Override
    public Optional<Request> next(Request current, Page page) {
        if (page.records() == 0) {
            return Optional.empty();
        }
        if (hasMore != null && page.value(hasMore).map(v -> v.equals(Boolean.FALSE)
                || v.toString().equalsIgnoreCase("false")).orElse(false)) {
            return Optional.empty();
        }
        Optional<String> cursor = cursorPath != null
                ? page.text(cursorPath)
                : page.headers().firstValue(cursorHeader).filter(s -> !s.isBlank());
        return cursor.filter(c -> !c.equals("null")).map(c -> current.withParam(param, c));
    }

    @Override
    public List<JsonPath> captures() {
        List<JsonPath> paths = new ArrayList<>();
        if (cursorPath != null) {
            paths.add(cursorPath);
        }
        if (hasMore != null) {
            paths.add(hasMore);
        }
        return paths;
    }

    @Override
    public String describe() {
        return "paginate: cursor (" + (cursorPath != null ? "cursor_path " + cursorPath : "cursor_header " + cursorHeader)
                + ", param " + param + ")";
    }
}
