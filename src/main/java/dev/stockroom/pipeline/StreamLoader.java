package dev.stockroom.pipeline;

import dev.stockroom.source.DayRange;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import dev.stockroom.source.DeleteMode;
import dev.stockroom.warehouse.ChunkWriter;
import dev.stockroom.warehouse.Column;
import dev.stockroom.warehouse.ColumnType;
import dev.stockroom.warehouse.Deletions;
import dev.stockroom.warehouse.Names;
import dev.stockroom.warehouse.RecordSpool;
import dev.stockroom.warehouse.StateUpdate;
import dev.stockroom.warehouse.TableTarget;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads one stream for its plan, chunk by chunk: each chunk's records are spooled, then written
 * with their state in one transaction.
 */
final class StreamLoader {

    /** Counts of one stream's load, its warning (null for none), and the lines worth reading beside them. */
    record Counts(long read, long written, String warning, List<String> notes) {
    }

    private final Warehouse warehouse;
    private final ChunkWriter writer;
    private final RunListener listener;
    private final Clock clock;
    private final Path spoolFolder;
    private final long chunkRows;
    private final Deletions deletions;
    /** The columns of the table last committed to, as of that commit. */
    private List<Column> knownColumns;
    private String columnsOf;
    private String columnsTable;

    StreamLoader(Warehouse warehouse, RunListener listener, Clock clock, Path spoolFolder, long chunkRows) {
        this.warehouse = warehouse;
        this.writer = new ChunkWriter(warehouse);
        this.listener = listener;
        this.clock = clock;
        this.spoolFolder = spoolFolder;
        this.chunkRows = chunkRows;
        this.deletions = new Deletions(warehouse);
    }

    /** Loads a stream; {@code exclusion} drops its excluded fields from each record before it is spooled. */
    Counts load(String runId, String sourceName, Source source, StreamSpec stream, StreamPlan plan, ZoneId zone,
                LocalDate yesterday, FieldExclusion exclusion) throws Exception {
        Progress progress = new Progress(sourceName, stream.name());
        if (stream.incremental() == Incremental.DAY_WINDOW) {
            List<DayRange> chunks = stream.writeMode() == WriteMode.REPLACE
                    ? List.of(plan.window()) : plan.window().split(stream.chunk());
            for (DayRange chunk : chunks) {
                try (RecordSpool spool = spool(sourceName, stream)) {
                    source.read(stream, new ReadRequest(chunk, null, zone), exclusion.around(progress.into(spool)));
                    commit(runId, sourceName, stream, spool, chunk, new StateUpdate(sourceName, stream.name(), null,
                            chunk.last()), progress);
                }
            }
            return progress.counts();
        }
        // Cursor and full streams: commit at checkpoints once a chunk's worth of rows is spooled.
        boolean oneChunk = stream.writeMode() == WriteMode.REPLACE || stream.incremental() == Incremental.FULL;
        boolean complete = plan.reconcile() == StreamPlan.Reconcile.COMPLETE;
        Optional<String> keys = complete ? deletions.begin(sourceName, table(stream), stream.primaryKey())
                : Optional.empty();
        CursorChunks chunks = new CursorChunks(runId, sourceName, stream, progress, yesterday, oneChunk,
                keys.orElse(null), false);
        try {
            source.read(stream, new ReadRequest(plan.window(), plan.cursor(), zone), exclusion.around(chunks));
            chunks.finish();
        } catch (Exception e) {
            // A read that failed or stopped early never marks anything: its keys are forgotten.
            keys.ifPresent(deletions::discard);
            throw e;
        } finally {
            chunks.close();
        }
        if (complete) {
            markDeletions(runId, sourceName, stream, plan, keys.orElse(null), progress.read, progress);
        }
        if (plan.reconcile() == StreamPlan.Reconcile.KEYS) {
            reconcileKeys(runId, sourceName, source, stream, zone, progress);
        }
        return progress.counts();
    }

    /** A complete read of the keys alone, after the incremental read: absent keys are deleted. */
    private void reconcileKeys(String runId, String sourceName, Source source, StreamSpec stream, ZoneId zone,
                               Progress progress) throws Exception {
        Optional<String> keys = deletions.begin(sourceName, table(stream), stream.primaryKey());
        CursorChunks chunks = new CursorChunks(runId, sourceName, stream, progress, null, false,
                keys.orElse(null), true);
        try {
            source.read(stream, new ReadRequest(null, null, zone, true), chunks);
            chunks.finish();
        } catch (Exception e) {
            keys.ifPresent(deletions::discard);
            throw e;
        } finally {
            chunks.close();
        }
        markDeletions(runId, sourceName, stream, null, keys.orElse(null), chunks.keysRead, progress);
    }

    /** After the last chunk of a complete read committed: rows whose key it did not see are deleted. */
    private void markDeletions(String runId, String sourceName, StreamSpec stream, StreamPlan plan, String keys,
                               long seen, Progress progress) throws Exception {
        boolean reconciliation = plan == null || plan.mode().equals("reconcile");
        String what = plan == null ? "reconciliation (every key)" : reconciliation ? "reconciliation (every record)"
                : "complete read";
        if (keys != null && seen == 0) {
            // Zero records is never silently fine: an API answering nothing must not delete everything.
            deletions.discard(keys);
            progress.notes.add(what + " returned no records; nothing marked deleted");
            keys = null;
        }
        long changed = deletions.finish(sourceName, table(stream), stream.primaryKey(), keys, stream.deleteMode(),
                sourceName, stream.name(), runId, clock.instant());
        progress.written += changed;
        if (reconciliation || changed > 0) {
            String verb = stream.deleteMode() == DeleteMode.HARD ? "removed as deleted" : "marked deleted";
            progress.notes.add(what + ": " + seen + (plan == null ? " keys" : " records") + " read, " + changed
                    + " rows " + (stream.deleteMode() == DeleteMode.OFF ? "left as they were (deletes: off)" : verb)
                    + (plan == null ? "" : ", " + progress.written + " rows written in all"));
        }
    }

    private static String table(StreamSpec stream) {
        return Names.snakeCase(stream.name());
    }

    /**
     * A spool that knows the table's columns, so their names and order are kept, and the declared
     * types. The columns are read again in each commit's turn, so a stream's next chunk needs no
     * turn of its own for them.
     */
    private RecordSpool spool(String schema, StreamSpec stream) throws Exception {
        String table = table(stream);
        List<Column> columns = schema.equals(columnsOf) && table.equals(columnsTable)
                ? knownColumns : warehouse.columns(schema, table);
        return new RecordSpool(spoolFolder, stream.primaryKey(), columns, declared(stream));
    }

    /** A spool of key fields alone (delete signals, a key-only read), named as the table's columns. */
    private RecordSpool keySpool(String schema, StreamSpec stream) throws Exception {
        List<Column> key = warehouse.columns(schema, table(stream)).stream()
                .filter(c -> stream.primaryKey().contains(c.original())).toList();
        return new RecordSpool(spoolFolder, stream.primaryKey(), key, declared(stream));
    }

    private static Map<String, ColumnType> declared(StreamSpec stream) {
        Map<String, ColumnType> types = new HashMap<>();
        stream.fieldTypes().forEach((field, type) -> types.put(field, ColumnType.of(type)));
        return types;
    }

    private void commit(String runId, String sourceName, StreamSpec stream, RecordSpool spool, DayRange window,
                        StateUpdate state, Progress progress) throws Exception {
        commit(runId, sourceName, stream, spool, null, null, window, state, progress);
    }

    private void commit(String runId, String sourceName, StreamSpec stream, RecordSpool spool, RecordSpool deleted,
                        String keysTable, DayRange window, StateUpdate state, Progress progress) throws Exception {
        TableTarget target = new TableTarget(sourceName, table(stream), stream.primaryKey(),
                stream.writeMode(), stream.dayField(), window, stream.deleteMode(), keysTable);
        long written = warehouse.turn(() -> {
            long rows = writer.write(target, spool, deleted, state, runId, clock.instant());
            knownColumns = warehouse.columns(target.schema(), target.table());
            columnsOf = target.schema();
            columnsTable = target.table();
            return rows;
        });
        progress.notes.addAll(writer.takeNotes());
        progress.written += written;
        listener.chunkCommitted(sourceName, stream.name(), window != null ? window.toString()
                : spool.rows() + " rows", written);
    }

    /** Counts records and forwards pages to the listener. */
    private final class Progress {
        final String source;
        final String stream;
        long read;
        long written;
        final java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
        final List<String> notes = new ArrayList<>();

        Progress(String source, String stream) {
            this.source = source;
            this.stream = stream;
        }

        RecordSink into(RecordSpool spool) {
            return new RecordSink() {
                @Override
                public void accept(Map<String, Object> record) throws Exception {
                    spool.add(record);
                    counted();
                }

                @Override
                public void pageFetched(String description) {
                    listener.pageFetched(source, stream, description);
                }

                @Override
                public void warn(String message) {
                    warnings.add(message);
                }
            };
        }

        void counted() {
            read++;
            if ((read & 1023) == 0) {
                listener.rowsRead(source, stream, read);
            }
        }

        Counts counts() {
            listener.rowsRead(source, stream, read);
            return new Counts(read, written, warnings.isEmpty() ? null : String.join("; ", warnings), notes);
        }
    }

    /** The sink of a cursor stream: spools, and commits at a checkpoint once the chunk is big enough. */
    private final class CursorChunks implements RecordSink {
        final String runId;
        final String sourceName;
        final StreamSpec stream;
        final Progress progress;
        final LocalDate yesterday;
        final boolean oneChunk;
        /** The keys table of a complete read, null otherwise. */
        final String keysTable;
        /** A key-only read: records are keys to remember, not rows to write, and move no cursor. */
        final boolean keysOnly;
        RecordSpool spool;
        /** The vendor's delete signals of the current chunk, spooled when the first arrives. */
        RecordSpool deleted;
        String checkpoint;
        long keysRead;

        CursorChunks(String runId, String sourceName, StreamSpec stream, Progress progress, LocalDate yesterday,
                     boolean oneChunk, String keysTable, boolean keysOnly) throws Exception {
            this.runId = runId;
            this.sourceName = sourceName;
            this.stream = stream;
            this.progress = progress;
            this.yesterday = yesterday;
            this.oneChunk = oneChunk;
            this.keysTable = keysTable;
            this.keysOnly = keysOnly;
            this.spool = keysOnly ? keySpool(sourceName, stream) : spool(sourceName, stream);
        }

        @Override
        public void accept(Map<String, Object> record) throws Exception {
            if (keysOnly) {
                Map<String, Object> key = new LinkedHashMap<>();
                stream.primaryKey().forEach(k -> key.put(k, record.get(k)));
                spool.add(key);
                keysRead++;
                if (spool.rows() >= chunkRows) {
                    writer.writeKeys(target(), spool);
                    spool.close();
                    spool = keySpool(sourceName, stream);
                }
                return;
            }
            spool.add(record);
            progress.counted();
        }

        @Override
        public void delete(Map<String, Object> key) throws Exception {
            if (!stream.tracksDeletions()) {
                throw new IllegalArgumentException("stream " + stream.name() + " has no primary key merged by, so a "
                        + "delete signal cannot name its row");
            }
            if (deleted == null) {
                deleted = keySpool(sourceName, stream);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            stream.primaryKey().forEach(k -> fields.put(k, key.get(k)));
            deleted.add(fields);
        }

        @Override
        public void checkpoint(String cursor) throws Exception {
            if (keysOnly) {
                return;
            }
            checkpoint = cursor;
            if (!oneChunk && spool.rows() + (deleted == null ? 0 : deleted.rows()) >= chunkRows) {
                commitChunk(new StateUpdate(sourceName, stream.name(), cursor, null));
            }
        }

        private TableTarget target() {
            return new TableTarget(sourceName, table(stream), stream.primaryKey(), stream.writeMode(), null, null,
                    stream.deleteMode(), keysTable);
        }

        private void commitChunk(StateUpdate state) throws Exception {
            commit(runId, sourceName, stream, spool, deleted, keysTable, null, state, progress);
            spool.close();
            spool = spool(sourceName, stream);
            if (deleted != null) {
                deleted.close();
                deleted = null;
            }
        }

        void close() throws Exception {
            spool.close();
            if (deleted != null) {
                deleted.close();
            }
        }

        @Override
        public void pageFetched(String description) {
            listener.pageFetched(sourceName, stream.name(), description);
        }

        @Override
        public void warn(String message) {
            progress.warnings.add(message);
        }

        /** The stream ended: what remains commits with the newest complete day moved to yesterday. */
        void finish() throws Exception {
            if (keysOnly) {
                writer.writeKeys(target(), spool);
                return;
            }
            commitChunk(new StateUpdate(sourceName, stream.name(), checkpoint, yesterday));
        }
    }
}
