package dev.stockroom.pipeline;

import dev.stockroom.source.DayRange;

/**
 * What one stream will read in this run.
 *
 * @param mode    {@code incremental}, {@code backfill} or {@code full}
 * @param window  the days to read (day-window streams), or the optional date bounds of a cursor
 *                stream; null when there is nothing to bound
 * @param cursor  the cursor to continue from, null to start from the beginning
 * @param upToDate true when a day-window stream has nothing to read (all complete days loaded)
 * @param reconcile whether this run also reconciles the stream, and how
 */
public record StreamPlan(String mode, DayRange window, String cursor, boolean upToDate, Reconcile reconcile) {

    /** What a run does to catch deletions and changes the cursor does not show. */
    public enum Reconcile {
        /** Nothing beyond the read (day-window streams, or reconciliation not due). */
        NONE,
        /** The read itself is complete (a full stream, a first load, {@code --full}, or a due reconciliation
         *  read whole): keys it does not see are deleted. */
        COMPLETE,
        /** The incremental read, then a complete read of the keys alone. */
        KEYS
    }

    public StreamPlan(String mode, DayRange window, String cursor, boolean upToDate) {
        this(mode, window, cursor, upToDate, Reconcile.NONE);
    }

    public StreamPlan withReconcile(Reconcile how) {
        return new StreamPlan(mode, window, cursor, upToDate, how);
    }

    public String describe() {
        if (upToDate) {
            return "up to date";
        }
        String what = window != null ? window.toString() : cursor != null ? "from cursor " + cursor : "everything";
        return mode + " " + what + switch (reconcile) {
            case KEYS -> ", then every key (reconciliation)";
            case COMPLETE -> mode.equals("reconcile") ? " (reconciliation)" : "";
            case NONE -> "";
        };
    }
}
