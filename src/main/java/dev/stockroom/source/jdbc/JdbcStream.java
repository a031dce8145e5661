package dev.stockroom.source.jdbc;

import dev.stockroom.source.DeleteMode;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import java.time.Duration;
import java.util.List;

/** One configured table or query; incremental when it names a cursor column. */
record JdbcStream(String name, String query, List<String> key, String cursor, WriteMode writeMode,
                  List<String> excludeFields, DeleteMode deletes, Duration reconcile) {

    StreamSpec spec() {
        StreamSpec spec = (cursor == null ? StreamSpec.full(name, key) : StreamSpec.cursor(name, key))
                .withExcludeFields(excludeFields).withMirroring(deletes, reconcile);
        return writeMode == null ? spec : spec.withWriteMode(writeMode);
    }
}
