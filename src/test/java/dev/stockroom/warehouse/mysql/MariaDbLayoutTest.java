package dev.stockroom.warehouse.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MariaDB layout as a server sees it: what a project creates, and what its reader can reach. */
class MariaDbLayoutTest {

    @TempDir
    Path dir;

    private Path config(String url) throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/people.csv"), "id,name\n1,ann\n");
        Path file = dir.resolve("stockroom.yml");
        Files.writeString(file, "warehouse: \"" + url + "\"\nsources:\n  - name: exports\n    type: files\n"
                + "    streams:\n      - {name: people, path: \"in/people.csv\", primary_key: id}\n");
        return file;
    }

    @Test
    void a_url_without_a_database_is_a_configuration_error_that_shows_the_fix() throws Exception {
        String server = TestDatabases.mysqlUrl().replaceFirst("/sr_test_[0-9a-f]+", "/");
        Path file = config(server);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(Main.run("sync", "--config", file.toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString()).contains("stockroom.yml: warehouse: the URL names no database")
                .contains("jdbc:mariadb://127.0.0.1:3306/dw?user=dw");
    }

    @Test
    void a_source_whose_database_name_would_pass_64_characters_is_a_configuration_error() throws Exception {
        String url = TestDatabases.mysqlUrl();
        Path file = config(url);
        String source = "s".repeat(64 - url.replaceFirst("^.*/(sr_test_[0-9a-f]+).*$", "$1").length() - 1);
        Files.writeString(file, Files.readString(file).replace("name: exports", "name: " + source));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(Main.run("sync", "--config", file.toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString()).contains("source " + source).contains("65 characters").contains("shorten");
    }

    @Test
    void a_first_sync_creates_the_urls_database_and_no_database_outside_the_project() throws Exception {
        String taken = TestDatabases.mysqlUrl();
        String project = taken.replaceFirst("^.*/(sr_test_[0-9a-f]+).*$", "$1") + "new";
        String url = taken.replaceFirst("/sr_test_[0-9a-f]+", "/" + project);
        try {
            Path file = config(url);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            System.setErr(new PrintStream(err, true));
            try {
                assertThat(Main.run("status", "--config", file.toString())).isEqualTo(1);
            } finally {
                System.setErr(original);
            }
            assertThat(err.toString()).contains("the database '" + project + "' does not exist yet")
                    .contains("run 'stockroom sync' first");
            assertThat(TestDatabases.mysqlProjectDatabases(url)).as("reading creates nothing").isEmpty();

            assertThat(Main.run("sync", "--config", file.toString())).isZero();
            assertThat(TestDatabases.mysqlProjectDatabases(url))
                    .containsExactly(project, project + "__exports", project + "__stockroom");
            assertThat(strings(taken, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name IN "
                    + "('exports', 'stockroom', 'analytics')")).containsExactly("0");
            assertThat(strings(url, "SELECT name FROM " + project + "__exports.people")).containsExactly("ann");
        } finally {
            for (String name : TestDatabases.mysqlProjectDatabases(url)) {
                execute(taken, "DROP DATABASE `" + name + "`");
            }
        }
    }

    @Test
    void a_reader_granted_the_projects_pattern_sees_its_databases_and_not_a_neighbour_whose_name_starts_alike()
            throws Exception {
        String url = TestDatabases.mysqlUrl();
        String project = url.replaceFirst("^.*/(sr_test_[0-9a-f]+).*$", "$1");
        assertThat(Main.run("sync", "--config", config(url).toString())).isZero();
        // A neighbour project named project_x, with a source of the same name.
        String neighbour = project + "_x__exports";
        String reader = "sr_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String pattern = new MySqlDialect(url).namespace().likePattern();
        execute(url, "CREATE DATABASE " + neighbour, "CREATE TABLE " + neighbour + ".people (id INT)",
                "CREATE USER '" + reader + "'@'%'",
                "GRANT SELECT ON `" + project + "`.* TO '" + reader + "'@'%'",
                "GRANT SELECT ON `" + pattern + "`.* TO '" + reader + "'@'%'");
        try {
            String readerUrl = url.replaceFirst("user=[^&]*", "user=" + reader);
            assertThat(strings(readerUrl, "SHOW DATABASES")).contains(project, project + "__exports",
                    project + "__stockroom").doesNotContain(neighbour);
            assertThat(strings(readerUrl, "SELECT name FROM " + project + "__exports.people")).containsExactly("ann");
        } finally {
            execute(url, "DROP USER '" + reader + "'@'%'", "DROP DATABASE " + neighbour);
        }
    }

    @Test
    void run_locks_of_two_projects_with_a_source_of_the_same_name_are_distinct() throws Exception {
        Dialect one = new MySqlDialect(TestDatabases.mysqlUrl());
        Dialect two = new MySqlDialect(TestDatabases.mysqlUrl());
        try (AutoCloseable held = one.tryLock("site").orElseThrow()) {
            assertThat(one.tryLock("site")).isEmpty();
            try (AutoCloseable other = two.tryLock("site").orElseThrow()) {
                assertThat(other).isNotNull();
            }
        }
    }

    private static void execute(String url, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> strings(String url, String sql) throws Exception {
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
