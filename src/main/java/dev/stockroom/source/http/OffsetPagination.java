package dev.stockroom.source.http;

import java.util.List;
import java.util.Optional;

/**
 * {@code ?offset=0&limit=100}, then offset 100, ...: the offset moves by the records actually
 * returned (an API may cap the limit below what was asked, as GA4 does). Stops on an empty page,
 * or once the total the body reports (Mailchimp's {@code total_items}) is reached.
 *
 * @param total where the body gives the total number of records, or null
 */
public record OffsetPagination(String offsetParam, String limitParam, long limit, JsonPath total)
        implements Pagination {

    @Override
    public Request first(Request base) {
        return base.withParam(offsetParam, "0").withParam(limitParam, Long.toString(limit));
    }

    @Override
    public Optional<Request> next(Request current, Page page) {
        if (page.records() == 0) {
            return Optional.empty();
        }
        long offset = Long.parseLong(current.param(offsetParam).orElseThrow()) + page.records();
        if (total != null) {
            Optional<Long> count = page.number(total);
            if (count.isPresent() && offset >= count.get()) {
                return Optional.empty();
            }
        }
        return Optional.of(current.withParam(offsetParam, Long.toString(offset)));
    }

    @Override
    public List<JsonPath> captures() {
        return total == null ? List.of() : List.of(total);
    }

    @Override
    public String describe() {
        return "paginate: offset (params " + offsetParam + ", " + limitParam + ")";
    }
}
