package dev.stockroom.pipeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked of one {@code sync}.
 *
 * @param selection {@code SOURCE} or {@code SOURCE.STREAM} items; empty means everything
 * @param since     backfill from this day
 * @param until     stop at this day (never later than yesterday in the source's timezone)
 * @param full      backfill from the source's beginning, forgetting cursors
 * @param dryRun    plan and print, load nothing
 */
public record SyncOptions(List<String> selection, LocalDate since, LocalDate until, boolean full, boolean dryRun) {

    public SyncOptions {
        selection = List.copyOf(selection == null ? List.of() : selection);
    }

    public static SyncOptions incremental() {
        return new SyncOptions(List.of(), null, null, false, false);
    }

    public Optional<LocalDate> sinceIfAny() {
        return Optional.ofNullable(since);
    }

    public Optional<LocalDate> untilIfAny() {
        return Optional.ofNullable(until);
    }

    public boolean selects(String source) {
        return selection.isEmpty() || selection.stream().anyMatch(s -> s.equals(source) || s.startsWith(source + "."));
    }

    public boolean selects(String source, String stream) {
        return selection.isEmpty() || selection.contains(source) || selection.contains(source + "." + stream);
    }

    public boolean backfill() {
        return since != null || full;
    }
}
