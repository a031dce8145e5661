package dev.stockroom.source.kit;

import dev.stockroom.source.StreamSpec;
import java.util.List;

/** The Kit v4 resources Stockroom loads. */
enum KitStream {
    /**
     * Cursor: the instant a read started. Kit's subscribers carry no {@code updated_at}, so the
     * cursor cannot come from the records; it is sent back as {@code updated_after}, a day earlier.
     */
    SUBSCRIBERS("subscribers", "/subscribers", StreamSpec.cursor("subscribers", List.of("id")).withCredentialFields()),
    TAGS("tags", "/tags", StreamSpec.full("tags", List.of("id")).withCredentialFields()),
    /** Cursor: the newest {@code send_at}; broadcasts sent within {@code stats_days} are read again. */
    BROADCASTS("broadcasts", "/broadcasts", StreamSpec.cursor("broadcasts", List.of("id")).withCredentialFields());

    /** Timestamps of Kit objects (UTC, ISO 8601 with {@code Z}), stored as timestamps. */
    static final List<String> TIME_FIELDS = List.of("created_at", "published_at", "send_at");

    final String streamName;
    final String path;
    final StreamSpec spec;

    KitStream(String streamName, String path, StreamSpec spec) {
        this.streamName = streamName;
        this.path = path;
        this.spec = spec;
    }

    static KitStream of(StreamSpec spec) {
        for (KitStream s : values()) {
            if (s.streamName.equals(spec.name())) {
                return s;
            }
        }
        throw new IllegalArgumentException("kit has no stream " + spec.name());
    }
}
