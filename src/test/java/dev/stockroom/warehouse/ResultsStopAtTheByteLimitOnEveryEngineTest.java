package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import dev.stockroom.warehouse.mysql.MySqlDialect;
import dev.stockroom.warehouse.postgres.PostgresDialect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory case (a megabyte per row, 3,000 rows) on each engine, in the test JVM's
 * 1 GB heap: rows stream a few at a time, the query stops at the 50 MB byte cap, and the outcome
 * says so.
 */
class ResultsStopAtTheByteLimitOnEveryEngineTest {

    private static final CappedQuery.Limits LIMITS = new CappedQuery.Limits(10_000, 50L << 20, Duration.ofSeconds(60));

    @TempDir
    Path dir;

    @Test
    void duckdb_stops_at_the_byte_limit() throws Exception {
        DuckDbDialect dialect = new DuckDbDialect(dir.resolve("w.duckdb"), "512MB");
        try (Warehouse w = Warehouse.open(dialect)) {
            // creates the file
        }
        assertCut(dialect, "SELECT repeat('x', 1000000) AS x FROM range(3000)");
    }

    @Test
    void postgresql_stops_at_the_byte_limit() throws Exception {
        String url = TestDatabases.postgresUrl();
        PostgresDialect dialect = new PostgresDialect(url);
        try (Warehouse w = Warehouse.open(dialect)) {
            assertCut(dialect, "SELECT repeat('x', 1000000) AS x FROM generate_series(1, 3000)");
        }
    }

    @Test
    void mariadb_stops_at_the_byte_limit() throws Exception {
        String url = TestDatabases.mysqlUrl();
        MySqlDialect dialect = new MySqlDialect(url);
        try (Warehouse w = Warehouse.open(dialect)) {
            // The sequence engine's table, in a database of the project (the reader has no default one).
            assertCut(dialect, "SELECT REPEAT('x', 1000000) AS x FROM `" + dialect.namespace().schema("stockroom")
                    + "`.seq_1_to_3000");
        }
    }

    @Test
    void the_row_limit_stops_a_query_before_the_byte_limit() throws Exception {
        DuckDbDialect dialect = new DuckDbDialect(dir.resolve("rows.duckdb"), "512MB");
        try (Warehouse w = Warehouse.open(dialect)) {
            // creates the file
        }
        AtomicLong rows = new AtomicLong();
        CappedQuery.Limits limits = new CappedQuery.Limits(10, 50L << 20, Duration.ofSeconds(60));
        CappedQuery.Outcome outcome;
        try (Warehouse r = Warehouse.openReadOnly(dialect)) {
            outcome = CappedQuery.run(r, "SELECT * FROM range(1000000000)", limits, (rs, i, t) -> rs.getObject(i),
                    counting(rows));
        }
        assertThat(outcome.cut()).isEqualTo(CappedQuery.Cut.ROWS);
        assertThat(rows.get()).isEqualTo(10);
        assertThat(outcome.message(limits, "row_limit", "byte_limit")).hasValueSatisfying(
                m -> assertThat(m).contains("cut at the row limit").contains("10 rows").contains("row_limit"));
    }

    private static void assertCut(Dialect dialect, String sql) throws Exception {
        AtomicLong rows = new AtomicLong();
        CappedQuery.Outcome outcome;
        try (Warehouse r = Warehouse.openReadOnly(dialect)) {
            outcome = CappedQuery.run(r, sql, LIMITS, (rs, i, t) -> rs.getString(i), counting(rows));
        }
        assertThat(outcome.cut()).as(dialect.name()).isEqualTo(CappedQuery.Cut.BYTES);
        assertThat(rows.get()).isBetween(50L, 54L);
        assertThat(outcome.message(LIMITS, "row_limit", "dashboard.byte_limit")).hasValueSatisfying(
                m -> assertThat(m).contains("cut at the byte limit of 50MB").contains("dashboard.byte_limit"));
    }

    private static CappedQuery.Sink counting(AtomicLong rows) {
        return new CappedQuery.Sink() {
            @Override
            public void columns(java.util.List<String> names) {
            }

            @Override
            public void row(java.util.List<Object> values) {
                rows.incrementAndGet();
            }
        };
    }
}
