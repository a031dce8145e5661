package dev.stockroom.source.ghost;

import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.TextValues;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.PageNumberPagination;
import dev.stockroom.source.http.PageReader;
import dev.stockroom.source.http.Request;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ghost's Admin API (docs/vendors.md §4). Members and posts are read after a cursor, the newest
 * {@code updated_at} seen, through an NQL filter ({@code updated_at:>='YYYY-MM-DD HH:mm:ss'}, UTC)
 * in {@code updated_at asc, id asc} order: Ghost's own SQL breaks no ties, so without the
 * {@code id} a page could repeat or skip records that share an {@code updated_at} (a bulk import).
 * Posts published within the lookback are read again because their email's open count keeps
 * growing without moving {@code updated_at}. Offset paging over a changing set can still repeat a
 * record, so records are deduplicated on {@code id}. No status filter: a post that left
 * {@code published} must arrive with its new status. What the cursor misses is in {@link GhostStream}.
 */
final class GhostSource implements Source {

    static final int PAGE_SIZE = 100;
    private static final DateTimeFormatter NQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final JsonPath PAGES = JsonPath.parse("$.meta.pagination.pages");
    /** A unique order: {@code id} breaks the ties of {@code updated_at}. */
    static final String ORDER = "updated_at asc, id asc";

    private final String name;
    private final GhostConfig config;
    private final ApiClient client;
    private final Duration lookback;

    GhostSource(String name, GhostConfig config, ApiClient client, Duration lookback) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.lookback = lookback;
    }

    @Override
    public List<StreamSpec> streams() {
        return Arrays.stream(GhostStream.values()).map(s -> s.spec).toList();
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        GhostStream stream = GhostStream.of(spec);
        if (request.keysOnly() && stream == GhostStream.POSTS) {
            readIds(stream, sink);
            return;
        }
        Request base = Request.get(config.apiRoot() + "/" + stream.resource + "/");
        if (stream.include != null) {
            base = base.withParam("include", stream.include);
        }
        Optional<Instant> cursor = Optional.ofNullable(request.cursor()).flatMap(GhostSource::instant);
        Optional<String> filter = filter(stream, request, cursor);
        if (filter.isPresent()) {
            base = base.withParam("filter", filter.get());
        }
        if (stream != GhostStream.NEWSLETTERS) {
            base = base.withParam("order", ORDER);
        }
        Set<String> seen = new HashSet<>();
        Instant[] newest = {cursor.orElse(null)};
        reader(stream).readAll(name + "." + stream.streamName, base, new RecordSink() {
            @Override
            public void accept(Map<String, Object> record) throws Exception {
                if (!seen.add(String.valueOf(record.get("id")))) {
                    return;
                }
                Map<String, Object> row = row(stream, record);
                if (row.get("updated_at") instanceof Instant updated && (newest[0] == null
                        || updated.isAfter(newest[0]))) {
                    newest[0] = updated;
                }
                sink.accept(row);
            }

            @Override
            public void pageFetched(String description) {
                sink.pageFetched(description);
            }
        });
        if (stream.spec.incremental() == dev.stockroom.source.Incremental.CURSOR && newest[0] != null
                && !newest[0].equals(cursor.orElse(null))) {
            sink.checkpoint(newest[0].toString());
        }
    }

    /** The NQL filter of a read: after the cursor, or since the backfill's first day, or none. */
    private Optional<String> filter(GhostStream stream, ReadRequest request, Optional<Instant> cursor) {
        Optional<Instant> from = cursor.isPresent() ? cursor
                : Optional.ofNullable(request.window()).map(w -> w.startIn(request.timezone()));
        return switch (stream) {
            case MEMBERS -> from.map(f -> "updated_at:>=" + quoted(f));
            case POSTS -> from.map(f -> cursor.isPresent()
                    ? "updated_at:>=" + quoted(f) + ",published_at:>=" + quoted(f.minus(lookback))
                    : "updated_at:>=" + quoted(f));
            case NEWSLETTERS -> Optional.empty();
        };
    }

    /** Every post's id and nothing else, for a reconciliation: a page of ids is a few kilobytes. */
    private void readIds(GhostStream stream, RecordSink sink) throws Exception {
        Request base = Request.get(config.apiRoot() + "/" + stream.resource + "/").withParam("fields", "id")
                .withParam("order", "id asc");
        Set<String> seen = new HashSet<>();
        reader(stream).readAll(name + "." + stream.streamName + " ids", base, new RecordSink() {
            @Override
            public void accept(Map<String, Object> record) throws Exception {
                if (seen.add(String.valueOf(record.get("id")))) {
                    sink.accept(Map.of("id", record.get("id")));
                }
            }

            @Override
            public void pageFetched(String description) {
                sink.pageFetched(description);
            }
        });
    }

    private static String quoted(Instant instant) {
        return "'" + NQL_TIME.format(instant) + "'";
    }

    private PageReader reader(GhostStream stream) {
        return new PageReader(client, new PageNumberPagination("page", 1, "limit", PAGE_SIZE, PAGES),
                JsonPath.parse("$." + stream.resource), true);
    }

    /** A record as stored: timestamps typed; a post's email stats beside it as columns. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> row(GhostStream stream, Map<String, Object> record) {
        Map<String, Object> row = new LinkedHashMap<>(record);
        if (stream == GhostStream.POSTS) {
            Object email = row.remove("email");
            Map<String, Object> stats = email instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            // Null when the post was not sent as an email: the columns exist either way.
            row.put("email_status", stats.get("status"));
            row.put("email_recipients", stats.get("email_count"));
            row.put("email_delivered", stats.get("delivered_count"));
            row.put("email_opened", stats.get("opened_count"));
            row.put("email_failed", stats.get("failed_count"));
            row.put("email_submitted_at", stats.get("submitted_at"));
        }
        if (stream == GhostStream.MEMBERS && row.get("subscriptions") instanceof List<?> subscriptions) {
            row.put("subscriptions", steadySubscriptions(subscriptions));
        }
        for (String field : row.keySet()) {
            if (field.endsWith("_at") && row.get(field) instanceof String s) {
                row.put(field, TextValues.jsonString(s, ZoneOffset.UTC));
            }
        }
        return row;
    }

    /**
     * The subscription Ghost makes up for a comped member without Stripe (empty {@code id}) carries
     * the time of the read as {@code start_date}; it is dropped to null, or the member's row would
     * change on every run though nothing did.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> steadySubscriptions(List<?> subscriptions) {
        List<Object> out = new java.util.ArrayList<>();
        for (Object s : subscriptions) {
            if (s instanceof Map<?, ?> m && "".equals(m.get("id")) && m.containsKey("start_date")) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                copy.put("start_date", null);
                out.add(copy);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** One cheap authenticated call: the first member. */
    @Override
    public void check() throws Exception {
        new PageReader(client, new PageNumberPagination("page", 1, "limit", 1, PAGES), JsonPath.parse("$.members"),
                true).readFirst(Request.get(config.apiRoot() + "/members/"), record -> {
                });
    }

    private static Optional<Instant> instant(String cursor) {
        try {
            return Optional.of(Instant.parse(cursor));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
