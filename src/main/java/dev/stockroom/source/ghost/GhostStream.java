package dev.stockroom.source.ghost;

import dev.stockroom.source.FieldType;
import dev.stockroom.source.StreamSpec;
import java.util.List;
import java.util.Map;

/**
 * The Admin API resources Stockroom loads, and what their incremental read can miss.
 *
 * <p>Members: bulk label changes, bulk unsubscribes, label renames and newsletter archiving do not
 * bump {@code updated_at}, and deletions leave no trace; the weekly reconciliation reads every member
 * whole (the members endpoint cannot list ids alone) and brings both in. Posts: deletions leave no
 * trace; edits, unpublishing and scheduling bump {@code updated_at}; the reconciliation reads only
 * their ids ({@code fields=id}). Newsletters are read whole on every run.
 */
enum GhostStream {
    /** Cursor: {@code updated_at}. Ghost caps members at 100 a page. */
    MEMBERS("members", "members", "newsletters,labels", StreamSpec.cursor("members", List.of("id"))
            // The link's key lets anyone who reads it unsubscribe the member: dropped whole.
            .withCredentialFields("unsubscribe_url")
            .withFieldTypes(Map.of("created_at", FieldType.TIMESTAMP, "updated_at", FieldType.TIMESTAMP,
                    "last_seen_at", FieldType.TIMESTAMP, "email_open_rate", FieldType.NUMBER,
                    "email_count", FieldType.INTEGER, "email_opened_count", FieldType.INTEGER,
                    "subscribed", FieldType.BOOLEAN, "comped", FieldType.BOOLEAN))),
    /**
     * Cursor: {@code updated_at}, plus every post published within the lookback, whose email stats still move.
     * Every status is read (drafts too), so a post moved back to draft shows it instead of staying published.
     * [U] the include names {@code email,newsletter}; click counts ({@code count.clicks}) are not loaded.
     */
    POSTS("posts", "posts", "email,newsletter", StreamSpec.cursor("posts", List.of("id")).withCredentialFields()
            .withFieldTypes(Map.of("created_at", FieldType.TIMESTAMP, "updated_at", FieldType.TIMESTAMP,
                    "published_at", FieldType.TIMESTAMP, "email_submitted_at", FieldType.TIMESTAMP,
                    "email_recipients", FieldType.INTEGER, "email_delivered", FieldType.INTEGER,
                    "email_opened", FieldType.INTEGER, "email_failed", FieldType.INTEGER))
            .withKeysReconcile()),
    NEWSLETTERS("newsletters", "newsletters", null, StreamSpec.full("newsletters", List.of("id")).withCredentialFields());

    final String streamName;
    final String resource;
    final String include;
    final StreamSpec spec;

    GhostStream(String streamName, String resource, String include, StreamSpec spec) {
        this.streamName = streamName;
        this.resource = resource;
        this.include = include;
        this.spec = spec;
    }

    static GhostStream of(StreamSpec spec) {
        for (GhostStream s : values()) {
            if (s.streamName.equals(spec.name())) {
                return s;
            }
        }
        throw new IllegalArgumentException("ghost has no stream " + spec.name());
    }
}
