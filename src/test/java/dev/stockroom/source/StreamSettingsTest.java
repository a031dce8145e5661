package dev.stockroom.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.StockroomConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the defaults and names of the keys every stream has: deletes and reconcile. */
class StreamSettingsTest {

    private static List<StreamSpec> streams(String streamYaml) throws Exception {
        String yaml = "sources:\n  - name: crm\n    type: files\n    streams:\n" + streamYaml;
        StockroomConfig config = ConfigLoader.parse(yaml, Path.of("/srv/shop/stockroom.yml"),
                new EnvSubstitution(k -> null, Map.of()));
        try (Source source = SourceTypes.create(config.sources().get(0))) {
            return source.streams();
        }
    }

    @Test
    void keyed_cursor_streams_soft_delete_and_reconcile_weekly_by_default() throws Exception {
        StreamSpec spec = streams("      - {name: people, path: a.csv, primary_key: id}\n").get(0);
        assertThat(spec.deleteMode()).isEqualTo(DeleteMode.SOFT);
        assertThat(spec.reconcileEvery()).contains(Duration.ofDays(7));
        assertThat(spec.tracksDeletions()).isTrue();
    }

    @Test
    void deletes_and_reconcile_are_read_per_stream() throws Exception {
        List<StreamSpec> specs = streams("      - {name: a, path: a.csv, primary_key: id, deletes: hard, reconcile: 1d}\n"
                + "      - {name: b, path: b.csv, primary_key: id, deletes: off, reconcile: off}\n");
        assertThat(specs.get(0).deleteMode()).isEqualTo(DeleteMode.HARD);
        assertThat(specs.get(0).reconcileEvery()).contains(Duration.ofDays(1));
        assertThat(specs.get(1).deleteMode()).isEqualTo(DeleteMode.OFF);
        assertThat(specs.get(1).reconcileEvery()).isEmpty();
    }

    @Test
    void streams_without_a_key_track_no_deletions() throws Exception {
        StreamSpec spec = streams("      - {name: prices, path: p.csv}\n").get(0);
        assertThat(spec.tracksDeletions()).isFalse();
        assertThat(spec.reconcileEvery()).isEmpty();
    }

    @Test
    void a_wrong_deletes_value_names_the_choices() {
        assertThatThrownBy(() -> streams("      - {name: a, path: a.csv, primary_key: id, deletes: soft_ish}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("deletes")
                .hasMessageContaining("soft, hard, off");
    }
}
