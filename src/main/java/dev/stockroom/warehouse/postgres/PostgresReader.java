package dev.stockroom.warehouse.postgres;

import dev.stockroom.warehouse.JdbcUrls;
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
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * The PostgreSQL connection user queries run on: a login of its own that holds only USAGE on the
 * database's schemas and SELECT on their tables, never a superuser nor the writer.
 *
 * <p>With {@code dashboard.warehouse} that login is the owner's. Otherwise Stockroom keeps one per
 * database, {@code stockroom_reader_<database>} (role names are cluster-wide), created through the
 * warehouse URL when its user may create roles, with a generated password kept in
 * {@code stockroom.reader_login}, a table only the writer can read. {@code SET ROLE} or
 * {@code SET SESSION AUTHORIZATION} on the writer's connection would not do: user SQL could
 * {@code RESET} them. Every connection is checked before use and refused when it could write or
 * reach the server's files or programs, whoever set it up.
 */
final class PostgresReader {

    private static final String SERVER_ROLES = "pg_read_server_files, pg_write_server_files, pg_execute_server_program";
    private static final String USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String ownerUrl;
    private final String explicitUrl;
    private volatile Login login;

    /** A generated reader's credentials. */
    private record Login(String role, String password) {
    }

    PostgresReader(String ownerUrl, String explicitUrl) {
        this.ownerUrl = ownerUrl;
        this.explicitUrl = explicitUrl;
    }

    Connection open() throws SQLException {
        if (explicitUrl != null) {
            return checked(DriverManager.getConnection(explicitUrl), "dashboard.warehouse");
        }
        Login current = login;
        if (current == null) {
            current = setUp();
        }
        Connection c;
        try {
            c = connect(current);
        } catch (SQLException e) {
            if (!String.valueOf(e.getSQLState()).startsWith("28")) {
                throw e;
            }
            // The password changed or the role was dropped: set it up again.
            current = setUp();
            c = connect(current);
        }
        if (missesGrants(c)) {
            // A schema or table appeared since the grants (a new source, a model).
            c.close();
            current = setUp();
            c = connect(current);
        }
        return checked(c, "the reader role " + current.role());
    }

    private Connection connect(Login l) throws SQLException {
        return DriverManager.getConnection(JdbcUrls.withParameters(ownerUrl,
                Map.of("user", l.role(), "password", l.password()), Set.of()));
    }

    /** Refuses a connection that could write or reach files and programs; makes the rest read-only sessions. */
    private static Connection checked(Connection c, String what) throws SQLException {
        try {
            String problem = problem(c);
            if (problem != null) {
                throw new SQLException("PostgreSQL: " + what + " (user " + currentUser(c) + ") " + problem
                        + "; user queries run only as a user that can read and do nothing else");
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static String problem(Connection c) throws SQLException {
        if (c.unwrap(PGConnection.class).getPreferQueryMode() == PreferQueryMode.SIMPLE) {
            return "uses preferQueryMode=simple, which runs several statements from one text";
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT r.rolsuper, r.rolcreaterole OR r.rolcreatedb, "
                        + "pg_has_role(current_user, 'pg_read_server_files', 'USAGE') "
                        + "OR pg_has_role(current_user, 'pg_write_server_files', 'USAGE') "
                        + "OR pg_has_role(current_user, 'pg_execute_server_program', 'USAGE'), "
                        + "has_database_privilege(current_database(), 'CREATE'), "
                        + "(SELECT string_agg(n.nspname || '.' || c.relname, ', ') FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
                        + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (has_table_privilege(c.oid, 'INSERT') "
                        + "OR has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') "
                        + "OR has_table_privilege(c.oid, 'TRUNCATE'))), "
                        + "(SELECT string_agg(n.nspname, ', ') FROM pg_namespace n WHERE " + USER_SCHEMAS
                        // PostgreSQL before 15 lets PUBLIC create in schema public; Stockroom writes no table there.
                        + " AND n.nspname <> 'public' AND has_schema_privilege(n.oid, 'CREATE')) "
                        + "FROM pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return "is a superuser";
            }
            if (rs.getBoolean(2)) {
                return "may create roles or databases";
            }
            if (rs.getBoolean(3)) {
                return "holds one of " + SERVER_ROLES;
            }
            if (rs.getBoolean(4)) {
                return "may create schemas in the database";
            }
            if (rs.getString(5) != null) {
                return "may write to " + rs.getString(5);
            }
            if (rs.getString(6) != null) {
                return "may create tables in schema " + rs.getString(6);
            }
            return null;
        }
    }

    private static boolean missesGrants(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace n WHERE " + USER_SCHEMAS
                        + " AND NOT has_schema_privilege(n.oid, 'USAGE')) OR EXISTS (SELECT 1 FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
                        + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT (n.nspname = 'stockroom' "
                        + "AND c.relname = 'reader_login') AND NOT has_table_privilege(c.oid, 'SELECT'))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Creates or repairs the reader role, idempotently, through the warehouse URL. */
    private synchronized Login setUp() throws SQLException {
        try (Connection owner = DriverManager.getConnection(ownerUrl)) {
            owner.setAutoCommit(true);
            String database = text(owner, "SELECT current_database()");
            String user = text(owner, "SELECT current_user");
            String role = roleName(database);
            List<String> schemas = schemas(owner);
            if (!flag(owner, "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
                throw new SQLException(instructions(user, database, role, schemas));
            }
            String q = quote(role);
            try (Statement s = owner.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS stockroom");
                s.execute("CREATE TABLE IF NOT EXISTS stockroom.reader_login "
                        + "(role_name text PRIMARY KEY, password text NOT NULL)");
                s.execute("REVOKE ALL ON stockroom.reader_login FROM PUBLIC");
            }
            try (PreparedStatement ps = owner.prepareStatement(
                    "INSERT INTO stockroom.reader_login VALUES (?, ?) ON CONFLICT (role_name) DO NOTHING")) {
                ps.setString(1, role);
                ps.setString(2, password());
                ps.executeUpdate();
            }
            String password;
            try (PreparedStatement ps = owner.prepareStatement(
                    "SELECT password FROM stockroom.reader_login WHERE role_name = ?")) {
                ps.setString(1, role);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    password = rs.getString(1);
                }
            }
            try (Statement s = owner.createStatement()) {
                s.execute("DO $$ BEGIN CREATE ROLE " + q + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
                // The password is base64url: no quote can end the literal.
                s.execute("ALTER ROLE " + q + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT "
                        + "NOREPLICATION NOBYPASSRLS PASSWORD '" + password + "'");
                s.execute("ALTER ROLE " + q + " SET default_transaction_read_only = on");
                s.execute("REVOKE " + SERVER_ROLES + " FROM " + q);
                s.execute("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + q);
                for (String schema : schemas(owner)) {
                    String qs = quote(schema);
                    s.execute("GRANT USAGE ON SCHEMA " + qs + " TO " + q);
                    s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + qs + " TO " + q);
                    s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + qs + " GRANT SELECT ON TABLES TO " + q);
                }
                s.execute("REVOKE ALL ON stockroom.reader_login FROM " + q);
            }
            Login made = new Login(role, password);
            login = made;
            return made;
        }
    }

    /** {@code stockroom_reader_<database>}, within PostgreSQL's 63 characters. */
    static String roleName(String database) {
        String name = "stockroom_reader_" + database.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.length() <= 63) {
            return name;
        }
        return name.substring(0, 54) + "_" + Integer.toHexString(database.hashCode());
    }

    /** What to run by hand when the warehouse user may not create roles. */
    static String instructions(String user, String database, String role, List<String> schemas) {
        String list = schemas.isEmpty() ? "stockroom, analytics, <each source>" : String.join(", ",
                schemas.stream().map(PostgresReader::quote).toList());
        return "PostgreSQL: the warehouse user " + quote(user) + " may not create roles, so Stockroom cannot set up "
                + "the read-only role that dashboard and 'stockroom sql' queries run as (they never run as the "
                + "writer). Either set dashboard.warehouse to the URL of a user that can only read, or have a "
                + "superuser run, in database " + quote(database) + ":\n"
                + "  CREATE ROLE " + quote(role) + " LOGIN NOINHERIT PASSWORD 'choose-a-password';\n"
                + "  GRANT CONNECT ON DATABASE " + quote(database) + " TO " + quote(role) + ";\n"
                + "  GRANT USAGE ON SCHEMA " + list + " TO " + quote(role) + ";\n"
                + "  GRANT SELECT ON ALL TABLES IN SCHEMA " + list + " TO " + quote(role) + ";\n"
                + "  ALTER DEFAULT PRIVILEGES FOR ROLE " + quote(user) + " GRANT SELECT ON TABLES TO "
                + quote(role) + ";\n"
                + "then set dashboard.warehouse: \"jdbc:postgresql://HOST:PORT/" + database + "?user=" + role
                + "&password=${STOCKROOM_READER_PASSWORD}\" (grant USAGE on each new source's schema too)";
    }

    private static List<String> schemas(Connection owner) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = owner.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS + " ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String currentUser(Connection c) {
        try {
            return text(c, "SELECT current_user");
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean flag(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
