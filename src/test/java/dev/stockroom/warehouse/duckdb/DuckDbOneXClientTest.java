package dev.stockroom.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.warehouse.Warehouse;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synced DuckDB warehouse opens in a DuckDB 1.x client: the 1.x JDBC driver (copied into
 * target/duckdb-1x by the build) in a child JVM, as Metabase's driver or Evidence would open it.
 */
class DuckDbOneXClientTest {

    private static final Path ONE_X = Path.of("target", "duckdb-1x", "duckdb_jdbc-1x.jar");

    @TempDir
    Path dir;

    @Test
    void a_synced_warehouse_opens_read_only_in_duckdb_1x_with_its_types_intact() throws Exception {
        Files.createDirectories(dir.resolve("exports"));
        Files.writeString(dir.resolve("exports/orders.csv"), """
                id,day,paid_at,amount,note
                1,2024-05-01,2024-05-01T10:15:00Z,12.50,first
                2,2024-05-02,2024-05-02T23:59:59Z,7.25,second
                """);
        Files.writeString(dir.resolve("stockroom.yml"), """
                warehouse: duckdb:warehouse.duckdb
                sources:
                  - name: shop
                    type: files
                    streams:
                      - { name: orders, path: exports/orders.csv, primary_key: id }
                """);
        assertThat(Main.run("sync", "--config", dir.resolve("stockroom.yml").toString())).isZero();
        Path file = dir.resolve("warehouse.duckdb");
        assertThat(DuckDbStorage.headerVersion(file)).hasValue(DuckDbStorage.HEADER_VERSION);

        String out = readWithOneX(file, "SELECT id, day, paid_at, amount, note FROM shop.orders ORDER BY id");
        assertThat(out).contains("version v1.");
        assertThat(out).contains("row BIGINT=1|DATE=2024-05-01|TIMESTAMP WITH TIME ZONE=2024-05-01T10:15Z|")
                .contains("DECIMAL(38,9)=12.500000000").contains("VARCHAR=second");
    }

    @Test
    void a_file_in_duckdb_2_0_format_is_converted_once_and_keeps_its_rows() throws Exception {
        Path file = dir.resolve("old.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.orders AS SELECT range AS id, 'n' || range AS note FROM range(1000)");
        }
        assertThat(DuckDbStorage.headerVersion(file).getAsLong()).isGreaterThan(DuckDbStorage.HEADER_VERSION);

        try (Warehouse w = Warehouse.open(new DuckDbDialect(file, "256MB"));
             Statement s = w.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(note) FROM shop.orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
            assertThat(rs.getString(2)).isEqualTo("n999");
        }
        assertThat(DuckDbStorage.headerVersion(file)).hasValue(DuckDbStorage.HEADER_VERSION);
        assertThat(dir.resolve("old.duckdb.converting")).doesNotExist();
        assertThat(DuckDbStorage.convertIfNewer(file)).as("a converted file is left alone").isFalse();
        assertThat(readWithOneX(file, "SELECT COUNT(*) FROM shop.orders")).contains("row BIGINT=1000");
    }

    private static String readWithOneX(Path file, String sql) throws Exception {
        assertThat(ONE_X).as("the build copies a DuckDB 1.x driver here (mvn generate-test-resources)").exists();
        String cp = ONE_X.toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=UTC", "-cp", cp, OneXReader.class.getName(), file.toString(), sql).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out;
    }
}
