package dev.stockroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

  @Test
  void postgres_url_is_a_fresh_empty_writable_database() throws SQLException {
    String url = TestDatabases.postgresUrl();

    assertThat(strings(url, "SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")).isEmpty();
    assertWritable(url);
  }

  @Test
  void each_postgres_url_is_a_different_database() throws SQLException {
    String first = TestDatabases.postgresUrl();
    String second = TestDatabases.postgresUrl();

    assertThat(first).isNotEqualTo(second);
    assertWritable(first);
    assertWritable(second);
  }

  @Test
  void mysql_url_is_an_empty_writable_database() throws SQLException {
    String url = TestDatabases.mysqlUrl();

    assertThat(strings(url, "SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = DATABASE()")).isEmpty();
    assertWritable(url);
  }

  @Test
  void each_mysql_url_is_a_project_of_its_own_whose_databases_are_listed_apart() throws SQLException {
    String first = TestDatabases.mysqlUrl();
    String second = TestDatabases.mysqlUrl();
    String a = first.replaceFirst("^.*/(sr_test_[0-9a-f]+).*$", "$1");
    String b = second.replaceFirst("^.*/(sr_test_[0-9a-f]+).*$", "$1");
    execute(first, "CREATE DATABASE " + a + "__web", "CREATE DATABASE " + b + "__web");

    assertThat(a).isNotEqualTo(b);
    assertThat(TestDatabases.mysqlProjectDatabases(first)).containsExactly(a, a + "__web");
    assertThat(TestDatabases.mysqlProjectDatabases(second)).containsExactly(b, b + "__web");
  }

  @Test
  void drop_mysql_schemas_drops_only_the_named_ones_and_ignores_missing_ones()
      throws SQLException {
    String url = TestDatabases.mysqlUrl();
    execute(url, "CREATE DATABASE IF NOT EXISTS sr_keep", "CREATE DATABASE IF NOT EXISTS sr_drop");

    TestDatabases.dropMysqlSchemas("sr_drop", "sr_never_existed");

    List<String> left = strings(url, "SELECT schema_name FROM information_schema.schemata");
    assertThat(left).contains("sr_keep").doesNotContain("sr_drop");
    TestDatabases.dropMysqlSchemas("sr_keep");
  }

  @Test
  void with_database_replaces_or_adds_the_database_and_keeps_the_query() {
    assertThat(TestDatabases.withDatabase("jdbc:mariadb://127.0.0.1:3306/?user=root", "x"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/x?user=root");
    assertThat(TestDatabases.withDatabase(
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "x"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
    assertThat(TestDatabases.withDatabase("jdbc:postgresql://db", "x"))
        .isEqualTo("jdbc:postgresql://db/x");
  }

  private static void assertWritable(String url) throws SQLException {
    execute(url, "CREATE TABLE probe (id INTEGER PRIMARY KEY, name VARCHAR(20))",
        "INSERT INTO probe VALUES (1, 'one'), (2, 'two')");
    assertThat(strings(url, "SELECT name FROM probe ORDER BY id")).containsExactly("one", "two");
  }

  private static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static List<String> strings(String url, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
