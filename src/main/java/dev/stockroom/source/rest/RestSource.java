package dev.stockroom.source.rest;

import dev.stockroom.source.DayRange;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.TextValues;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.PageReader;
import dev.stockroom.source.http.Request;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A declarative JSON API: each stream is a path, its parameters, a records path and paging. */
final class RestSource implements Source {

    private final String name;
    private final String baseUrl;
    private final ApiClient client;
    private final List<RestStream> streams;
    private final ZoneId timezone;

    RestSource(String name, String baseUrl, ApiClient client, List<RestStream> streams, ZoneId timezone) {
        this.timezone = timezone;
        this.name = name;
        this.baseUrl = baseUrl;
        this.client = client;
        this.streams = List.copyOf(streams);
    }

    @Override
    public List<StreamSpec> streams() {
        return streams.stream().map(RestStream::spec).toList();
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        RestStream stream = stream(spec);
        PageReader pages = new PageReader(client, stream.pagination(), stream.records(), true);
        RestIncremental incremental = stream.incremental();
        if (incremental == null || incremental.kind() != Incremental.CURSOR) {
            pages.readAll(name + "." + spec.name(), base(stream, request), new RecordSink() {
                @Override
                public void accept(Map<String, Object> record) throws Exception {
                    sink.accept(typed(record, request.timezone()));
                }

                @Override
                public void pageFetched(String description) {
                    sink.pageFetched(description);
                }
            });
            return;
        }
        MaxCursor max = new MaxCursor(request.timezone());
        if (request.cursor() != null) {
            // The saved cursor is a floor: a run that sees only older records must not move it back.
            max.offer(request.cursor());
        }
        String field = incremental.cursorField();
        pages.readAll(name + "." + spec.name(), base(stream, request), new RecordSink() {
            @Override
            public void accept(Map<String, Object> record) throws Exception {
                max.offer(fieldValue(record, field));
                sink.accept(typed(record, request.timezone()));
            }

            @Override
            public void pageFetched(String description) {
                sink.pageFetched(description);
            }
        });
        // Records need not arrive in cursor order, so only the end proves everything up to the max was read.
        if (max.value().isPresent() && !max.value().get().equals(request.cursor())) {
            sink.checkpoint(max.value().get());
        }
    }

    /** One GET of the first stream's first page: reachable, credentials accepted, records where configured. */
    @Override
    public void check() throws Exception {
        RestStream stream = streams.get(0);
        LocalDate yesterday = LocalDate.now(timezone).minusDays(1);
        ReadRequest probe = new ReadRequest(
                stream.spec().incremental() == Incremental.DAY_WINDOW ? DayRange.of(yesterday) : null,
                null, timezone);
        new PageReader(client, stream.pagination(), stream.records(), true)
                .readFirst(base(stream, probe), record -> {
                });
    }

    private Request base(RestStream stream, ReadRequest request) {
        Request base = Request.get(url(stream.path())).withParams(stream.params());
        if (stream.incremental() != null) {
            base = base.withParams(stream.incremental().params(request));
        }
        return base;
    }

    private String url(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return path;
        }
        String left = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return left + (path.startsWith("/") ? path : "/" + path);
    }

    private RestStream stream(StreamSpec spec) {
        return streams.stream().filter(s -> s.spec().name().equals(spec.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("source " + name + " has no stream " + spec.name()
                        + " (streams: " + RestStreamConfig.names(streams) + ")"));
    }

    /**
     * ISO dates and timestamps in the record's top-level strings become dates and instants, as CSV
     * cells and NDJSON strings do (SPEC §3); local times are taken in the source's timezone.
     */
    static Map<String, Object> typed(Map<String, Object> record, ZoneId zone) {
        record.replaceAll((field, value) -> value instanceof String s ? TextValues.jsonString(s, zone) : value);
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Object fieldValue(Map<String, Object> record, String field) {
        Object value = record.get(field);
        if (value == null && field.contains(".")) {
            Object at = record;
            for (String part : field.split("\\.")) {
                at = at instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
            }
            value = at;
        }
        return value;
    }
}
