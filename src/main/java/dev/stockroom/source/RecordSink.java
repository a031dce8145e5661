package dev.stockroom.source;

import java.util.Map;

/** Where a source pushes its records. Implemented by the pipeline. */
public interface RecordSink {

    /** One record: field name to value. The sink may keep the map; do not reuse it. */
    void accept(Map<String, Object> record) throws Exception;

    /**
     * Every record up to this cursor has been pushed: the pipeline may commit them together with
     * the cursor. Sources whose records do not come in cursor order call it only at the end.
     */
    default void checkpoint(String cursor) throws Exception {
    }

    /**
     * The vendor says the record with this primary key was deleted (a Stripe {@code *.deleted}
     * event, an archived Mailchimp member, a cancelled Kit subscriber). {@code key} maps each
     * primary-key field to its value. The pipeline honours the stream's {@code deletes} setting:
     * {@code soft} sets the row's {@code _deleted_at}, {@code hard} removes the row, {@code off}
     * ignores the signal. It commits with the records of the same chunk, after them.
     */
    default void delete(Map<String, Object> key) throws Exception {
        throw new UnsupportedOperationException("this sink does not take deletions; forward delete() to the "
                + "pipeline's sink");
    }

    /**
     * Something the owner should know although the stream loads (Kit stats that need a Pro plan):
     * shown once per run in the summary, the notifications and {@code status}.
     */
    default void warn(String message) {
    }

    /** A page (or file, or batch) was fetched; for the progress display and metrics. */
    default void pageFetched(String description) {
    }

}
