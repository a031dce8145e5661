package dev.stockroom.schedule;

import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-stream metrics for {@code /metrics}, fed with each run's results and rendered in Prometheus
 * text format 0.0.4. Series are labelled {@code source} and {@code stream}, sorted, and appear
 * once a stream has been seen; a stream that never succeeded has no last-success sample.
 * Thread-safe.
 */
public final class Metrics {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<Key, Series> series = new TreeMap<>();

    /** Takes in a finished run; successes are stamped with the run's finish time. */
    public void record(RunSummary summary) {
        record(summary.results(), summary.finishedAt());
    }

    /** Takes in stream results; successes are stamped with {@code finishedAt}. Skipped streams count nothing. */
    public synchronized void record(List<StreamResult> results, Instant finishedAt) {
        for (StreamResult result : results) {
            if (result.status() == StreamResult.Status.SKIPPED) {
                continue;
            }
            Series s = series(result.source(), result.stream());
            s.rowsWritten += result.rowsWritten();
            s.lastDurationSeconds = result.duration() == null ? Double.NaN : result.duration().toNanos() / 1e9;
            if (result.failed()) {
                s.failures++;
            } else {
                s.lastSuccessSeconds = finishedAt.getEpochSecond() + finishedAt.getNano() / 1e9;
            }
        }
    }

    /** Marks a stream stale (1) or fresh (0). */
    public synchronized void setStale(String source, String stream, boolean stale) {
        series(source, stream).stale = stale;
    }

    public synchronized String render() {
        PrometheusText text = new PrometheusText();
        family(text, "stockroom_last_success_timestamp_seconds", "gauge",
                "When the stream last loaded successfully, in seconds since the epoch.", s -> s.lastSuccessSeconds);
        family(text, "stockroom_rows_written_total", "counter",
                "Rows written to the warehouse (inserted or changed) since the daemon started.", s -> s.rowsWritten);
        family(text, "stockroom_last_run_duration_seconds", "gauge",
                "Wall time of the stream in its latest run.", s -> s.lastDurationSeconds);
        family(text, "stockroom_run_failures_total", "counter",
                "Runs in which the stream failed, since the daemon started.", s -> s.failures);
        family(text, "stockroom_stream_stale", "gauge",
                "1 when the stream's newest complete day is older than stale_after allows, else 0.",
                s -> s.stale ? 1 : 0);
        return text.toString();
    }

    private void family(PrometheusText text, String name, String type, String help, Value value) {
        text.family(name, type, help);
        series.forEach((key, s) -> {
            double v = value.of(s);
            if (!Double.isNaN(v)) {
                text.sample(name, key.source(), key.stream(), v);
            }
        });
    }

    private Series series(String source, String stream) {
        return series.computeIfAbsent(new Key(source, stream), k -> new Series());
    }

    private interface Value {
        double of(Series series);
    }

    private record Key(String source, String stream) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySource = source.compareTo(other.source);
            return bySource != 0 ? bySource : stream.compareTo(other.stream);
        }
    }

    private static final class Series {
        double lastSuccessSeconds = Double.NaN;
        double lastDurationSeconds = Double.NaN;
        long rowsWritten;
        long failures;
        boolean stale;
    }
}
