package dev.stockroom.source.http;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows RFC 8288 {@code Link: <https://...?page=2>; rel="next"} headers (GitHub, Shopify). The
 * next link carries the whole query, so it replaces the request's parameters; auth is added again
 * when the request is sent.
 */
public record LinkHeaderPagination() implements Pagination {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,\"]+))");

    @Override
    public Request first(Request base) {
        return base;
    }

    @Override
    public Optional<Request> next(Request current, Page page) {
        if (page.records() == 0) {
            return Optional.empty();
        }
        for (String header : page.headers().allValues("Link")) {
            Optional<String> next = nextLink(header);
            if (next.isPresent()) {
                return Optional.of(current.withUrl(page.uri().resolve(URI.create(next.get())).toString()));
            }
        }
        return Optional.empty();
    }

    /** The target of the link whose rel includes {@code next}, in one Link header value. */
    static Optional<String> nextLink(String header) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            while (rel.find()) {
                String rels = rel.group(1) != null ? rel.group(1) : rel.group(2);
                for (String r : rels.trim().split("\\s+")) {
                    if (r.equalsIgnoreCase("next")) {
                        return Optional.of(link.group(1).trim());
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<JsonPath> captures() {
        return List.of();
    }

    @Override
    public String describe() {
        return "paginate: link_header";
    }
}
