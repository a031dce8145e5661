package dev.stockroom.source.stripe;

import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.HttpStatusException;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.Page;
import dev.stockroom.source.http.PageReader;
import dev.stockroom.source.http.Pagination;
import dev.stockroom.source.http.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe (docs/vendors.md §6). A first run, a {@code --since}/{@code --full} backfill, or a
 * cursor older than Stripe keeps events lists the objects themselves (newest first,
 * {@code starting_after} until {@code has_more} is false). Later runs read only {@code /v1/events}
 * since the cursor and load the newest snapshot of each object they carry. The cursor is the time
 * of the newest event seen, taken before a re-list starts, so that nothing changing during the
 * list is lost.
 *
 * <p>Every row has the pinned version's shape ({@code stripe_version}, sent as
 * {@code Stripe-Version}): lists answer at that version, but an event's {@code data.object} is
 * rendered at the event's own {@code api_version}, so an event of another version is not loaded;
 * its object is retrieved ({@code GET /v1/<objects>/<id>}) at the pinned version instead.
 * {@code customer.deleted} and {@code invoice.deleted}, and an object Stripe no longer has, are
 * deletions; {@code customer.subscription.deleted} is a cancellation (the subscription stays,
 * {@code status: canceled}) and loads as a change.
 */
final class StripeSource implements Source {

    /** Stripe guarantees events for 30 days; an hour of slack for clocks and slow runs. */
    static final Duration EVENTS_KEPT = Duration.ofDays(30).minusHours(1);
    private static final int LIMIT = 100;
    private static final JsonPath DATA = JsonPath.parse("$.data");
    private static final JsonPath HAS_MORE = JsonPath.parse("$.has_more");
    /** Numbers as the list pages give them (Long, BigDecimal), so a column's type does not depend on the path. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> OBJECT =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private final String name;
    private final StripeConfig config;
    private final ApiClient client;
    private final Clock clock;
    private final PageReader pages;

    StripeSource(String name, StripeConfig config, ApiClient client, Clock clock) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.pages = new PageReader(client, new ListPaging(), DATA, true);
    }

    @Override
    public List<StreamSpec> streams() {
        return java.util.Arrays.stream(StripeStream.values()).map(StripeStream::spec).toList();
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        StripeStream stream = StripeStream.of(spec);
        Optional<Instant> cursor = parseCursor(request.cursor());
        if (cursor.isPresent() && cursor.get().isAfter(clock.instant().minus(EVENTS_KEPT))) {
            readEvents(stream, cursor.get(), sink);
        } else {
            relist(stream, request, sink);
        }
    }

    /** Lists every object (created since the window's start, when there is one). */
    private void relist(StripeStream stream, ReadRequest request, RecordSink sink) throws Exception {
        Instant mark = newestEvent(stream).orElse(clock.instant());
        List<Request.Param> params = new ArrayList<>();
        stream.listParams.forEach((k, v) -> params.add(new Request.Param(k, v)));
        if (request.cursor() == null && request.window() != null) {
            // A --since backfill: objects created since that day. No upper bound: the cursor taken
            // above covers everything up to now, so objects created today must be listed too.
            params.add(new Request.Param("created[gte]",
                    Long.toString(request.window().startIn(request.timezone()).getEpochSecond())));
        }
        walk(stream.streamName, get(stream.path, params), record -> sink.accept(StripeRecords.of(record)), sink);
        sink.checkpoint(mark.toString());
    }

    /** Objects changed since the cursor, from their events: the newest snapshot of each, once. */
    private void readEvents(StripeStream stream, Instant cursor, RecordSink sink) throws Exception {
        List<Request.Param> params = new ArrayList<>();
        // gte, not gt: events of the cursor's own second may have arrived after it was taken.
        params.add(new Request.Param("created[gte]", Long.toString(cursor.getEpochSecond())));
        stream.eventTypes.forEach(t -> params.add(new Request.Param("types[]", t)));
        Set<String> seen = new HashSet<>();
        Instant[] newest = {cursor};
        walk(stream.streamName + " events", get("/events", params), event -> {
            Instant created = Instant.ofEpochSecond(((Number) event.get("created")).longValue());
            if (created.isAfter(newest[0])) {
                newest[0] = created;
            }
            Map<String, Object> object = snapshot(event);
            String id = String.valueOf(object.get("id"));
            // Events come newest first: the first one of an object is its latest state.
            if (!seen.add(id)) {
                return;
            }
            if (stream.deleteEvents.contains(String.valueOf(event.get("type")))) {
                sink.delete(Map.of("id", id));
                return;
            }
            if (!config.stripeVersion().equals(event.get("api_version"))) {
                // data.object is rendered at the version in force when the event was created, not the pinned
                // one: the object is read again at the pinned version, so a table never mixes two shapes.
                Optional<Map<String, Object>> current = retrieve(stream, id);
                if (current.isEmpty()) {
                    sink.delete(Map.of("id", id));
                    return;
                }
                object = current.get();
            }
            sink.accept(StripeRecords.of(object));
        }, sink);
        if (newest[0].isAfter(cursor)) {
            sink.checkpoint(newest[0].toString());
        }
    }

    /** The object as it is now, at the pinned version; empty when Stripe no longer has it. */
    private Optional<Map<String, Object>> retrieve(StripeStream stream, String id) throws Exception {
        Map<String, Object> object;
        try {
            object = client.execute(get(stream.path + "/" + id, List.of()),
                    response -> JSON.readValue(response.body(), OBJECT));
        } catch (HttpStatusException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        // A deleted customer is still retrievable as {id, object, deleted: true}.
        return Boolean.TRUE.equals(object.get("deleted")) ? Optional.empty() : Optional.of(object);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> snapshot(Map<String, Object> event) throws SourceException {
        Object data = event.get("data");
        Object object = data instanceof Map<?, ?> d ? d.get("object") : null;
        if (!(object instanceof Map<?, ?>)) {
            throw SourceException.permanent("Stripe event " + event.get("id") + " has no data.object; the events "
                    + "API answered something unexpected (check base_url and stripe_version)", null);
        }
        return (Map<String, Object>) object;
    }

    /** The time of the newest event of the stream's types that Stripe still has. */
    private Optional<Instant> newestEvent(StripeStream stream) throws Exception {
        List<Request.Param> params = new ArrayList<>();
        stream.eventTypes.forEach(t -> params.add(new Request.Param("types[]", t)));
        params.add(new Request.Param("limit", "1"));
        List<Instant> found = new ArrayList<>();
        pages.fetch(get("/events", params), record(event ->
                found.add(Instant.ofEpochSecond(((Number) event.get("created")).longValue()))));
        return found.stream().findFirst();
    }

    /** Pages through a list: {@code starting_after} the last id until {@code has_more} is false. */
    private void walk(String what, Request first, RecordAction action, RecordSink sink) throws Exception {
        Request request = first.withParam("limit", Integer.toString(LIMIT));
        for (int number = 1; ; number++) {
            String[] lastId = {null};
            Page page = pages.fetch(request, record(record -> {
                lastId[0] = String.valueOf(record.get("id"));
                action.accept(record);
            }));
            sink.pageFetched(name + "." + what + " page " + number + ": " + page.records() + " records");
            boolean more = page.value(HAS_MORE).map(Boolean.TRUE::equals).orElse(false);
            if (!more || lastId[0] == null) {
                return;
            }
            if (request.param("starting_after").map(lastId[0]::equals).orElse(false)) {
                throw SourceException.permanent("paging of " + name + "." + what + " does not advance: Stripe "
                        + "answered the page after " + lastId[0] + " with the same last object", null);
            }
            request = request.withParam("starting_after", lastId[0]);
        }
    }

    /** One cheap authenticated call: the first customer. */
    @Override
    public void check() throws Exception {
        pages.fetch(get("/customers", List.of(new Request.Param("limit", "1"))), record(r -> {
        }));
    }

    private Request get(String path, List<Request.Param> params) {
        return new Request("GET", config.baseUrl() + path, params, Map.of(), null, null);
    }

    private static Optional<Instant> parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(cursor));
        } catch (DateTimeParseException e) {
            // A cursor this connector did not write: start over with a full list.
            return Optional.empty();
        }
    }

    private static RecordSink record(RecordAction action) {
        return action::accept;
    }

    /** What to do with each record of a page. */
    @FunctionalInterface
    private interface RecordAction {
        void accept(Map<String, Object> record) throws Exception;
    }

    /** Only what {@link PageReader#fetch} needs: the {@code has_more} flag captured from each page. */
    private static final class ListPaging implements Pagination {
        @Override
        public Request first(Request base) {
            return base;
        }

        @Override
        public Optional<Request> next(Request current, Page page) {
            // Stripe's next page starts after the last object's id, which StripeSource tracks itself.
            return Optional.empty();
        }

        @Override
        public List<JsonPath> captures() {
            return List.of(HAS_MORE);
        }

        @Override
        public String describe() {
            return "Stripe list paging (starting_after, has_more)";
        }
    }

    /** Records as stored: Unix seconds become timestamps; amounts stay in minor units beside currency. */
    static final class StripeRecords {
        private StripeRecords() {
        }

        static Map<String, Object> of(Map<String, Object> object) {
            Map<String, Object> record = new LinkedHashMap<>(object);
            for (String field : StripeStream.TIME_FIELDS) {
                if (record.get(field) instanceof Number n) {
                    record.put(field, Instant.ofEpochSecond(n.longValue()));
                }
            }
            return record;
        }
    }
}
