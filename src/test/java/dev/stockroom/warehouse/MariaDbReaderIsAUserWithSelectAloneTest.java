package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.mysql.MySqlDialect;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB attacks against the connection user queries run on, with the root URL the
 * tests use: they run as a user Stockroom creates with SELECT alone (no FILE privilege), and the
 * server's prepared statements take one statement.
 */
class MariaDbReaderIsAUserWithSelectAloneTest {

    private static String url;
    private static MySqlDialect dialect;
    /** The project's schema {@code web} as MariaDB names it (dw__web). */
    private static String web;
    private static final Path MARKER = Path.of("/tmp", "stockroom-outfile-" + UUID.randomUUID());

    @BeforeAll
    static void warehouse() throws Exception {
        url = TestDatabases.mysqlUrl();
        dialect = new MySqlDialect(url);
        web = "`" + dialect.namespace().schema("web") + "`";
        try (Warehouse w = Warehouse.open(dialect)) {
            w.execute("CREATE DATABASE " + web);
            w.execute("CREATE TABLE " + web + ".sales (id INT PRIMARY KEY)");
            w.execute("INSERT INTO " + web + ".sales VALUES (1), (2), (3), (4), (5)");
            // A neighbouring project whose name starts alike.
            w.execute("CREATE DATABASE " + neighbour());
            w.execute("CREATE TABLE " + neighbour() + ".sales (id INT)");
        }
    }

    @Test
    void load_file_shows_nothing_and_into_outfile_creates_no_file() throws Exception {
        assertThat(ReaderQueries.capped(dialect, "SELECT LOAD_FILE('/etc/passwd')"))
                .containsExactly(java.util.Arrays.asList((Object) null));
        ReaderQueries.refused(dialect, "SELECT * FROM " + web + ".sales INTO OUTFILE '" + MARKER + "'");
        ReaderQueries.refused(dialect, "SELECT * FROM " + web + ".sales INTO DUMPFILE '" + MARKER + "'");
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void several_statements_in_one_request_are_refused_by_the_server() throws Exception {
        ReaderQueries.refused(dialect, "SELECT 1; DELETE FROM " + web + ".sales");
        ReaderQueries.refused(dialect, "SELECT '\\''; DELETE FROM " + web + ".sales -- '");
        ReaderQueries.refused(dialect, "SELECT 1; SELECT 2");
        assertThat(ReaderQueries.capped(dialect, "SELECT COUNT(*) FROM " + web + ".sales")).containsExactly(List.of(5L));
    }

    @Test
    void nothing_is_written_whatever_the_session_is_switched_to() throws Exception {
        ReaderQueries.refused(dialect, "DELETE FROM " + web + ".sales");
        try (Warehouse r = Warehouse.openReadOnly(dialect); Statement s = r.connection().createStatement()) {
            // The session may be switched back to read-write: the user's privileges still refuse the write.
            s.execute("SET SESSION TRANSACTION READ WRITE");
            assertThatThrownBy(() -> s.execute("DELETE FROM " + web + ".sales")).hasMessageContaining("denied");
        }
        ReaderQueries.refused(dialect, "CREATE TABLE " + web + ".more (x INT)");
        ReaderQueries.refused(dialect, "DROP DATABASE " + web);
        ReaderQueries.refused(dialect, "GRANT ALL ON *.* TO CURRENT_USER");
        assertThat(ReaderQueries.capped(dialect, "SELECT COUNT(*) FROM " + web + ".sales")).containsExactly(List.of(5L));
    }

    @Test
    void queries_run_as_the_reader_user_which_cannot_read_its_own_password() throws Exception {
        Object who = ReaderQueries.capped(dialect, "SELECT CURRENT_USER()").get(0).get(0);
        assertThat(who.toString()).startsWith("stockroom_reader_");
        ReaderQueries.refused(dialect, "SELECT * FROM " + dialect.namespace().project() + ".stockroom_reader_login");
        assertThat(ReaderQueries.capped(dialect, "SELECT COUNT(*) FROM " + dialect.namespace().schema("stockroom") + ".runs")).containsExactly(List.of(0L));
    }

    @AfterAll
    static void dropNeighbour() {
        TestDatabases.dropMysqlSchemas(dialect.namespace().project() + "_x__web");
    }

    @Test
    void another_projects_tables_cannot_be_read() throws Exception {
        ReaderQueries.refused(dialect, "SELECT COUNT(*) FROM " + neighbour() + ".sales");
    }

    private static String neighbour() {
        return "`" + dialect.namespace().project() + "_x__web`";
    }

    @Test
    void a_reader_url_naming_a_user_that_can_write_is_refused() {
        MySqlDialect rootReader = (MySqlDialect) new MySqlDialect(url).withReaderUrl(url);
        assertThatThrownBy(() -> Warehouse.openReadOnly(rootReader)).hasMessageContaining("dashboard.warehouse")
                .hasMessageContaining("holds");
    }
}
