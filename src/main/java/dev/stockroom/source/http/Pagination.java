package dev.stockroom.source.http;

import java.util.List;
import java.util.Optional;

/**
 * How an API hands out its records page after page. Stateless: where the walk stands is read
 * from the current request (its page or offset parameter, its cursor, its URL), so one instance
 * serves every read of a stream.
 */
public interface Pagination {

    /** The first page's request, built from the stream's base request. */
    Request first(Request base);

    /** The next page's request, or empty after the last page. */
    Optional<Request> next(Request current, Page page);

    /** Body values this pagination reads (cursor, total), captured while the records stream past. */
    default List<JsonPath> captures() {
        return List.of();
    }

    /** The setting to check when paging goes wrong, for messages. */
    String describe();

    /** A single request: the API returns everything at once. */
    static Pagination none() {
        return new Pagination() {
            @Override
            public Request first(Request base) {
                return base;
            }

            @Override
            public Optional<Request> next(Request current, Page page) {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "paginate: none";
            }
        };
    }
}
