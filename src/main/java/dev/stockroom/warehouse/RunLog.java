package dev.stockroom.warehouse;

import dev.stockroom.config.Secrets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code stockroom.runs}: one row per run and stream, written as the stream starts and ends. A
 * stored error is an exit point of text: it is redacted here, once, before it is written.
 */
public final class RunLog {

    private final Warehouse warehouse;

    public RunLog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public void started(String runId, String source, String stream, String mode, LocalDate first, LocalDate last,
                        Instant at) throws SQLException {
        Dialect d = warehouse.dialect();
        String text = "CAST(? AS " + d.castableText() + ")";
        String date = "CAST(? AS " + d.typeName(ColumnType.DATE, false) + ")";
        String sql = "INSERT INTO " + warehouse.table(Warehouse.META, "runs")
                + " (run_id, source, stream, mode, window_start, window_end, started_at, status, rows_read, rows_written)"
                + " VALUES (" + text + ", " + text + ", " + text + ", " + text + ", " + date + ", " + date + ", "
                + warehouse.castTimestamp() + ", 'running', 0, 0)";
        warehouse.turn(() -> {
            try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
                ps.setString(1, runId);
                ps.setString(2, source);
                ps.setString(3, stream);
                ps.setString(4, mode);
                ps.setString(5, first == null ? null : first.toString());
                ps.setString(6, last == null ? null : last.toString());
                ps.setString(7, Warehouse.timestampText(at));
                return ps.executeUpdate();
            }
        });
    }

    public void finished(String runId, String source, String stream, String status, long rowsRead, long rowsWritten,
                         String error, Instant at) throws SQLException {
        finished(runId, source, stream, status, rowsRead, rowsWritten, error, List.of(), at);
    }

    /** @param notes lines worth reading beside the counts (a reconciliation, a column's type), one a line */
    public void finished(String runId, String source, String stream, String status, long rowsRead, long rowsWritten,
                         String error, List<String> notes, Instant at) throws SQLException {
        String sql = "UPDATE " + warehouse.table(Warehouse.META, "runs") + " SET finished_at = "
                + warehouse.castTimestamp() + ", status = ?, rows_read = ?, rows_written = ?, error = ?, notes = ?"
                + " WHERE run_id = ? AND source = ? AND stream = ?";
        warehouse.turn(() -> {
            try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
                ps.setString(1, Warehouse.timestampText(at));
                ps.setString(2, status);
                ps.setLong(3, rowsRead);
                ps.setLong(4, rowsWritten);
                ps.setString(5, Secrets.redact(error));
                ps.setString(6, notes.isEmpty() ? null : Secrets.redact(String.join("\n", notes)));
                ps.setString(7, runId);
                ps.setString(8, source);
                ps.setString(9, stream);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Marks runs of a source still shown as running as interrupted: called with the source's lock
     * held, so they belong to a process that died (a crash or {@code kill -9}).
     */
    public void closeInterrupted(List<String> sources, Instant at) throws SQLException {
        warehouse.turn(() -> {
            markInterrupted(sources, at);
            return null;
        });
    }

    private void markInterrupted(List<String> sources, Instant at) throws SQLException {
        for (String source : sources) {
            try (PreparedStatement ps = warehouse.connection().prepareStatement("UPDATE "
                    + warehouse.table(Warehouse.META, "runs") + " SET status = 'interrupted', finished_at = "
                    + warehouse.castTimestamp() + ", error = 'the process ended before the stream finished'"
                    + " WHERE source = ? AND status = 'running'")) {
                ps.setString(1, Warehouse.timestampText(at));
                ps.setString(2, source);
                ps.executeUpdate();
            }
        }
    }
}
