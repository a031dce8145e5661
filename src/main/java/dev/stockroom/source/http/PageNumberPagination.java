package dev.stockroom.source.http;

import java.util.List;
import java.util.Optional;

/**
 * {@code ?page=1&per_page=100}, then page 2, ...: stops on an empty page, or once the page number
 * reaches the total number of pages when the body gives it (Ghost's
 * {@code meta.pagination.pages}).
 *
 * @param sizeParam     the page-size parameter, null to leave the API's default
 * @param totalPages    where the body says how many pages there are, or null
 */
public record PageNumberPagination(String param, long start, String sizeParam, long size, JsonPath totalPages)
        implements Pagination {

    @Override
    public Request first(Request base) {
        Request first = base.withParam(param, Long.toString(start));
        return sizeParam == null ? first : first.withParam(sizeParam, Long.toString(size));
    }

    @Override
    public Optional<Request> next(Request current, Page page) {
        if (page.records() == 0) {
            return Optional.empty();
        }
        long number = Long.parseLong(current.param(param).orElseThrow());
        if (totalPages != null) {
            Optional<Long> pages = page.number(totalPages);
            // Pages counted from 0 end at pages-1, counted from 1 at pages.
            if (pages.isPresent() && number - start + 1 >= pages.get()) {
                return Optional.empty();
            }
        }
        return Optional.of(current.withParam(param, Long.toString(number + 1)));
    }

    @Override
    public List<JsonPath> captures() {
        return totalPages == null ? List.of() : List.of(totalPages);
    }

    @Override
    public String describe() {
        return "paginate: page (param " + param + ")";
    }
}
