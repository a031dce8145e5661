package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard reads in the project's timezone on every warehouse kind: 23:30 UTC on 1 May is
 * 2 May in Berlin, so {@code CAST(ts AS DATE)} buckets it on the 2nd.
 */
class ReadingTimeZoneTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void a_duckdb_reading_session_runs_in_the_projects_timezone() throws Exception {
        Dialect dialect = Dialect.forUrl("duckdb:w.duckdb", dir, "256MB");
        try (Warehouse w = Warehouse.open(dialect)) {
            w.execute("CREATE TABLE t AS SELECT TIMESTAMPTZ '2024-05-01 23:30:00+00' AS ts");
        }
        assertThat(dayOf(dialect, "SELECT CAST(CAST(ts AS DATE) AS VARCHAR) FROM t")).isEqualTo("2024-05-02");
    }

    @Test
    void a_postgres_reading_session_runs_in_the_projects_timezone() throws Exception {
        Dialect dialect = Dialect.forUrl(TestDatabases.postgresUrl(), dir, "256MB");
        assertThat(dayOf(dialect, "SELECT CAST(CAST(TIMESTAMPTZ '2024-05-01 23:30:00+00' AS DATE) AS VARCHAR)"))
                .isEqualTo("2024-05-02");
    }

    @Test
    void a_mariadb_reading_session_runs_at_the_projects_offset() throws Exception {
        Dialect dialect = Dialect.forUrl(TestDatabases.mysqlUrl(), dir, "256MB");
        String offset = BERLIN.getRules().getOffset(java.time.Instant.now()).getId();
        assertThat(dayOf(dialect, "SELECT @@session.time_zone")).isEqualTo(offset);
    }

    private static String dayOf(Dialect dialect, String sql) throws Exception {
        try (Warehouse w = WarehouseAccess.open(ReadConnections.perRequest(dialect), BERLIN);
             Statement s = w.connection().createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
