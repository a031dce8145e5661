package dev.stockroom.source.http;

import dev.stockroom.config.Secrets;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.SourceException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a stream's pages and streams their records into a sink. It refuses to ask for the same
 * page twice: an API that keeps answering the same cursor or next link would otherwise be read
 * for ever, each time loading the same rows.
 */
public final class PageReader {

    private final ApiClient client;
    private final Pagination pagination;
    private final JsonPath records;
    private final boolean recordsRequired;

    /**
     * @param recordsRequired fail when the first page has nothing at the records path (a wrong
     *                        {@code records:} setting); off for APIs that omit an empty array
     */
    public PageReader(ApiClient client, Pagination pagination, JsonPath records, boolean recordsRequired) {
        this.client = client;
        this.pagination = pagination;
        this.records = records;
        this.recordsRequired = recordsRequired;
    }

    /** Reads every page from the base request on; returns the number of records. */
    public long readAll(String stream, Request base, RecordSink sink) throws Exception {
        Request request = pagination.first(base);
        Map<String, Integer> asked = new HashMap<>();
        long total = 0;
        for (int number = 1; ; number++) {
            String key = request.method() + " " + request.uri();
            Integer earlier = asked.putIfAbsent(key, number);
            if (earlier != null) {
                throw SourceException.permanent(Secrets.redact("paging of " + stream + " does not advance: page "
                        + number + " would fetch " + request.uri() + " again, already fetched as page " + earlier
                        + ", so the API keeps handing out the same cursor or next link; stopped instead of looping "
                        + "for ever (check " + pagination.describe() + ")"), null);
            }
            Page page = fetch(request, sink);
            if (number == 1) {
                requireRecords(page);
            }
            total += page.records();
            sink.pageFetched(stream + " page " + number + ": " + page.records() + " records");
            Optional<Request> next = pagination.next(request, page);
            if (next.isEmpty()) {
                return total;
            }
            request = next.get();
        }
    }

    /** Only the first page, as a cheap check that the stream answers what it should. */
    public Page readFirst(Request base, RecordSink sink) throws Exception {
        Page page = fetch(pagination.first(base), sink);
        requireRecords(page);
        return page;
    }

    /** Fetches one page, streaming its records into the sink. */
    public Page fetch(Request request, RecordSink sink) throws Exception {
        try {
            return client.execute(request, response -> JsonRecords.read(response, records, pagination.captures(),
                    record -> {
                        try {
                            sink.accept(record);
                        } catch (Exception e) {
                            throw new SinkFailure(e);
                        }
                    }));
        } catch (SinkFailure e) {
            throw e.cause;
        }
    }

    private void requireRecords(Page page) throws SourceException {
        if (!recordsRequired || page.recordsFound()) {
            return;
        }
        List<String> keys = page.topLevelKeys();
        throw SourceException.permanent(Secrets.redact("no records at " + records + " in the answer from "
                + page.uri() + (keys.isEmpty() ? "" : "; its top-level keys are " + String.join(", ", keys))
                + "; check the stream's records path"), null);
    }

    /** Carries a sink's own exception through the parser untouched. */
    private static final class SinkFailure extends RuntimeException {
        private final Exception cause;

        SinkFailure(Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }
}
