package dev.stockroom.source;

import java.util.List;
import java.util.Objects;

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
        ExcludedFields excluded) {

    public StreamSpec {
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

    /** A stream that stores every field it reads. */
    public StreamSpec(String name, List<String> primaryKey, WriteMode writeMode, Incremental incremental,
                      String dayField, Chunking chunk) {
        this(name, primaryKey, writeMode, incremental, dayField, chunk, ExcludedFields.NONE);
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
        return new StreamSpec(name, primaryKey, mode, incremental, dayField, chunk, excluded);
    }

    public StreamSpec withChunk(Chunking chunking) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunking, excluded);
    }

    /**
     * Declares the vendor's fields that are credentials (and, always, every {@code *_token} and
     * {@code *_secret}): vendor and rest connectors call this, files and jdbc do not.
     */
    public StreamSpec withCredentialFields(String... paths) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk,
                excluded.withVendorCredentials(paths));
    }

    /** Adds the owner's {@code exclude_fields}. */
    public StreamSpec withExcludeFields(List<String> paths) {
        return new StreamSpec(name, primaryKey, writeMode, incremental, dayField, chunk, excluded.withChosen(paths));
    }
}
