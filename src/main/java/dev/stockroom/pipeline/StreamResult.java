package dev.stockroom.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How one stream (or model) fared in a run: what notifications, {@code status} and metrics show.
 *
 * @param source      source name (or {@code analytics} for models)
 * @param stream      stream name (or model name)
 * @param mode        {@code incremental}, {@code backfill} or {@code full}
 * @param firstDay    first day of the window read, when the stream is windowed
 * @param lastDay     last day of the window read
 * @param status      the outcome
 * @param rowsRead    records the source produced
 * @param rowsWritten rows that landed in the warehouse (inserted or changed)
 * @param duration    wall time of the stream
 * @param error       the error message when it failed (redacted where it leaves the process); for a
 *                    stream that did not fail, a warning the owner should read (skipped because the
 *                    vendor account cannot serve it, or loaded without what the account's plan lacks),
 *                    else null
 * @param transientFault whether the failure looks like it will fix itself on the next run
 * @param notes       lines worth reading beside the counts: a reconciliation and what it changed,
 *                    rows marked deleted, a column converted or left as text and why
 */
public record StreamResult(
        String source,
        String stream,
        String mode,
        LocalDate firstDay,
        LocalDate lastDay,
        Status status,
        long rowsRead,
        long rowsWritten,
        Duration duration,
        String error,
        boolean transientFault,
        List<String> notes) {

    public StreamResult {
        notes = List.copyOf(notes == null ? List.of() : notes);
    }

    public StreamResult(String source, String stream, String mode, LocalDate firstDay, LocalDate lastDay,
                        Status status, long rowsRead, long rowsWritten, Duration duration, String error,
                        boolean transientFault) {
        this(source, stream, mode, firstDay, lastDay, status, rowsRead, rowsWritten, duration, error, transientFault,
                List.of());
    }

    public enum Status { SUCCESS, FAILED, SKIPPED }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** What the owner should read about a stream that did not fail (skipped for a reason, or loaded partly). */
    public Optional<String> warning() {
        return status == Status.FAILED ? Optional.empty() : Optional.ofNullable(error);
    }

    public Optional<String> errorIfAny() {
        return Optional.ofNullable(error);
    }

    /** "2024-05-01..2024-05-07", a single day, or "" for streams read whole. */
    public String daysCovered() {
        if (firstDay == null) {
            return "";
        }
        return firstDay.equals(lastDay) ? firstDay.toString() : firstDay + ".." + lastDay;
    }
}
