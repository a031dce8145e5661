package dev.stockroom.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The outcome of one {@code sync} run: one entry per stream and per model. */
public record RunSummary(String runId, Instant startedAt, Instant finishedAt, List<StreamResult> results) {

    public RunSummary {
        results = List.copyOf(results);
    }

    public boolean succeeded() {
        return results.stream().noneMatch(StreamResult::failed);
    }

    public long failures() {
        return results.stream().filter(StreamResult::failed).count();
    }

    public long rowsWritten() {
        return results.stream().mapToLong(StreamResult::rowsWritten).sum();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
