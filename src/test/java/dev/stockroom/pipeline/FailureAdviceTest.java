package dev.stockroom.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stockroom.source.SqlFaults;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice a failed stream gets, from errors real servers raise. */
class FailureAdviceTest {

    @TempDir
    Path dir;

    private FailureAdvice duckDb() {
        return new FailureAdvice(Dialect.forUrl("duckdb:w.duckdb", dir, "256MB"), dir.resolve("spool"));
    }

    @Test
    void a_missing_database_needs_the_owner_on_postgresql_and_mariadb() {
        String pg = TestDatabases.postgresUrl().replaceFirst("/(\\w+)(\\?|$)", "/no_such_db_cron$2");
        SQLException missing = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(pg).close());
        assertThat(missing.getMessage()).contains("does not exist");
        assertThat(SqlFaults.isTransient(missing)).isFalse();

        String my = TestDatabases.mysqlUrl().replaceFirst("/(\\w+)(\\?|$)", "/no_such_db_cron$2");
        SQLException unknown = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(my).close());
        assertThat(SqlFaults.isTransient(unknown)).as(unknown.getSQLState() + " " + unknown.getMessage()).isFalse();
    }

    @Test
    void an_unknown_table_needs_the_owner() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl()); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
            assertThat(SqlFaults.isTransient(e)).isFalse();
            assertThat(duckDb().isTransient(e)).isFalse();
        }
    }

    @Test
    void a_killed_backend_names_the_warehouse_and_says_the_next_run_retries() throws Exception {
        String url = TestDatabases.postgresUrl();
        try (Connection victim = DriverManager.getConnection(url); Connection admin = DriverManager.getConnection(url);
             Statement s = victim.createStatement()) {
            var rs = s.executeQuery("SELECT pg_backend_pid()");
            rs.next();
            admin.createStatement().execute("SELECT pg_terminate_backend(" + rs.getInt(1) + ")");
            SQLException dropped = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT 1"));
            FailureAdvice advice = new FailureAdvice(Dialect.forUrl(url, dir, "256MB"), dir);
            assertThat(advice.describe(new Exception(dropped)))
                    .startsWith("lost the connection to the warehouse PostgreSQL")
                    .contains("the next run retries from the last committed chunk");
            assertThat(advice.isTransient(dropped)).isTrue();
        }
    }

    @Test
    void a_full_disk_names_the_folder_and_how_much_is_free() {
        IOException spooling = new IOException("No space left on device");
        String message = duckDb().describe(new RuntimeException("spool write failed", spooling));
        assertThat(message).startsWith("the disk is full: " + dir.resolve("spool") + " has ")
                .containsPattern("has [\\d,]+ (MB|bytes) free").contains("-Djava.io.tmpdir");
        assertThat(duckDb().isTransient(spooling)).isFalse();

        SQLException duck = new SQLException("IO Error: could not write file: No space left on device");
        assertThat(duckDb().describe(duck)).startsWith("the disk is full: " + dir + " has ");
    }
}
