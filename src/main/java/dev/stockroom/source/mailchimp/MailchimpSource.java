package dev.stockroom.source.mailchimp;

import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.TextValues;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.OffsetPagination;
import dev.stockroom.source.http.PageReader;
import dev.stockroom.source.http.Pagination;
import dev.stockroom.source.http.Request;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * Mailchimp Marketing API 3.0 (docs/vendors.md §3). Members are read after the newest
 * {@code last_changed} seen; campaigns and their reports after the newest {@code send_time} minus
 * {@code report_days}, because opens and clicks keep arriving for days after a send. Pages are
 * {@code offset}/{@code count=1000} until {@code total_items}; an edit moves {@code last_changed},
 * so repeats happen and records are deduplicated on {@code id}. {@code GET /reports} cannot be
 * filtered by audience, so reports of other audiences are dropped on {@code list_id}; an
 * {@code archived} member (what deleting a contact does) is a delete of its key.
 */
final class MailchimpSource implements Source {

    static final int PAGE_SIZE = 1000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final Pagination PAGING =
            new OffsetPagination("offset", "count", PAGE_SIZE, JsonPath.parse("$.total_items"));

    private final String name;
    private final MailchimpConfig config;
    private final ApiClient client;

    MailchimpSource(String name, MailchimpConfig config, ApiClient client) {
        this.name = name;
        this.config = config;
        this.client = client;
    }

    @Override
    public List<StreamSpec> streams() {
        return Arrays.stream(MailchimpStream.values()).map(MailchimpStream::spec).toList();
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        MailchimpStream stream = MailchimpStream.of(spec);
        Request base = switch (stream) {
            case MEMBERS -> Request.get(config.baseUrl() + "/lists/" + config.listId() + "/members");
            case CAMPAIGNS -> Request.get(config.baseUrl() + "/campaigns").withParam("list_id", config.listId())
                    .withParam("status", "sent").withParam("sort_field", "send_time").withParam("sort_dir", "ASC");
            case CAMPAIGN_REPORTS -> Request.get(config.baseUrl() + "/reports");
        };
        Optional<Instant> cursor = Optional.ofNullable(request.cursor()).flatMap(MailchimpSource::instant);
        Optional<Instant> since = cursor.map(c -> stream == MailchimpStream.MEMBERS ? c : c.minus(config.reportDays()))
                .or(() -> Optional.ofNullable(request.window()).map(w -> w.startIn(request.timezone())));
        if (since.isPresent()) {
            base = base.withParam(stream.sinceParam, ISO.format(since.get()));
        }
        Set<String> seen = new HashSet<>();
        Instant[] newest = {cursor.orElse(null)};
        new PageReader(client, PAGING, JsonPath.parse("$." + stream.records), true)
                .readAll(name + "." + stream.streamName, base, new RecordSink() {
                    @Override
                    public void accept(Map<String, Object> record) throws Exception {
                        if (!seen.add(String.valueOf(record.get("id")))) {
                            return;
                        }
                        // GET /reports has no list_id filter: other audiences' reports are left out here.
                        if (stream == MailchimpStream.CAMPAIGN_REPORTS
                                && !config.listId().equals(record.get("list_id"))) {
                            return;
                        }
                        Map<String, Object> row = row(record);
                        if (row.get(stream.cursorField) instanceof Instant at
                                && (newest[0] == null || at.isAfter(newest[0]))) {
                            newest[0] = at;
                        }
                        // An archived member was removed from the audience (Mailchimp's "delete" archives).
                        if (stream == MailchimpStream.MEMBERS && "archived".equals(row.get("status"))) {
                            sink.delete(Map.of("id", row.get("id")));
                            return;
                        }
                        sink.accept(row);
                    }

                    @Override
                    public void pageFetched(String description) {
                        sink.pageFetched(description);
                    }
                });
        if (newest[0] != null && !newest[0].equals(cursor.orElse(null))) {
            sink.checkpoint(newest[0].toString());
        }
    }

    /** Timestamps typed; Mailchimp's empty string for "no time" becomes null. */
    static Map<String, Object> row(Map<String, Object> record) {
        Map<String, Object> row = new LinkedHashMap<>(record);
        row.remove("_links");
        for (String field : row.keySet()) {
            boolean time = field.endsWith("_time") || field.startsWith("timestamp_") || field.equals("last_changed");
            if (time && row.get(field) instanceof String s) {
                row.put(field, s.isEmpty() ? null : TextValues.jsonString(s, ZoneOffset.UTC));
            }
        }
        return row;
    }

    /** One cheap authenticated call: Mailchimp's {@code /ping}. */
    @Override
    public void check() throws Exception {
        client.execute(Request.get(config.baseUrl() + "/ping"), response -> {
            response.body().readAllBytes();
            return null;
        });
    }

    private static Optional<Instant> instant(String cursor) {
        try {
            return Optional.of(Instant.parse(cursor));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(cursor).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
