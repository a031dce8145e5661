package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stockroom sql}: rows stream to stdout, the caps stop the query and say so, writes are refused. */
class SqlCommandStreamsCsvAndStopsAtItsCapsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), "warehouse: duckdb:warehouse.duckdb\n");
        try (Warehouse w = Warehouse.open(new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB"))) {
            w.execute("CREATE SCHEMA web");
            w.execute("CREATE TABLE web.sales AS SELECT range AS id FROM range(5)");
        }
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

    @Test
    void csv_of_two_hundred_megabytes_streams_through_a_48_megabyte_heap() throws Exception {
        Process sql = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sql",
                "--config", dir.resolve("stockroom.yml").toString(), "--format", "csv", "--max-rows", "1000000",
                "--max-bytes", "1GB", "SELECT repeat('x', 1000) AS x FROM range(200000)")
                .redirectError(dir.resolve("err.txt").toFile()).start();
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = sql.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        assertThat(sql.waitFor()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(lines).isEqualTo(200_001);
        assertThat(bytes).isGreaterThan(200_000_000L);
        assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain("cut");
    }

    @Test
    void the_byte_cap_stops_the_query_and_stderr_says_it_was_cut() {
        int code = Main.run("sql", "--config", dir.resolve("stockroom.yml").toString(), "--format", "csv",
                "--max-bytes", "1MB", "SELECT repeat('x', 1000) AS x FROM range(1000000000)");
        assertThat(code).isZero();
        assertThat(err.toString()).contains("cut at the byte limit of 1MB").contains("--max-bytes");
        assertThat(out.toString().split("\n").length).isBetween(1000, 1100);
    }

    @Test
    void the_row_cap_stops_the_query_and_stderr_says_it_was_cut() {
        int code = Main.run("sql", "--config", dir.resolve("stockroom.yml").toString(), "--max-rows", "3",
                "SELECT * FROM web.sales ORDER BY id");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("(3 rows)");
        assertThat(err.toString()).contains("cut at the row limit").contains("--max-rows");
    }

    @Test
    void writes_and_second_statements_are_refused_and_change_nothing() throws Exception {
        for (String query : new String[] {"DELETE FROM web.sales", "SELECT 1; DELETE FROM web.sales",
                "SELECT $$'$$ ; COMMIT; DELETE FROM web.sales --'",
                "COPY web.sales TO '" + dir.resolve("out.csv") + "'"}) {
            assertThat(Main.run("sql", "--config", dir.resolve("stockroom.yml").toString(), query)).as(query)
                    .isEqualTo(1);
        }
        assertThat(err.toString()).contains("query failed");
        assertThat(dir.resolve("out.csv")).doesNotExist();
        out.reset();
        assertThat(Main.run("sql", "--config", dir.resolve("stockroom.yml").toString(), "--format", "csv",
                "SELECT count(*) AS n FROM web.sales")).isZero();
        assertThat(out.toString()).isEqualTo("n\n5\n");
    }

    @Test
    void a_reader_url_on_duckdb_is_a_config_error_naming_the_key() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), "warehouse: duckdb:warehouse.duckdb\n"
                + "dashboard:\n  warehouse: jdbc:postgresql://db/x\n");
        assertThat(Main.run("sql", "--config", dir.resolve("stockroom.yml").toString(), "SELECT 1")).isEqualTo(2);
        assertThat(err.toString()).contains("dashboard.warehouse").contains("read-only instance");
    }

    @Test
    void a_byte_limit_that_is_not_a_size_is_a_usage_error() {
        assertThat(Main.run("sql", "--config", dir.resolve("stockroom.yml").toString(), "--max-bytes", "lots",
                "SELECT 1")).isEqualTo(2);
        assertThat(err.toString()).contains("'lots' is not a size");
    }
}
