package dev.stockroom.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.StreamResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Instant STARTED = Instant.parse("2026-05-04T08:13:00Z");
    private static final Instant FINISHED = Instant.parse("2026-05-04T08:13:42.250Z");
    private final Metrics metrics = new Metrics();

    @Test
    void renders_every_family_with_help_and_type_lines() {
        metrics.record(run(FINISHED, ok("shop", "orders", 120, "PT12.5S")));

        PrometheusTextParser text = PrometheusTextParser.parse(metrics.render());

        assertThat(text.families.values()).extracting(PrometheusTextParser.Family::name, PrometheusTextParser.Family::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("stockroom_last_success_timestamp_seconds", "gauge"),
                        org.assertj.core.groups.Tuple.tuple("stockroom_rows_written_total", "counter"),
                        org.assertj.core.groups.Tuple.tuple("stockroom_last_run_duration_seconds", "gauge"),
                        org.assertj.core.groups.Tuple.tuple("stockroom_run_failures_total", "counter"),
                        org.assertj.core.groups.Tuple.tuple("stockroom_stream_stale", "gauge"));
        assertThat(text.families.values()).allSatisfy(f -> assertThat(f.help()).isNotBlank());
        assertThat(Metrics.CONTENT_TYPE).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }

    @Test
    void a_successful_run_sets_success_time_rows_and_duration_per_stream() {
        metrics.record(run(FINISHED, ok("shop", "orders", 120, "PT12.5S"), ok("shop", "refunds", 3, "PT0.2S")));

        PrometheusTextParser text = PrometheusTextParser.parse(metrics.render());
        Map<String, String> orders = Map.of("source", "shop", "stream", "orders");

        assertThat(text.value("stockroom_last_success_timestamp_seconds", orders)).isEqualTo(1777882422.25);
        assertThat(text.value("stockroom_rows_written_total", orders)).isEqualTo(120);
        assertThat(text.value("stockroom_last_run_duration_seconds", orders)).isEqualTo(12.5);
        assertThat(text.value("stockroom_run_failures_total", orders)).isZero();
        assertThat(text.value("stockroom_stream_stale", orders)).isZero();
        assertThat(text.value("stockroom_rows_written_total", Map.of("source", "shop", "stream", "refunds"))).isEqualTo(3);
    }

    @Test
    void rows_accumulate_and_a_failure_counts_without_moving_the_last_success() {
        metrics.record(run(FINISHED, ok("shop", "orders", 120, "PT12S")));
        metrics.record(run(FINISHED.plusSeconds(3600), ok("shop", "orders", 5, "PT2S")));
        metrics.record(run(FINISHED.plusSeconds(7200), failed("shop", "orders", "PT1S")));

        PrometheusTextParser text = PrometheusTextParser.parse(metrics.render());
        Map<String, String> orders = Map.of("source", "shop", "stream", "orders");

        assertThat(text.value("stockroom_rows_written_total", orders)).isEqualTo(125);
        assertThat(text.value("stockroom_run_failures_total", orders)).isEqualTo(1);
        assertThat(text.value("stockroom_last_run_duration_seconds", orders)).isEqualTo(1);
        assertThat(text.value("stockroom_last_success_timestamp_seconds", orders))
                .isEqualTo(FINISHED.plusSeconds(3600).toEpochMilli() / 1000.0);
    }

    @Test
    void a_stream_that_never_succeeded_has_no_last_success_sample() {
        metrics.record(run(FINISHED, failed("shop", "orders", "PT1S")));

        PrometheusTextParser text = PrometheusTextParser.parse(metrics.render());

        assertThat(text.samples).extracting(PrometheusTextParser.Sample::name)
                .doesNotContain("stockroom_last_success_timestamp_seconds")
                .contains("stockroom_run_failures_total", "stockroom_rows_written_total");
    }

    @Test
    void a_skipped_stream_counts_nothing() {
        metrics.record(run(FINISHED, result("shop", "orders", Status.SKIPPED, 0, "PT0S")));

        assertThat(PrometheusTextParser.parse(metrics.render()).samples).isEmpty();
    }

    @Test
    void staleness_is_set_and_cleared_per_stream() {
        metrics.setStale("web", "pages", true);
        assertThat(PrometheusTextParser.parse(metrics.render())
                .value("stockroom_stream_stale", Map.of("source", "web", "stream", "pages"))).isEqualTo(1);

        metrics.setStale("web", "pages", false);
        assertThat(PrometheusTextParser.parse(metrics.render())
                .value("stockroom_stream_stale", Map.of("source", "web", "stream", "pages"))).isZero();
    }

    @Test
    void label_values_with_quotes_backslashes_and_newlines_are_escaped() {
        String stream = "we\"ird\\name\nline two";
        metrics.record(run(FINISHED, ok("shop", stream, 7, "PT1S")));

        String rendered = metrics.render();
        PrometheusTextParser text = PrometheusTextParser.parse(rendered);

        assertThat(rendered).contains("stream=\"we\\\"ird\\\\name\\nline two\"");
        assertThat(text.value("stockroom_rows_written_total", Map.of("source", "shop", "stream", stream))).isEqualTo(7);
    }

    @Test
    void recording_from_many_threads_loses_no_rows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 2000; i++) {
            pool.execute(() -> {
                metrics.record(run(FINISHED, ok("shop", "orders", 1, "PT1S")));
                metrics.render();
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(PrometheusTextParser.parse(metrics.render())
                .value("stockroom_rows_written_total", Map.of("source", "shop", "stream", "orders"))).isEqualTo(2000);
    }

    private static RunSummary run(Instant finishedAt, StreamResult... results) {
        return new RunSummary("run-1", STARTED, finishedAt, List.of(results));
    }

    private static StreamResult ok(String source, String stream, long rows, String duration) {
        return result(source, stream, Status.SUCCESS, rows, duration);
    }

    private static StreamResult failed(String source, String stream, String duration) {
        return result(source, stream, Status.FAILED, 0, duration);
    }

    private static StreamResult result(String source, String stream, Status status, long rows, String duration) {
        LocalDate day = LocalDate.of(2026, 5, 3);
        return new StreamResult(source, stream, "incremental", day, day, status, rows, rows, Duration.parse(duration),
                status == Status.FAILED ? "HTTP 500 from the vendor" : null, status == Status.FAILED);
    }
}
