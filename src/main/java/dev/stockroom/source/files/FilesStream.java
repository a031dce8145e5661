package dev.stockroom.source.files;

import dev.stockroom.source.DeleteMode;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import java.time.Duration;
import java.util.List;

/**
 * One configured file stream. With a primary key it is incremental by file (a file already
 * loaded with the same size and checksum is skipped); without one it is re-read whole and
 * replaced, since rows without a key cannot be matched to the ones already loaded.
 */
record FilesStream(String name, String path, FileFormat format, char delimiter, List<String> key,
                   WriteMode writeMode, List<String> excludeFields, DeleteMode deletes, Duration reconcile,
                   boolean allowEmpty) {

    FilesStream(String name, String path, FileFormat format, char delimiter, List<String> key,
                List<String> excludeFields) {
        this(name, path, format, delimiter, key, null, excludeFields, null, null, false);
    }

    FilesStream withWriteMode(WriteMode mode) {
        return new FilesStream(name, path, format, delimiter, key, mode, excludeFields, deletes, reconcile, allowEmpty);
    }

    /** The stream's {@code deletes} and {@code reconcile} settings (nulls keep the defaults). */
    FilesStream withMirroring(DeleteMode deleteMode, Duration every) {
        return new FilesStream(name, path, format, delimiter, key, writeMode, excludeFields, deleteMode, every,
                allowEmpty);
    }

    /** {@code allow_empty: true}: a pattern matching no file is normal for this stream, not a mistake. */
    FilesStream allowingEmpty(boolean allow) {
        return new FilesStream(name, path, format, delimiter, key, writeMode, excludeFields, deletes, reconcile, allow);
    }

    StreamSpec spec() {
        StreamSpec spec = key.isEmpty() ? StreamSpec.full(name, key) : StreamSpec.cursor(name, key);
        spec = spec.withExcludeFields(excludeFields).withMirroring(deletes, reconcile);
        return writeMode == null ? spec : spec.withWriteMode(writeMode);
    }
}
