package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB attacks against the connection every user query runs on. Each runs twice: as a
 * plain {@link Statement} on the reader (which would run several statements), and through
 * {@link CappedQuery} (what the dashboard and {@code stockroom sql} do). Either way nothing is
 * written, no file is read or created, and no setting changes.
 */
class DuckDbReaderCannotWriteReadFilesOrChangeItsSettingsTest {

    @TempDir
    Path dir;

    private DuckDbDialect dialect;

    @BeforeEach
    void warehouse() throws Exception {
        dialect = new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB");
        try (Warehouse w = Warehouse.open(dialect)) {
            w.execute("CREATE SCHEMA web");
            w.execute("CREATE TABLE web.sales AS SELECT range AS id FROM range(5)");
        }
    }

    @Test
    void commit_then_delete_hidden_behind_a_dollar_quote_deletes_nothing() throws Exception {
        attack("SELECT $$'$$ ; COMMIT; DELETE FROM web.sales --'");
        attack("COMMIT; DELETE FROM web.sales");
        attack("DELETE FROM web.sales");
        attack("CREATE TABLE web.more AS SELECT 1");
        assertThat(sales()).isEqualTo(5);
    }

    @Test
    void the_process_environment_cannot_be_read() throws Exception {
        List<String> shown = new ArrayList<>();
        for (String sql : List.of("SELECT * FROM read_text('/proc/self/environ')",
                "SELECT content FROM read_blob('/proc/self/environ')",
                "SELECT * FROM read_csv('/proc/self/environ')", "SELECT getenv('PATH')")) {
            try (Warehouse r = Warehouse.openReadOnly(dialect); Statement s = r.connection().createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    shown.add(rs.getString(1));
                }
            } catch (SQLException refused) {
                assertThat(refused.getMessage()).doesNotContain(System.getenv("PATH"));
            }
            assertThatThrownBy(() -> capped(sql)).isInstanceOf(SQLException.class);
        }
        assertThat(shown).isEmpty();
    }

    @Test
    void copy_to_and_attach_create_no_file() throws Exception {
        Path out = dir.resolve("out.csv");
        Path attached = dir.resolve("other.duckdb");
        attack("COPY (SELECT * FROM web.sales) TO '" + out + "'");
        attack("COPY web.sales TO '" + out + "' (FORMAT csv)");
        attack("ATTACH '" + attached + "' AS other");
        attack("SELECT 1; COPY (SELECT 1) TO '" + out + "'");
        assertThat(out).doesNotExist();
        assertThat(attached).doesNotExist();
    }

    @Test
    void extensions_cannot_be_installed_or_loaded() throws Exception {
        attack("INSTALL httpfs");
        attack("LOAD httpfs");
        attack("FORCE INSTALL postgres_scanner");
    }

    @Test
    void settings_cannot_be_turned_back_on() throws Exception {
        attack("SET enable_external_access = true");
        attack("RESET enable_external_access");
        attack("SET lock_configuration = false");
        attack("SET access_mode = 'READ_WRITE'");
        try (Warehouse r = Warehouse.openReadOnly(dialect)) {
            try (Statement s = r.connection().createStatement()) {
                s.execute("SET enable_external_access = true");
            } catch (SQLException expected) {
                // refused, as above
            }
            try (Statement s = r.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('enable_external_access'), "
                    + "current_setting('lock_configuration'), current_setting('access_mode')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("false");
                assertThat(rs.getString(2)).isEqualTo("true");
                assertThat(rs.getString(3)).isEqualToIgnoringCase("read_only");
            }
        }
    }

    @Test
    void the_engine_refuses_a_second_statement_even_a_harmless_one() throws Exception {
        assertThatThrownBy(() -> capped("SELECT 1; SELECT 2")).hasMessageContaining("one statement");
        assertThatThrownBy(() -> capped("SELECT $$;$$ AS a; SELECT 2")).hasMessageContaining("one statement");
        assertThat(capped("SELECT $$;$$ AS a")).containsExactly(List.of(";"));
        assertThat(capped("FROM web.sales SELECT count(*) AS n")).containsExactly(List.of(5L));
    }

    private void attack(String sql) throws Exception {
        ReaderQueries.refused(dialect, sql);
    }

    private List<List<Object>> capped(String sql) throws Exception {
        return ReaderQueries.capped(dialect, sql);
    }

    private long sales() throws Exception {
        try (Warehouse w = Warehouse.open(dialect); Statement s = w.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM web.sales")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
