package dev.stockroom.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.pipeline.StreamStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One alert when a stream goes stale, one when it recovers, silence in between. */
class StalenessWatchTest {

    private static final LocalDate YESTERDAY = LocalDate.parse("2024-05-07");

    private final Metrics metrics = new Metrics();
    private final StalenessWatch watch = new StalenessWatch();

    @Test
    void a_stale_stream_is_reported_once_however_often_it_is_checked() {
        assertThat(watch.update(List.of(status("web", "pages", "2024-04-30", true)), metrics))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.subject()).isEqualTo("Stockroom: web.pages is stale");
                    assertThat(alert.body()).contains("since 2024-04-30").contains("expected 2024-05-07");
                });
        for (int run = 0; run < 5; run++) {
            assertThat(watch.update(List.of(status("web", "pages", "2024-04-30", true)), metrics)).isEmpty();
        }
        assertThat(gauge("web", "pages")).isEqualTo(1);
    }

    @Test
    void recovery_is_reported_once_and_a_new_episode_alerts_again() {
        watch.update(List.of(status("web", "pages", "2024-04-30", true)), metrics);
        assertThat(watch.update(List.of(status("web", "pages", "2024-05-07", false)), metrics))
                .singleElement().satisfies(alert -> assertThat(alert.subject())
                        .isEqualTo("Stockroom: web.pages recovered"));
        assertThat(watch.update(List.of(status("web", "pages", "2024-05-07", false)), metrics)).isEmpty();
        assertThat(gauge("web", "pages")).isZero();
        assertThat(watch.update(List.of(status("web", "pages", "2024-05-07", true)), metrics)).hasSize(1);
    }

    @Test
    void a_fresh_stream_never_alerts_but_shows_in_metrics() {
        assertThat(watch.update(List.of(status("shop", "orders", "2024-05-07", false)), metrics)).isEmpty();
        assertThat(gauge("shop", "orders")).isZero();
    }

    @Test
    void streams_are_watched_each_on_its_own() {
        assertThat(watch.update(List.of(status("web", "pages", "2024-04-30", true),
                status("shop", "orders", "2024-04-30", true)), metrics)).hasSize(2);
        assertThat(watch.update(List.of(status("web", "pages", "2024-05-07", false),
                status("shop", "orders", "2024-04-30", true)), metrics))
                .singleElement().satisfies(alert -> assertThat(alert.subject()).contains("web.pages recovered"));
    }

    private double gauge(String source, String stream) {
        return PrometheusTextParser.parse(metrics.render())
                .value("stockroom_stream_stale", Map.of("source", source, "stream", stream));
    }

    private static StreamStatus status(String source, String stream, String newest, boolean stale) {
        return new StreamStatus(source, stream, null, null, null, 0, LocalDate.parse(newest), YESTERDAY, List.of(),
                stale);
    }
}
