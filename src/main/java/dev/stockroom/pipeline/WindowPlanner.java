package dev.stockroom.pipeline;

import dev.stockroom.config.Durations;
import dev.stockroom.source.DayRange;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.warehouse.StateStore.StreamState;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Decides what a stream reads (SPEC §4): only complete days, i.e. up to yesterday in the
 * source's timezone; incremental runs re-read the lookback and never skip a day after the newest
 * complete day in state; {@code --since}/{@code --full} backfill.
 */
public final class WindowPlanner {

    /** Where {@code --full} starts a day-window stream whose source has no {@code start_date}. */
    static final int DEFAULT_FULL_DAYS = 730;

    private final Clock clock;

    public WindowPlanner(Clock clock) {
        this.clock = clock;
    }

    public LocalDate yesterday(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone)).minusDays(1);
    }

    public StreamPlan plan(StreamSpec stream, SyncOptions options, ZoneId zone, Duration lookback,
                           Optional<LocalDate> startDate, Optional<StreamState> state) {
        LocalDate yesterday = yesterday(zone);
        LocalDate end = options.untilIfAny().filter(u -> u.isBefore(yesterday)).orElse(yesterday);
        String mode = options.backfill() ? "backfill" : "incremental";
        if (stream.incremental() == Incremental.FULL) {
            return new StreamPlan("full", null, null, false, completeIfKeyed(stream));
        }
        if (stream.incremental() == Incremental.CURSOR) {
            if (options.since() != null) {
                return new StreamPlan(mode, range(options.since(), end), null, false);
            }
            String cursor = options.full() ? null : state.map(StreamState::cursor).orElse(null);
            DayRange bound = options.until() != null ? range(startDate.orElse(LocalDate.EPOCH), end) : null;
            if (bound != null) {
                return new StreamPlan(mode, bound, cursor, false);
            }
            if (cursor == null) {
                // Everything is read (a first load, --full): keys it does not see have left the vendor.
                return new StreamPlan(mode, null, null, false, completeIfKeyed(stream));
            }
            if (reconcileDue(stream, state)) {
                return stream.keysReconcile()
                        ? new StreamPlan(mode, null, cursor, false, StreamPlan.Reconcile.KEYS)
                        : new StreamPlan("reconcile", null, null, false, StreamPlan.Reconcile.COMPLETE);
            }
            return new StreamPlan(mode, null, cursor, false);
        }
        LocalDate start;
        if (options.since() != null) {
            start = options.since();
        } else if (options.full()) {
            start = startDate.orElse(yesterday.minusDays(DEFAULT_FULL_DAYS - 1));
        } else {
            LocalDate fromLookback = yesterday.minusDays(Math.max(Durations.wholeDays(lookback), 1) - 1);
            Optional<LocalDate> newest = state.map(StreamState::newestCompleteDay);
            if (newest.isPresent()) {
                LocalDate afterNewest = newest.get().plusDays(1);
                // No silent holes: after a long outage, resume the day after the newest complete day.
                start = afterNewest.isBefore(fromLookback) ? afterNewest : fromLookback;
            } else {
                start = startDate.filter(d -> d.isBefore(fromLookback)).orElse(fromLookback);
            }
        }
        if (start.isAfter(end)) {
            return new StreamPlan(mode, null, null, true);
        }
        return new StreamPlan(mode, new DayRange(start, end), null, false);
    }

    private static StreamPlan.Reconcile completeIfKeyed(StreamSpec stream) {
        return stream.tracksDeletions() ? StreamPlan.Reconcile.COMPLETE : StreamPlan.Reconcile.NONE;
    }

    /** A stream's reconciliation is due once its period has passed since the last complete read. */
    private boolean reconcileDue(StreamSpec stream, Optional<StreamState> state) {
        Optional<Duration> every = stream.reconcileEvery();
        if (every.isEmpty()) {
            return false;
        }
        java.time.Instant last = state.map(StreamState::reconciledAt).orElse(null);
        return last == null || !last.plus(every.get()).isAfter(clock.instant());
    }

    private static DayRange range(LocalDate start, LocalDate end) {
        return start.isAfter(end) ? DayRange.of(end) : new DayRange(start, end);
    }
}
