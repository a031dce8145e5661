package dev.stockroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins every default and key name: a renamed key breaks this test, not a user. */
class ConfigLoaderTest {

    static StockroomConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, Path.of("/srv/shop/stockroom.yml"), new EnvSubstitution(env::get, Map.of()));
    }

    static StockroomConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    @Test
    void an_empty_file_gives_every_default() {
        StockroomConfig c = parse("");
        assertThat(c.warehouse()).isEqualTo("duckdb:warehouse.duckdb");
        assertThat(c.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.lookback()).isEqualTo(Duration.ofDays(7));
        assertThat(c.schedule()).isEqualTo("13 8 * * *");
        assertThat(c.staleAfter()).isEqualTo(Duration.ofDays(2));
        assertThat(c.memoryLimit()).isEqualTo("1GB");
        assertThat(c.sources()).isEmpty();
        assertThat(c.baseDir()).isEqualTo(Path.of("/srv/shop"));
    }

    @Test
    void sources_inherit_the_global_settings_and_may_override_them() {
        StockroomConfig c = parse("""
                timezone: Europe/Berlin
                lookback: 3d
                sources:
                  - name: web
                    type: files
                    lookback: 36h
                    schedule: "0 6 * * *"
                  - name: site
                    type: jdbc
                """);
        assertThat(c.sources().get(0).lookback()).isEqualTo(Duration.ofHours(36));
        assertThat(c.sources().get(0).schedule()).isEqualTo("0 6 * * *");
        assertThat(c.sources().get(1).timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.sources().get(1).lookback()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void a_misspelled_key_names_file_line_and_the_nearest_valid_key() {
        assertThatThrownBy(() -> parse("timezone: UTC\nlookbak: 3d\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stockroom.yml:2")
                .hasMessageContaining("unknown key 'lookbak'")
                .hasMessageContaining("did you mean 'lookback'?");
    }

    @Test
    void a_wrong_type_names_the_key_and_what_was_expected() {
        assertThatThrownBy(() -> parse("lookback: soon\n"))
                .hasMessageContaining("stockroom.yml:1").hasMessageContaining("lookback")
                .hasMessageContaining("30m, 12h or 7d");
        assertThatThrownBy(() -> parse("timezone: Mars/Olympus\n"))
                .hasMessageContaining("stockroom.yml:1").hasMessageContaining("IANA");
        assertThatThrownBy(() -> parse("sources:\n  - name: web\n    type: files\n    start_date: 31.01.2024\n"))
                .hasMessageContaining("stockroom.yml:4").hasMessageContaining("2024-01-31");
    }

    @Test
    void a_missing_required_value_is_named() {
        assertThatThrownBy(() -> parse("sources:\n  - name: web\n"))
                .hasMessageContaining("stockroom.yml:2").hasMessageContaining("missing required key 'type'");
    }

    @Test
    void a_bad_cron_schedule_is_a_configuration_error_with_its_line() {
        assertThatThrownBy(() -> parse("sources:\n  - name: web\n    type: files\n    schedule: \"61 * * * *\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stockroom.yml:4");
    }

    @Test
    void environment_references_are_resolved_and_remembered_as_secrets() {
        StockroomConfig c = parse("warehouse: \"jdbc:postgresql://db/dw?user=dw&password=${DW_PASSWORD}\"\n",
                Map.of("DW_PASSWORD", "s3cr3t-pass"));
        assertThat(c.warehouse()).endsWith("password=s3cr3t-pass");
        assertThat(Secrets.redact("failed to connect with s3cr3t-pass")).doesNotContain("s3cr3t-pass");
    }

    @Test
    void an_unset_environment_variable_is_an_error_that_says_how_to_set_it() {
        assertThatThrownBy(() -> parse("warehouse: \"jdbc:postgresql://db/dw?password=${NOPE_UNSET}\"\n"))
                .hasMessageContaining("stockroom.yml:1").hasMessageContaining("NOPE_UNSET is not set")
                .hasMessageContaining(".env");
    }

    @Test
    void invalid_yaml_reports_its_line() {
        assertThatThrownBy(() -> parse("sources:\n  - name: web\n   type: [files\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stockroom.yml:");
    }

    @Test
    void a_source_named_like_the_duckdb_file_is_refused_before_duckdb_gets_confused() {
        assertThatThrownBy(() -> parse("warehouse: duckdb:shop.duckdb\nsources:\n  - {name: shop, type: files}\n"))
                .hasMessageContaining("stockroom.yml:3").hasMessageContaining("rename the source or the file");
    }

    @Test
    void source_names_must_be_unique_and_usable_as_schemas() {
        assertThatThrownBy(() -> parse("sources:\n  - {name: web, type: files}\n  - {name: web, type: files}\n"))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> parse("sources:\n  - {name: Web-Site, type: files}\n"))
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> parse("sources:\n  - {name: stockroom, type: files}\n"))
                .hasMessageContaining("reserved");
    }
}
