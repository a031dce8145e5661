package dev.stockroom.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When each source last ran, so that the scheduler can catch up a run missed while it was down.
 * Backed by {@code stockroom.runs} in the daemon; {@link InMemoryLastRuns} in tests.
 */
@FunctionalInterface
public interface LastRuns {

    /** When the source's most recent run started, whatever its outcome; empty if it never ran. */
    Optional<Instant> lastRun(String source);
}
