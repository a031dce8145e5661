package dev.stockroom.warehouse.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A server holding the layout of earlier versions (server-wide {@code stockroom} and one database
 * per source). That layout is server-wide by nature, so these tests run alone.
 */
@Isolated("creates the server-wide databases of the old layout, which every new project would see")
class MariaDbLegacyLayoutTest {

    /** The old layout's databases; a source name no other test uses. */
    private static final List<String> LEGACY = List.of("stockroom", "legacy_shop");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private String url;
    private String project;

    @BeforeEach
    void aServerWithTheOldLayout() throws Exception {
        originalErr = System.err;
        url = TestDatabases.mysqlUrl();
        project = url.replaceFirst("^.*/([^/?]+).*$", "$1");
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/orders.csv"), "id,amount\n1,10\n2,20\n");
        Files.writeString(dir.resolve("stockroom.yml"), "warehouse: \"" + url + "\"\nsources:\n"
                + "  - name: legacy_shop\n    type: files\n    streams:\n"
                + "      - {name: orders, path: \"in/orders.csv\", primary_key: id}\n");
        // What an earlier version left: the same tables, in server-wide databases.
        assertThat(sync()).isZero();
        execute("CREATE DATABASE stockroom", "CREATE DATABASE legacy_shop",
                "RENAME TABLE " + project + "__stockroom.runs TO stockroom.runs, "
                        + project + "__stockroom.state TO stockroom.state, "
                        + project + "__stockroom.columns TO stockroom.columns, "
                        + project + "__legacy_shop.orders TO legacy_shop.orders",
                "DROP DATABASE " + project + "__stockroom", "DROP DATABASE " + project + "__legacy_shop");
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void dropTheOldLayout() throws Exception {
        System.setErr(originalErr);
        for (String name : LEGACY) {
            execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    @Test
    void a_sync_stops_with_exit_2_and_the_exact_statements_that_move_the_old_layout_into_the_project()
            throws Exception {
        assertThat(sync()).isEqualTo(2);
        String message = err.toString();
        assertThat(message).contains("layout of earlier versions").contains("stockroom, legacy_shop")
                .contains("CREATE DATABASE IF NOT EXISTS `" + project + "__legacy_shop`")
                .contains("`legacy_shop`.`orders` TO `" + project + "__legacy_shop`.`orders`");
        assertThat(strings("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE '"
                + project + "\\_\\_%'")).as("nothing created beside the old layout").containsExactly("0");

        // Run exactly what the message says, then sync again: the old runs, state and rows carry on.
        execute(statements(message).toArray(String[]::new));
        System.setErr(originalErr);
        assertThat(sync()).isZero();
        assertThat(strings("SELECT COUNT(DISTINCT run_id) FROM `" + project + "__stockroom`.runs")).containsExactly("2");
        assertThat(strings("SELECT SUM(amount) FROM `" + project + "__legacy_shop`.orders")).containsExactly("30");
        assertThat(strings("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema IN ('stockroom', "
                + "'legacy_shop')")).containsExactly("0");
    }

    @Test
    void creating_the_projects_bookkeeping_database_starts_it_empty_and_leaves_the_old_layout_alone()
            throws Exception {
        assertThat(sync()).isEqualTo(2);
        String fresh = err.toString().replaceFirst("(?s).*start this project empty instead: (CREATE DATABASE [^;]+);.*",
                "$1");
        assertThat(fresh).isEqualTo("CREATE DATABASE `" + project + "__stockroom`");
        execute(fresh);
        System.setErr(originalErr);
        assertThat(sync()).isZero();
        assertThat(strings("SELECT COUNT(*) FROM `" + project + "__legacy_shop`.orders")).containsExactly("2");
        assertThat(strings("SELECT COUNT(*) FROM legacy_shop.orders")).containsExactly("2");
        assertThat(strings("SELECT COUNT(DISTINCT run_id) FROM stockroom.runs")).containsExactly("1");
    }

    /** The indented statements of the message, each up to its semicolon. */
    private static List<String> statements(String message) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : message.split("\n")) {
            if (current == null && line.startsWith("  ") && !line.isBlank()) {
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line.strip()).append(' ');
                if (line.strip().endsWith(";")) {
                    out.add(current.toString().strip().replaceAll(";$", ""));
                    current = null;
                }
            }
        }
        assertThat(out).as("statements in: " + message).isNotEmpty();
        return out;
    }

    private int sync() {
        return Main.run("sync", "--config", dir.resolve("stockroom.yml").toString());
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
