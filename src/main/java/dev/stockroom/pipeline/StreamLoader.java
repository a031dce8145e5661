package dev.stockroom.pipeline;

import dev.stockroom.source.DayRange;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import dev.stockroom.warehouse.ChunkWriter;
import dev.stockroom.warehouse.Names;
import dev.stockroom.warehouse.RecordSpool;
import dev.stockroom.warehouse.StateUpdate;
import dev.stockroom.warehouse.TableTarget;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Loads one stream for its plan, chunk by chunk: each chunk's records are spooled, then written
 * with their state in one transaction.
 */
final class StreamLoader {

    /** Counts of one stream's load. */
    record Counts(long read, long written, String warning) {
    }

    private final Warehouse warehouse;
    private final ChunkWriter writer;
    private final RunListener listener;
    private final Clock clock;
    private final Path spoolFolder;
    private final long chunkRows;
    /** The columns of the table last committed to, as of that commit. */
    private List<dev.stockroom.warehouse.Column> knownColumns;
    private String columnsOf;
    private String columnsTable;

    StreamLoader(Warehouse warehouse, RunListener listener, Clock clock, Path spoolFolder, long chunkRows) {
        this.warehouse = warehouse;
        this.writer = new ChunkWriter(warehouse);
        this.listener = listener;
        this.clock = clock;
        this.spoolFolder = spoolFolder;
        this.chunkRows = chunkRows;
    }

    Counts load(String runId, String sourceName, Source source, StreamSpec stream, StreamPlan plan, ZoneId zone,
                LocalDate yesterday) throws Exception {
        Progress progress = new Progress(sourceName, stream.name());
        if (stream.incremental() == Incremental.DAY_WINDOW) {
            List<DayRange> chunks = stream.writeMode() == WriteMode.REPLACE
                    ? List.of(plan.window()) : plan.window().split(stream.chunk());
            for (DayRange chunk : chunks) {
                try (RecordSpool spool = spool(sourceName, stream)) {
                    source.read(stream, new ReadRequest(chunk, null, zone), progress.into(spool));
                    commit(runId, sourceName, stream, spool, chunk, new StateUpdate(sourceName, stream.name(), null,
                            chunk.last()), progress);
                }
            }
            return progress.counts();
        }
        // Cursor and full streams: commit at checkpoints once a chunk's worth of rows is spooled.
        boolean oneChunk = stream.writeMode() == WriteMode.REPLACE || stream.incremental() == Incremental.FULL;
        CursorChunks chunks = new CursorChunks(runId, sourceName, stream, progress, yesterday, oneChunk);
        try {
            source.read(stream, new ReadRequest(plan.window(), plan.cursor(), zone), chunks);
            chunks.finish();
        } finally {
            chunks.spool.close();
        }
        return progress.counts();
    }

    /**
     * A spool that knows the table's columns, so their names and order are kept. The columns are
     * read again in each commit's turn, so a stream's next chunk needs no turn of its own for them.
     */
    private RecordSpool spool(String schema, StreamSpec stream) throws Exception {
        String table = Names.snakeCase(stream.name());
        List<dev.stockroom.warehouse.Column> columns = schema.equals(columnsOf) && table.equals(columnsTable)
                ? knownColumns : warehouse.columns(schema, table);
        return new RecordSpool(spoolFolder, stream.primaryKey(), columns);
    }

    private void commit(String runId, String sourceName, StreamSpec stream, RecordSpool spool, DayRange window,
                        StateUpdate state, Progress progress) throws Exception {
        TableTarget target = new TableTarget(sourceName, Names.snakeCase(stream.name()), stream.primaryKey(),
                stream.writeMode(), stream.dayField(), window);
        long written = warehouse.turn(() -> {
            long rows = writer.write(target, spool, state, runId, clock.instant());
            knownColumns = warehouse.columns(target.schema(), target.table());
            columnsOf = target.schema();
            columnsTable = target.table();
            return rows;
        });
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
            return new Counts(read, written, warnings.isEmpty() ? null : String.join("; ", warnings));
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
        RecordSpool spool;
        String checkpoint;

        CursorChunks(String runId, String sourceName, StreamSpec stream, Progress progress, LocalDate yesterday,
                     boolean oneChunk) throws Exception {
            this.runId = runId;
            this.sourceName = sourceName;
            this.stream = stream;
            this.progress = progress;
            this.yesterday = yesterday;
            this.oneChunk = oneChunk;
            this.spool = spool(sourceName, stream);
        }

        @Override
        public void accept(Map<String, Object> record) throws Exception {
            spool.add(record);
            progress.counted();
        }

        @Override
        public void checkpoint(String cursor) throws Exception {
            checkpoint = cursor;
            if (!oneChunk && spool.rows() >= chunkRows) {
                commit(runId, sourceName, stream, spool, null,
                        new StateUpdate(sourceName, stream.name(), cursor, null), progress);
                spool.close();
                spool = spool(sourceName, stream);
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
            commit(runId, sourceName, stream, spool, null,
                    new StateUpdate(sourceName, stream.name(), checkpoint, yesterday), progress);
        }
    }
}
