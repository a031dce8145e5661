package dev.stockroom.source.kit;

import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.TextValues;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.CursorPagination;
import dev.stockroom.source.http.HttpStatusException;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.PageReader;
import dev.stockroom.source.http.Request;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kit API v4 (docs/vendors.md §5). Every list is cursor-paged: {@code after} = the page's
 * {@code pagination.end_cursor} while {@code pagination.has_next_page}, {@code per_page=1000}.
 *
 * <p>Subscribers are asked with {@code status=all} (Kit's default, {@code active}, hides cancelled
 * and bounced ones). Their only change filter, {@code updated_after}, takes a day
 * ({@code yyyy-mm-dd}) and the records carry no update time, so the cursor is the instant the read
 * started and the next run asks from that day minus one: the overlap is loaded again and merged on
 * {@code id}. Broadcasts sent since the cursor (the newest {@code send_at}) minus {@code stats_days},
 * whose opens and clicks still grow, are read again with their stats, which come from the stats
 * list {@code /broadcasts/stats}: one paged call for all, not one per broadcast, since an API key
 * has 120 calls a minute. Accounts below the Pro plan get 403 on the stats list: their broadcasts
 * load without stats, with one warning in the run's summary.
 */
final class KitSource implements Source {

    static final int PAGE_SIZE = 1000;
    /** The overlap of an incremental subscriber read: {@code updated_after} has day precision. */
    static final int OVERLAP_DAYS = 1;
    private static final CursorPagination PAGING = new CursorPagination("after",
            JsonPath.parse("$.pagination.end_cursor"), null, JsonPath.parse("$.pagination.has_next_page"));
    private static final JsonPath STATS = JsonPath.parse("$.broadcast.stats");
    static final String STATS_NEED_PRO = "Kit answered 403 for broadcast stats (GET /v4/broadcasts/stats), which "
            + "need a Creator Pro plan: broadcasts loaded without opens and clicks; upgrade the Kit plan to get them, "
            + "or exclude_streams: [broadcasts]";

    private final String name;
    private final KitConfig config;
    private final ApiClient client;
    private final Clock clock;

    KitSource(String name, KitConfig config, ApiClient client, Clock clock) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public List<StreamSpec> streams() {
        return Arrays.stream(KitStream.values()).map(s -> s.spec).toList();
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        KitStream stream = KitStream.of(spec);
        switch (stream) {
            case SUBSCRIBERS -> readSubscribers(request, sink);
            case TAGS -> list(stream, list(stream), sink, record -> sink.accept(row(record)));
            case BROADCASTS -> readBroadcasts(request, sink);
        }
    }

    private void readSubscribers(ReadRequest request, RecordSink sink) throws Exception {
        // Taken before the first page: whatever changes while the pages are read is asked again next time.
        Instant mark = clock.instant();
        Optional<Instant> cursor = instant(request.cursor());
        // The time zone of Kit's date filters is undocumented, probably UTC [U]; days are taken in UTC.
        Optional<LocalDate> from = cursor.map(c -> LocalDate.ofInstant(c, ZoneOffset.UTC).minusDays(OVERLAP_DAYS))
                .or(() -> Optional.ofNullable(request.window())
                        .map(w -> LocalDate.ofInstant(w.startIn(request.timezone()), ZoneOffset.UTC)));
        Request base = list(KitStream.SUBSCRIBERS).withParam("status", "all");
        if (from.isPresent()) {
            // [U] whether updated_after includes its own day; the overlap covers either reading.
            base = base.withParam("updated_after", from.get().toString());
        }
        Set<Object> seen = new HashSet<>();
        list(KitStream.SUBSCRIBERS, base, sink, record -> {
            if (seen.add(record.get("id"))) {
                sink.accept(row(record));
            }
        });
        sink.checkpoint(mark.toString());
    }

    private void readBroadcasts(ReadRequest request, RecordSink sink) throws Exception {
        Instant now = clock.instant();
        Optional<Instant> cursor = instant(request.cursor());
        Optional<Instant> since = cursor.map(c -> c.minus(config.statsDays()))
                .or(() -> Optional.ofNullable(request.window()).map(w -> w.startIn(request.timezone())));
        // sent_after takes a day; [U] whether it includes that day, so a day earlier, then the exact bound here.
        Optional<String> sentAfter = since.map(s -> LocalDate.ofInstant(s, ZoneOffset.UTC).minusDays(1).toString());
        Request broadcasts = list(KitStream.BROADCASTS);
        // [U] that the stats list takes sent_after like the broadcast list; if it is ignored, more pages come.
        Request allStats = Request.get(config.baseUrl() + "/broadcasts/stats")
                .withParam("per_page", Integer.toString(PAGE_SIZE));
        if (sentAfter.isPresent()) {
            broadcasts = broadcasts.withParam("sent_after", sentAfter.get());
            allStats = allStats.withParam("sent_after", sentAfter.get());
        }
        List<Map<String, Object>> sent = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        list(KitStream.BROADCASTS, broadcasts, sink, record -> {
            Map<String, Object> row = row(record);
            // Drafts have no send_at and scheduled ones are not sent yet: both wait for a later run.
            if (row.get("send_at") instanceof Instant at && !at.isAfter(now)
                    && since.map(s -> !at.isBefore(s)).orElse(true) && seen.add(row.get("id"))) {
                sent.add(row);
            }
        });
        Map<Object, Map<String, Object>> stats = new HashMap<>();
        boolean withStats = !sent.isEmpty();
        if (withStats) {
            try {
                list(KitStream.BROADCASTS, allStats, sink, record -> {
                    if (record.get("stats") instanceof Map<?, ?> m && seen.contains(record.get("id"))) {
                        stats.put(record.get("id"), stats(m));
                    }
                });
            } catch (HttpStatusException e) {
                if (e.status() != 403) {
                    throw e;
                }
                // Kit answers 403 on the stats list for accounts below the Pro plan: the broadcasts load without.
                withStats = false;
                sink.warn(STATS_NEED_PRO);
            }
        }
        Instant newest = cursor.orElse(null);
        for (Map<String, Object> row : sent) {
            Map<String, Object> own = stats.get(row.get("id"));
            if (withStats) {
                row.putAll(own != null ? own : stats(row.get("id")));
            }
            sink.accept(row);
            Instant at = (Instant) row.get("send_at");
            if (newest == null || at.isAfter(newest)) {
                newest = at;
            }
        }
        if (newest != null && !newest.equals(cursor.orElse(null))) {
            sink.checkpoint(newest.toString());
        }
    }

    /**
     * The stats of a broadcast missing from the stats list (e.g. sent while the lists were read),
     * from {@code /broadcasts/{id}/stats}.
     */
    private Map<String, Object> stats(Object broadcastId) throws Exception {
        Map<String, Object> stats = new LinkedHashMap<>();
        new PageReader(client, PAGING, STATS, true).fetch(
                Request.get(config.baseUrl() + "/broadcasts/" + broadcastId + "/stats"), stats::putAll);
        if (stats.isEmpty()) {
            throw SourceException.permanent("Kit answered the stats of broadcast " + broadcastId + " without "
                    + "broadcast.stats; check base_url (it should end in /v4)", null);
        }
        return stats(stats);
    }

    /**
     * Stats flattened beside their broadcast, under Kit's names [V, API reference]: {@code recipients},
     * {@code open_rate}, {@code emails_opened}, {@code click_rate}, {@code unsubscribe_rate},
     * {@code unsubscribes}, {@code total_clicks}, {@code show_total_clicks}, {@code progress},
     * {@code open_tracking_disabled}, {@code click_tracking_disabled}, and {@code status} as
     * {@code send_status}. Whether the rates are percentages or fractions is not documented [U];
     * they are stored as Kit sends them.
     */
    private static Map<String, Object> stats(Map<?, ?> stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        stats.forEach((k, v) -> out.put(k.equals("status") ? "send_status" : String.valueOf(k), v));
        out.remove("id");
        return out;
    }

    private Request list(KitStream stream) {
        return Request.get(config.baseUrl() + stream.path).withParam("per_page", Integer.toString(PAGE_SIZE));
    }

    /** Every page of a list, whose records are at the stream's name ({@code $.broadcasts} for the stats list too). */
    private void list(KitStream stream, Request base, RecordSink progress, RecordAction action) throws Exception {
        new PageReader(client, PAGING, JsonPath.parse("$." + stream.streamName), true)
                .readAll(name + "." + stream.streamName, base, new RecordSink() {
                    @Override
                    public void accept(Map<String, Object> record) throws Exception {
                        action.accept(record);
                    }

                    @Override
                    public void pageFetched(String description) {
                        progress.pageFetched(description);
                    }
                });
    }

    /** A record as stored: its timestamps typed. */
    static Map<String, Object> row(Map<String, Object> record) {
        Map<String, Object> row = new LinkedHashMap<>(record);
        for (String field : KitStream.TIME_FIELDS) {
            if (row.get(field) instanceof String s) {
                row.put(field, TextValues.jsonString(s, ZoneOffset.UTC));
            }
        }
        return row;
    }

    /** One cheap authenticated call: the first tag. */
    @Override
    public void check() throws Exception {
        new PageReader(client, PAGING, JsonPath.parse("$.tags"), true)
                .readFirst(Request.get(config.baseUrl() + "/tags").withParam("per_page", "1"), record -> {
                });
    }

    private static Optional<Instant> instant(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(cursor));
        } catch (DateTimeParseException e) {
            // A cursor this connector did not write: read as on a first run.
            return Optional.empty();
        }
    }

    /** What to do with each record of a list. */
    @FunctionalInterface
    private interface RecordAction {
        void accept(Map<String, Object> record) throws Exception;
    }
}
