package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees from the commands: exit codes, help, errors, and the example project. */
class CommandLineTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    String config() {
        return dir.resolve("stockroom.yml").toString();
    }

    @Test
    void every_command_has_help_with_examples() {
        for (String command : new String[] {"init", "check", "sync", "status", "sql", "schedule", "crontab"}) {
            out.reset();
            assertThat(Main.run(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("Usage: stockroom " + command).contains("Examples:");
        }
    }

    @Test
    void an_unknown_option_is_a_usage_error_exit_2() {
        assertThat(Main.run("sync", "--sinse", "2024-01-01")).isEqualTo(2);
    }

    @Test
    void a_typo_in_the_config_exits_2_naming_file_line_and_key() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), "sources:\n  - name: x\n    type: files\n    stream: []\n");
        assertThat(Main.run("check", "--config", config())).isEqualTo(2);
        assertThat(err.toString()).contains("stockroom.yml:4").contains("'stream'").contains("did you mean 'streams'?");
    }

    @Test
    void a_self_hosted_vendor_without_its_address_names_the_missing_key() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), "sources:\n  - name: blog\n    type: ghost\n"
                + "    admin_api_key: \"6489f2a1c0ffee0001de7a01:2d3c4b5a\"\n");
        assertThat(Main.run("check", "--config", config())).isEqualTo(2);
        assertThat(err.toString()).contains("stockroom.yml:2").contains("missing required key 'base_url'");
    }

    @Test
    void an_unknown_source_type_suggests_the_nearest() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), "sources:\n  - name: x\n    type: file\n");
        assertThat(Main.run("sync", "--config", config())).isEqualTo(2);
        assertThat(err.toString()).contains("stockroom.yml:3").contains("did you mean 'files'?");
    }

    @Test
    void init_writes_a_project_and_never_overwrites() throws Exception {
        assertThat(Main.run("init", dir.toString())).isZero();
        assertThat(dir.resolve("stockroom.yml")).exists();
        assertThat(dir.resolve("models")).isDirectory();
        assertThat(dir.resolve("dashboards")).isDirectory();
        assertThat(Main.run("check", "--config", config())).isZero();
        assertThat(Main.run("sync", "--config", config())).isZero();
        Files.writeString(dir.resolve("stockroom.yml"), "# mine\n");
        assertThat(Main.run("init", dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("stockroom.yml"))).isEqualTo("# mine\n");
    }

    @Test
    void the_example_loads_and_a_second_sync_prints_the_same_query_output() throws Exception {
        Path example = copyExample();
        String cfg = example.resolve("stockroom.yml").toString();
        assertThat(Main.run("sync", "--config", cfg)).isZero();
        String query = "SELECT m.email, m.plan, s.status, s.open_rate FROM site.members m "
                + "JOIN exports.subscribers s ON s.email = m.email ORDER BY m.email";
        out.reset();
        assertThat(Main.run("sql", "--config", cfg, "--format", "csv", query)).isZero();
        String first = out.toString();
        assertThat(first).contains("ann@example.com,paid,subscribed,0.61").contains("ben@example.com,free,unsubscribed");
        assertThat(Main.run("sync", "--config", cfg)).isZero();
        out.reset();
        assertThat(Main.run("sql", "--config", cfg, "--format", "csv", query)).isZero();
        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void sql_is_read_only() throws Exception {
        Path example = copyExample();
        String cfg = example.resolve("stockroom.yml").toString();
        assertThat(Main.run("sync", "--config", cfg)).isZero();
        assertThat(Main.run("sql", "--config", cfg, "DELETE FROM site.members")).isEqualTo(1);
        out.reset();
        assertThat(Main.run("sql", "--config", cfg, "--format", "json", "SELECT COUNT(*) AS n FROM site.members")).isZero();
        assertThat(out.toString().trim()).isEqualTo("{\"n\":5}");
    }

    @Test
    void status_shows_each_stream_and_fail_if_stale_exits_4() throws Exception {
        Path example = copyExample();
        String cfg = example.resolve("stockroom.yml").toString();
        assertThat(Main.run("sync", "--config", cfg)).isZero();
        out.reset();
        assertThat(Main.run("status", "--config", cfg, "--fail-if-stale")).isZero();
        assertThat(out.toString()).contains("site.members").contains("exports.subscribers").contains("ok");
        // Pretend the last complete day is a week old.
        try (var w = dev.stockroom.warehouse.Warehouse.open(new dev.stockroom.warehouse.duckdb.DuckDbDialect(
                example.resolve("warehouse.duckdb"), "256MB")); var s = w.connection().createStatement()) {
            s.execute("UPDATE stockroom.state SET newest_complete_day = current_date - 7 WHERE stream = 'members'");
        }
        out.reset();
        assertThat(Main.run("status", "--config", cfg, "--fail-if-stale")).isEqualTo(4);
        assertThat(out.toString()).contains("stale");
    }

    private Path copyExample() throws Exception {
        Path source = Path.of("examples/newsletter");
        Path target = dir.resolve("newsletter");
        try (var files = Files.walk(source)) {
            for (Path p : files.toList()) {
                if (p.getFileName().toString().startsWith("warehouse.duckdb")) {
                    continue;
                }
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }
}
