package dev.stockroom.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline needs to know about one stream: its key, how rows are written, and how it is
 * read incrementally.
 *
 * @param name         the stream name; becomes the table name (normalized to snake_case)
 * @param primaryKey   field names of the key, empty when the stream has none
 * @param writeMode    how a chunk's rows meet the rows already in the table
 * @param incremental  how the stream is read incrementally
 * @param dayField     for {@link Incremental#DAY_WINDOW} streams: the field holding the row's day
 *                     (used by {@code replace_window} to delete the window's days)
 * @param chunk        how a day-window is cut into atomic chunks
 * @param fieldTypes   types of the fields the connector knows, by field name (see {@link FieldType})
 * @param deletes      what a record that left the vendor does to its row; null means {@code soft}
 * @param reconcile    how often an incremental stream is read completely to catch deletions and
 *                     changes its cursor does not show; null means the default (7 days for cursor
 *                     streams), {@link Duration#ZERO} means never
 * @param keysReconcile true when a reconciliation may read only the keys (the connector can list
 *                     them cheaply and its cursor shows every change but deletions)
 * @param excluded     fields never stored: the connector's credential fields and the owner's
 *                     {@code exclude_fields} (the pipeline drops them)
 */
public record StreamSpec(
        String name,
        List<String> primaryKey,
        WriteMode writeMode,
        Incremental incremental,
        String dayField,
        Chunking chunk,
        Map<String, FieldType> fieldTypes,
        DeleteMode deletes,
        Duration reconcile,
        boolean keysReconcile,
        ExcludedFields excluded) {

    /** How often cursor streams are read completely when nothing says otherwise. */
    public static final Duration DEFAULT_RECONCILE = Duration.ofDays(7);

    public StreamSpec(String name, List<String> primaryKey, WriteMode writeMode, Incremental incremental,
                      String dayField, Chunking chunk) {
        this(name, primaryKey, writeMode, incremental, dayField, chunk, Map.of(), null, null, false, ExcludedFields.NONE);
    }

    public StreamSpec {
        fieldTypes = Map.copyOf(fieldTypes == null ? Map.of() : fieldTypes);
        Objects.requireNonNull(name, "name");
        primaryKey = List.copyOf(primaryKey == null ? List.of() : primaryKey);
        Objects.requireNonNull(incremental, "incremental");
        if (writeMode == null) {
            writeMode = WriteMode.defaultFor(incremental, !primaryKey.isEmpty(), dayField != null);
        }
        if (chunk == null) {
            chunk = Chunking.DAY;
        }
        if (excluded == null) {
            excluded = ExcludedFields.NONE;
        }
        if (writeMode == WriteMode.REPLACE_WINDOW && dayField == null) {
            throw new IllegalArgumentException("stream " + name + ": replace_window needs a day field");
        }
        if (writeMode.needsKey() && primaryKey.isEmpty()) {
            throw new IllegalArgumentException("stream " + name + ": write mode " + writeMode.configName()
                    + " needs a primary_key");
        }
    }

    /** A stream read in day windows, whose rows carry their day in {@code dayField}. */
    public static StreamSpec daily(String name, List<String> key, String dayField) {
        return new StreamSpec(name, key, null, Incremental.DAY_WINDOW, dayField, Chunking.DAY);
    }

    /** A stream read from a cursor (an {@code updated_at} column, an event id, a file list). */
    public static StreamSpec cursor(String name, List<String> key) {
        return new StreamSpec(name, key, null, Incremental.CURSOR, null, Chunking.DAY);
    }

    /** A stream read whole on every run. */
    public static StreamSpec full(String name, List<String> key) {
        return new StreamSpec(name, key, null, Incremental.FULL, null, Chunking.DAY);
    }

    public StreamSpec withWriteMode(WriteMode mode) {
        return new StreamSpec(name, primaryKey, mode, incremental, dayField, chunk, fieldTypes, deletes, reconcile,
                keysReconcile, excluded);
    }

    public StreamSpec withChunk(Chunking chunking) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunking, fieldTypes, deletes,
                reconcile, keysReconcile, excluded);
    }

    /** The connector's known field types. */
    public StreamSpec withFieldTypes(Map<String, FieldType> types) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk, types, deletes, reconcile,
                keysReconcile, excluded);
    }

    /** The user's {@code deletes} and {@code reconcile} settings; a null keeps what the stream had. */
    public StreamSpec withMirroring(DeleteMode deleteMode, Duration every) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk, fieldTypes,
                deleteMode != null ? deleteMode : deletes, every != null ? every : reconcile, keysReconcile, excluded);
    }

    /** Reconciliations of this stream may read keys alone. */
    public StreamSpec withKeysReconcile() {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk, fieldTypes, deletes,
                reconcile, true, excluded);
    }

    /**
     * Declares the vendor's fields that are credentials (and, always, every {@code *_token} and
     * {@code *_secret}): vendor and rest connectors call this, files and jdbc do not.
     */
    public StreamSpec withCredentialFields(String... paths) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk, fieldTypes, deletes,
                reconcile, keysReconcile, excluded.withVendorCredentials(paths));
    }

    /** Adds the owner's {@code exclude_fields}. */
    public StreamSpec withExcludeFields(List<String> paths) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk, fieldTypes, deletes,
                reconcile, keysReconcile, excluded.withChosen(paths));
    }

    public DeleteMode deleteMode() {
        return deletes == null ? DeleteMode.SOFT : deletes;
    }

    /** Whether rows of this stream can be marked deleted: keyed, and merged or appended by key. */
    public boolean tracksDeletions() {
        return !primaryKey.isEmpty() && (writeMode == WriteMode.MERGE || writeMode == WriteMode.APPEND);
    }

    /** How often this stream is reconciled; empty for never (and for streams read whole every run). */
    public Optional<Duration> reconcileEvery() {
        if (incremental != Incremental.CURSOR || !tracksDeletions()) {
            return Optional.empty();
        }
        Duration every = reconcile == null ? DEFAULT_RECONCILE : reconcile;
        return every.isZero() ? Optional.empty() : Optional.of(every);
    }
}
