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
 */
public record StreamPlan(String mode, DayRange window, String cursor, boolean upToDate) {

    public String describe() {
        if (upToDate) {
            return "up to date";
        }
        String what = window != null ? window.toString() : cursor != null ? "from cursor " + cursor : "everything";
        return mode + " " + what;
    }
}
