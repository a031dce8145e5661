package dev.stockroom.schedule;

import dev.stockroom.pipeline.RunSummary;
import java.time.Instant;
import java.util.Optional;

/**
 * What the scheduler does, for logs and metrics. Every method is a no-op by default; an exception
 * thrown here is swallowed so it cannot stop the schedule. {@code fireTime} is the slot a run
 * belongs to; the run itself may start later (a busy pool, a deferred or caught-up run).
 * Methods are called on the scheduler's threads, some while it holds its lock: return quickly.
 */
public interface SchedulerListener {

    SchedulerListener NONE = new SchedulerListener() { };

    /** On start: the slot at {@code missedFire} passed while the daemon was down; it runs now. */
    default void catchingUp(String source, Instant missedFire, Optional<Instant> lastRun) { }

    default void runStarted(String source, Instant fireTime) { }

    /** {@code summary} is {@code null} when the runner returned none. */
    default void runFinished(String source, Instant fireTime, RunSummary summary) { }

    default void runFailed(String source, Instant fireTime, Exception error) { }

    /** The previous run is still going; this slot runs once it ends. */
    default void runDeferred(String source, Instant fireTime) { }

    /** The previous run is still going and a run is already deferred; this slot is dropped. */
    default void runDropped(String source, Instant fireTime) { }
}
