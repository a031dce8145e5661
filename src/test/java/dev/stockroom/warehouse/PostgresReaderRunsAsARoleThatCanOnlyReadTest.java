package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.postgres.PostgresDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL attacks against the connection user queries run on, with a superuser
 * warehouse URL (the common case): they run as a reader role Stockroom creates, which holds SELECT
 * and nothing else, so the text tricks that fooled the old guard reach a server that refuses them.
 */
class PostgresReaderRunsAsARoleThatCanOnlyReadTest {

    private static String url;
    private static PostgresDialect dialect;
    private static final List<String> ROLES = new ArrayList<>();
    private static final Path MARKER = Path.of("/tmp", "stockroom-pwned-" + UUID.randomUUID());

    @BeforeAll
    static void warehouse() throws Exception {
        url = TestDatabases.postgresUrl();
        dialect = new PostgresDialect(url);
        try (Warehouse w = Warehouse.open(dialect)) {
            w.execute("CREATE SCHEMA web");
            w.execute("CREATE TABLE web.sales AS SELECT g AS id FROM generate_series(1, 5) g");
        }
    }

    @AfterAll
    static void dropRoles() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String role : ROLES) {
                s.execute("DROP OWNED BY \"" + role + "\"");
                s.execute("DROP ROLE IF EXISTS \"" + role + "\"");
            }
        }
    }

    @Test
    void copy_to_program_behind_an_escape_string_or_a_dollar_quote_runs_nothing() throws Exception {
        String program = "touch " + MARKER;
        ReaderQueries.refused(dialect, "SELECT E'\\'' ; COPY (SELECT 'x') TO PROGRAM '" + program + "' --'");
        ReaderQueries.refused(dialect, "SELECT $$'$$ ; COPY (SELECT 'x') TO PROGRAM '" + program + "' --'");
        ReaderQueries.refused(dialect, "COPY (SELECT 'x') TO PROGRAM '" + program + "'");
        ReaderQueries.refused(dialect, "COPY web.sales TO '" + MARKER + "'");
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void server_files_and_directories_cannot_be_read() throws Exception {
        ReaderQueries.refused(dialect, "SELECT pg_read_file('/etc/passwd')");
        ReaderQueries.refused(dialect, "SELECT pg_read_binary_file('/etc/passwd')");
        ReaderQueries.refused(dialect, "SELECT pg_ls_dir('/')");
        ReaderQueries.refused(dialect, "SELECT lo_import('/etc/passwd')");
    }

    @Test
    void nothing_is_written_whatever_the_session_is_switched_to() throws Exception {
        ReaderQueries.refused(dialect, "DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "COMMIT; DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "SET default_transaction_read_only = off; DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; "
                + "DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "RESET ROLE; DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "SET ROLE postgres; DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "RESET SESSION AUTHORIZATION; DELETE FROM web.sales");
        ReaderQueries.refused(dialect, "CREATE TABLE web.more (x int)");
        ReaderQueries.refused(dialect, "ALTER ROLE CURRENT_USER SUPERUSER");
        assertThat(ReaderQueries.capped(dialect, "SELECT count(*) FROM web.sales")).containsExactly(List.of(5L));
    }

    @Test
    void queries_run_as_the_reader_role_not_as_a_superuser() throws Exception {
        List<List<Object>> who = ReaderQueries.capped(dialect, "SELECT session_user::text, current_user::text, "
                + "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)");
        String role = who.get(0).get(0).toString();
        assertThat(role).startsWith("stockroom_reader_").isEqualTo(who.get(0).get(1));
        assertThat(who.get(0).get(2)).isEqualTo(false);
        ReaderQueries.refused(dialect, "SELECT * FROM stockroom.reader_login");
    }

    @Test
    void a_second_statement_is_refused_before_it_runs() {
        assertThatThrownBy(() -> ReaderQueries.capped(dialect, "SELECT 1; SELECT 2"))
                .hasMessageContaining("one statement");
        assertThatThrownBy(() -> ReaderQueries.capped(dialect, "SELECT E'\\'' ; SELECT 2 --'"))
                .hasMessageContaining("one statement");
    }

    @Test
    void a_table_loaded_after_the_reader_was_set_up_is_readable_at_once() throws Exception {
        assertThat(ReaderQueries.capped(dialect, "SELECT count(*) FROM web.sales")).containsExactly(List.of(5L));
        try (Warehouse w = Warehouse.open(dialect)) {
            w.execute("CREATE SCHEMA IF NOT EXISTS shop");
            w.execute("CREATE TABLE shop.orders AS SELECT 1 AS id");
        }
        assertThat(ReaderQueries.capped(dialect, "SELECT count(*) FROM shop.orders")).containsExactly(List.of(1L));
        // A second process sets the same role up again without harm.
        assertThat(ReaderQueries.capped(new PostgresDialect(url), "SELECT count(*) FROM shop.orders"))
                .containsExactly(List.of(1L));
    }

    @Test
    void an_owner_that_cannot_create_roles_is_told_exactly_what_to_run() throws Exception {
        String owner = "stockroom_owner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ROLES.add(owner);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + owner + " LOGIN");
            s.execute("CREATE SCHEMA owned AUTHORIZATION " + owner);
        }
        PostgresDialect owned = new PostgresDialect(JdbcUrls.withParameters(url, Map.of("user", owner), Set.of()));
        assertThatThrownBy(() -> Warehouse.openReadOnly(owned))
                .hasMessageContaining("may not create roles")
                .hasMessageContaining("CREATE ROLE \"stockroom_reader_")
                .hasMessageContaining("GRANT SELECT ON ALL TABLES IN SCHEMA")
                .hasMessageContaining("ALTER DEFAULT PRIVILEGES FOR ROLE \"" + owner + "\"")
                .hasMessageContaining("dashboard.warehouse");
    }

    @Test
    void a_reader_url_the_owner_gives_is_used_as_it_is() throws Exception {
        String reader = "stockroom_ro_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ROLES.add(reader);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + reader + " LOGIN");
            s.execute("GRANT USAGE ON SCHEMA web TO " + reader);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA web TO " + reader);
        }
        Dialect given = new PostgresDialect(url).withReaderUrl(
                JdbcUrls.withParameters(url, Map.of("user", reader), Set.of()));
        assertThat(ReaderQueries.capped(given, "SELECT session_user::text, count(*) FROM web.sales"))
                .containsExactly(List.of(reader, 5L));
        ReaderQueries.refused(given, "DELETE FROM web.sales");
        ReaderQueries.refused(given, "SELECT pg_read_file('/etc/passwd')");
    }

    @Test
    void a_reader_url_naming_a_superuser_is_refused() {
        PostgresDialect superReader = (PostgresDialect) new PostgresDialect(url).withReaderUrl(url);
        assertThatThrownBy(() -> Warehouse.openReadOnly(superReader)).hasMessageContaining("is a superuser")
                .hasMessageContaining("dashboard.warehouse");
    }
}
