package dev.stockroom.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LastRuns} held in memory: for tests, and for a daemon without a warehouse to ask. */
public final class InMemoryLastRuns implements LastRuns {

    private final Map<String, Instant> lastRuns = new ConcurrentHashMap<>();

    /** Remembers a run of {@code source} started at {@code startedAt}; an older time is ignored. */
    public void record(String source, Instant startedAt) {
        lastRuns.merge(source, startedAt, (old, now) -> now.isAfter(old) ? now : old);
    }

    @Override
    public Optional<Instant> lastRun(String source) {
        return Optional.ofNullable(lastRuns.get(source));
    }
}
