package dev.stockroom.source.ghost;

import dev.stockroom.source.StreamSpec;
import java.util.List;

/** The Admin API resources Stockroom loads. */
enum GhostStream {
    /** Cursor: {@code updated_at}. Ghost caps members at 100 a page. */
    MEMBERS("members", "members", "newsletters,labels", StreamSpec.cursor("members", List.of("id"))
            // The link's key lets anyone who reads it unsubscribe the member: dropped whole.
            .withCredentialFields("unsubscribe_url")),
    /**
     * Cursor: {@code updated_at}, plus every post published within the lookback, whose email stats still move.
     * [U] the include names {@code email,newsletter}; click counts ({@code count.clicks}) are not loaded.
     */
    POSTS("posts", "posts", "email,newsletter", StreamSpec.cursor("posts", List.of("id")).withCredentialFields()),
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
