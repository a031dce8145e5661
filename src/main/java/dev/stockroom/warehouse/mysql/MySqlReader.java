package dev.stockroom.warehouse.mysql;

import dev.stockroom.warehouse.JdbcUrls;
import dev.stockroom.warehouse.Namespace;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MariaDB/MySQL connection user queries run on: a user holding only SELECT (and SHOW VIEW) on
 * the project's databases, so no FILE privilege ({@code LOAD_FILE}, {@code INTO OUTFILE}), no
 * writes, no other project's tables. One statement per request is the server's: statements are
 * prepared server-side ({@code useServerPrepStmts}) with {@code allowMultiQueries} off, and the
 * server's parser refuses a second statement in a prepared one.
 *
 * <p>With {@code dashboard.warehouse} that user is the owner's; otherwise Stockroom creates
 * {@code stockroom_reader_<database>} for the host the warehouse user connects from, granted
 * SELECT on the project's pattern ({@code dw\_\_%}, see {@link Namespace}), which covers sources
 * added later, and a generated password kept in {@code dw.stockroom_reader_login}: in the URL's
 * database itself, outside the pattern, so the reader cannot read it.
 */
final class MySqlReader {

    /** What every reader connection must have, written into its URL so nothing in the URL undoes it. */
    private static final Map<String, String> SAFE = Map.of("useServerPrepStmts", "true",
            "allowMultiQueries", "false", "allowLocalInfile", "false");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String ownerUrl;
    private final String explicitUrl;
    private final Namespace namespace;
    private volatile Login login;

    private record Login(String user, String host, String password) {
    }

    MySqlReader(String ownerUrl, String explicitUrl, Namespace namespace) {
        this.ownerUrl = ownerUrl;
        this.explicitUrl = explicitUrl;
        this.namespace = namespace;
    }

    Connection open() throws SQLException {
        if (explicitUrl != null) {
            return checked(DriverManager.getConnection(JdbcUrls.withParameters(explicitUrl, SAFE, Set.of())),
                    "dashboard.warehouse");
        }
        Login current = login;
        if (current == null) {
            current = setUp();
        }
        Connection c;
        try {
            c = connect(current);
        } catch (SQLException e) {
            if (!"28000".equals(e.getSQLState())) {
                throw e;
            }
            current = setUp();
            c = connect(current);
        }
        return checked(c, "the reader user " + current.user());
    }

    private Connection connect(Login l) throws SQLException {
        Map<String, String> parameters = new java.util.HashMap<>(SAFE);
        parameters.put("user", l.user());
        parameters.put("password", l.password());
        // No default database: the URL's own holds the reader's password and is not granted to it.
        String serverUrl = ownerUrl.replaceFirst("^(jdbc:[a-z]+://[^/?]*)/[^?]*", "$1/");
        return DriverManager.getConnection(JdbcUrls.withParameters(serverUrl, parameters, Set.of()));
    }

    private static Connection checked(Connection c, String what) throws SQLException {
        try {
            List<String> extra = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE <> 'USAGE' "
                            + "UNION SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES "
                            + "WHERE PRIVILEGE_TYPE NOT IN ('SELECT', 'SHOW VIEW') "
                            + "UNION SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES "
                            + "WHERE PRIVILEGE_TYPE NOT IN ('SELECT', 'SHOW VIEW')")) {
                while (rs.next()) {
                    extra.add(rs.getString(1));
                }
            }
            if (!extra.isEmpty()) {
                throw new SQLException("MariaDB: " + what + " holds " + String.join(", ", extra)
                        + "; user queries run only as a user with SELECT alone");
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
                s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
                s.execute("SET SESSION TRANSACTION READ ONLY");
            }
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private synchronized Login setUp() throws SQLException {
        try (Connection owner = DriverManager.getConnection(ownerUrl)) {
            String host = text(owner, "SELECT SUBSTRING_INDEX(USER(), '@', -1)");
            String user = userName(namespace.project());
            String account = literal(user) + "@" + literal(host);
            String logins = "`" + namespace.project().replace("`", "``") + "`.stockroom_reader_login";
            try (Statement s = owner.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + logins
                        + " (user_name VARCHAR(80) PRIMARY KEY, password VARCHAR(64) NOT NULL)");
            }
            try (PreparedStatement ps = owner.prepareStatement("INSERT IGNORE INTO " + logins + " VALUES (?, ?)")) {
                ps.setString(1, user);
                ps.setString(2, password());
                ps.executeUpdate();
            }
            String password;
            try (PreparedStatement ps = owner.prepareStatement("SELECT password FROM " + logins
                    + " WHERE user_name = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    password = rs.getString(1);
                }
            }
            try (Statement s = owner.createStatement()) {
                // The password is base64url: no quote can end the literal.
                s.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "'");
                s.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
                s.execute("GRANT SELECT, SHOW VIEW ON `" + namespace.likePattern() + "`.* TO " + account);
            } catch (SQLException e) {
                if (e.getErrorCode() == 1227 || e.getErrorCode() == 1044 || e.getErrorCode() == 1045
                        || e.getErrorCode() == 1410) {
                    throw new SQLException(instructions(user, host, namespace), e);
                }
                throw e;
            }
            Login made = new Login(user, host, password);
            login = made;
            return made;
        }
    }

    /** {@code stockroom_reader_<database>}, within MySQL's 32 characters. */
    static String userName(String database) {
        String name = "stockroom_reader_" + database.replaceAll("[^A-Za-z0-9_]", "_");
        return name.length() <= 32 ? name : name.substring(0, 23) + "_" + Integer.toHexString(database.hashCode());
    }

    static String instructions(String user, String host, Namespace namespace) {
        return "MariaDB: the warehouse user may not create users or grant SELECT, so Stockroom cannot set up the "
                + "read-only user that dashboard and 'stockroom sql' queries run as (they never run as the writer). "
                + "Either set dashboard.warehouse to the URL of a user with SELECT alone, or have an administrator "
                + "run:\n  CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'choose-a-password';\n"
                + "  GRANT SELECT, SHOW VIEW ON `" + namespace.likePattern() + "`.* TO '" + user + "'@'" + host
                + "';\nthen set dashboard.warehouse: \"jdbc:mariadb://HOST:PORT/" + namespace.project() + "?user="
                + user + "&password=${STOCKROOM_READER_PASSWORD}\"";
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
