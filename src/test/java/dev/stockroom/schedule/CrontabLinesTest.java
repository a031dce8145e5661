package dev.stockroom.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrontabLinesTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Path STOCKROOM = Path.of("/opt/stockroom/stockroom");

    @Test
    void prints_one_line_per_source_with_cron_tz_before_sources_in_another_zone() {
        StockroomConfig config = config("/srv/shop/stockroom.yml",
                source("site", "13 8 * * *", UTC),
                source("web", "30 2 * * *", BERLIN),
                source("exports", "0 */6 * * *", BERLIN),
                source("stripe", "0 9 * * *", ZoneId.of("Etc/UTC")));

        assertThat(CrontabLines.render(config, STOCKROOM, UTC)).containsExactly(
                "# Stockroom: one line per source of /srv/shop/stockroom.yml (stockroom crontab)",
                "# CRON_TZ is a cronie/Vixie-cron extension, not POSIX: a cron without it takes it for a",
                "# plain variable and runs every line in the system timezone (UTC).",
                "13 8 * * * cd /srv/shop && /opt/stockroom/stockroom sync site >> /srv/shop/stockroom-site.log 2>&1",
                "CRON_TZ=Europe/Berlin",
                "30 2 * * * cd /srv/shop && /opt/stockroom/stockroom sync web >> /srv/shop/stockroom-web.log 2>&1",
                "0 */6 * * * cd /srv/shop && /opt/stockroom/stockroom sync exports >> /srv/shop/stockroom-exports.log 2>&1",
                "CRON_TZ=UTC",
                "0 9 * * * cd /srv/shop && /opt/stockroom/stockroom sync stripe >> /srv/shop/stockroom-stripe.log 2>&1");
    }

    @Test
    void gives_the_system_zone_back_after_the_last_line_in_another_zone() {
        StockroomConfig config = config("/srv/shop/stockroom.yml", source("web", "30 2 * * *", BERLIN));

        assertThat(CrontabLines.render(config, STOCKROOM, UTC))
                .endsWith("CRON_TZ=Europe/Berlin",
                        "30 2 * * * cd /srv/shop && /opt/stockroom/stockroom sync web >> /srv/shop/stockroom-web.log 2>&1",
                        "CRON_TZ=UTC");
    }

    @Test
    void sources_in_the_system_zone_need_no_cron_tz_and_no_note_about_it() {
        StockroomConfig config = config("/srv/shop/stockroom.yml", source("web", "@daily", BERLIN));

        assertThat(CrontabLines.render(config, STOCKROOM, BERLIN)).containsExactly(
                "# Stockroom: one line per source of /srv/shop/stockroom.yml (stockroom crontab)",
                "@daily cd /srv/shop && /opt/stockroom/stockroom sync web >> /srv/shop/stockroom-web.log 2>&1");
    }

    @Test
    void quotes_paths_for_the_shell_escapes_percent_signs_and_names_a_config_file_not_called_stockroom_yml() {
        StockroomConfig config = config("/home/ann/my shop/shop's 100%.yml", source("site", "13 8 * * *", UTC));

        assertThat(CrontabLines.render(config, STOCKROOM, Path.of("/var/log/stockroom"), UTC)).last().isEqualTo(
                "13 8 * * * cd '/home/ann/my shop' && /opt/stockroom/stockroom --config 'shop'\\''s 100\\%.yml'"
                        + " sync site >> /var/log/stockroom/stockroom-site.log 2>&1");
    }

    @Test
    void a_fixed_offset_becomes_the_etc_zone_name_cron_understands() {
        assertThat(CrontabLines.tzName(ZoneOffset.ofHours(2))).isEqualTo("Etc/GMT-2");
        assertThat(CrontabLines.tzName(ZoneOffset.ofHours(-5))).isEqualTo("Etc/GMT+5");
        assertThat(CrontabLines.tzName(ZoneId.of("UTC+01:00"))).isEqualTo("Etc/GMT-1");
        assertThat(CrontabLines.tzName(ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(CrontabLines.tzName(BERLIN)).isEqualTo("Europe/Berlin");
        assertThatThrownBy(() -> CrontabLines.tzName(ZoneOffset.ofHoursMinutes(5, 30)))
                .hasMessageContaining("+05:30");
    }

    @Test
    void an_invalid_schedule_is_rejected_naming_the_expression() {
        StockroomConfig config = config("/srv/shop/stockroom.yml", source("site", "13 8 * *", UTC));

        assertThatThrownBy(() -> CrontabLines.render(config, STOCKROOM, UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"13 8 * *\"");
    }

    private static StockroomConfig config(String file, SourceConfig... sources) {
        return new StockroomConfig(Path.of(file), StockroomConfig.DEFAULT_WAREHOUSE, StockroomConfig.DEFAULT_MEMORY_LIMIT,
                UTC, StockroomConfig.DEFAULT_LOOKBACK, StockroomConfig.DEFAULT_SCHEDULE,
                StockroomConfig.DEFAULT_STALE_AFTER, List.of(), Optional.empty(), List.of(sources),
                StockroomConfig.DEFAULT_WAREHOUSE_WAIT);
    }

    private static SourceConfig source(String name, String schedule, ZoneId zone) {
        return new SourceConfig(name, "files", zone, Duration.ofDays(7), schedule, Optional.empty(), Duration.ofDays(2),
                ConfigNode.ofYaml("type: files\n", "stockroom.yml"), true);
    }
}
