package dev.stockroom.warehouse.mysql;

import dev.stockroom.warehouse.Column;
import dev.stockroom.warehouse.ColumnType;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.JdbcUrls;
import dev.stockroom.warehouse.Namespace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL. A schema is a database here, named after the URL's database (see
 * {@link Namespace}): {@code jdbc:mariadb://host/dw} keeps source {@code site} in {@code dw__site}.
 * Bulk path: {@code LOAD DATA LOCAL INFILE} from the spool file, converting the few values
 * MariaDB reads differently (booleans, timestamps with an offset, NULL markers) in its
 * {@code SET} clause.
 */
public final class MySqlDialect implements Dialect {

    /** ER_BAD_DB_ERROR */
    private static final int UNKNOWN_DATABASE = 1049;

    private final String url;
    private final Namespace namespace;
    private final MySqlReader reader;

    /** @throws IllegalArgumentException when the URL names no database or one unfit to prefix schemas */
    public MySqlDialect(String url) {
        this(url, null);
    }

    private MySqlDialect(String url, String readerUrl) {
        this.url = url;
        this.namespace = Namespace.prefixed(MySqlUrls.database(url));
        this.reader = new MySqlReader(url, readerUrl, namespace);
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    /** User queries as a user with SELECT alone (see {@link MySqlReader}). */
    @Override
    public Connection openReader(java.time.ZoneId zone) throws SQLException {
        return Dialect.inSessionZone(reader.open(), sessionTimeZone(zone));
    }

    @Override
    public Dialect withReaderUrl(String readerUrl) {
        return new MySqlDialect(url, readerUrl);
    }

    /**
     * MariaDB knows named zones only once its time zone tables are loaded, which most servers
     * skip; the zone's offset now is used instead (a range across a DST change is off by an hour
     * on one side of it).
     */
    @Override
    public String sessionTimeZone(java.time.ZoneId zone) {
        String offset = zone.getRules().getOffset(java.time.Instant.now()).getId();
        return "SET time_zone = '" + (offset.equals("Z") ? "+00:00" : offset) + "'";
    }

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public Connection open(boolean readOnly) throws SQLException {
        Properties props = new Properties();
        props.setProperty("allowLocalInfile", "true");
        props.setProperty("useAffectedRows", "true");
        Connection c = connect(!readOnly, props);
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
            if (readOnly) {
                s.execute("SET SESSION TRANSACTION READ ONLY");
            }
        }
        c.setReadOnly(readOnly);
        return c;
    }

    /**
     * The URL's database is the project's: a writer creates it on first use, as it creates the
     * schemas, so a first sync needs no set-up beyond the grants.
     */
    private Connection connect(boolean create, Properties props) throws SQLException {
        if (create) {
            props.setProperty("createDatabaseIfNotExist", "true");
        }
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            if (e.getErrorCode() == UNKNOWN_DATABASE) {
                throw new SQLException("the database '" + namespace.project() + "' does not exist yet; "
                        + "run 'stockroom sync' first, which creates it", e.getSQLState(), e.getErrorCode(), e);
            }
            throw e;
        }
    }

    @Override
    public String typeName(ColumnType type, boolean keyColumn) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(38,9)";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIMESTAMP -> "DATETIME(6)";
            case JSON -> "LONGTEXT";
            case STRING -> keyColumn ? "VARCHAR(255)" : "LONGTEXT";
        };
    }

    @Override
    public ColumnType typeOf(String dataType) {
        String t = dataType.toLowerCase();
        if (t.equals("tinyint") || t.equals("bit")) {
            return ColumnType.BOOLEAN;
        }
        if (t.endsWith("int")) {
            return ColumnType.INTEGER;
        }
        if (t.equals("decimal")) {
            return ColumnType.DECIMAL;
        }
        if (t.equals("double") || t.equals("float")) {
            return ColumnType.DOUBLE;
        }
        if (t.equals("date")) {
            return ColumnType.DATE;
        }
        if (t.equals("datetime") || t.equals("timestamp")) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.STRING;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public String createSchema(String schema) {
        return "CREATE DATABASE IF NOT EXISTS " + quote(schema) + " CHARACTER SET utf8mb4";
    }

    @Override
    public String createStaging(String name, String columnDefinitions) {
        // A temporary table does not end the transaction on MariaDB, unlike other DDL.
        return "CREATE TEMPORARY TABLE " + quote(name) + " (" + columnDefinitions + ")";
    }

    @Override
    public void bulkLoad(Connection c, String staging, List<Column> columns, Path csv) throws SQLException {
        List<String> variables = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            String v = "@v" + i;
            variables.add(v);
            String value = "NULLIF(" + v + ", '\\\\N')";
            String converted = switch (col.type()) {
                case BOOLEAN -> "CASE " + value + " WHEN 'true' THEN 1 WHEN 'false' THEN 0 END";
                case TIMESTAMP -> "LEFT(" + value + ", 26)";
                default -> value;
            };
            assignments.add(quote(col.name()) + " = " + converted);
        }
        String sql = "LOAD DATA LOCAL INFILE '" + csv.toString().replace("\\", "\\\\").replace("'", "\\'")
                + "' INTO TABLE " + staging + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''"
                + " LINES TERMINATED BY '\\n' (" + String.join(", ", variables) + ") SET "
                + String.join(", ", assignments);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String upsert(String target, List<String> columns, List<String> key, String select) {
        List<String> compared = Dialect.compared(columns, key);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(target).append(" (")
                .append(columnList(columns)).append(") ").append(select).append(" ON DUPLICATE KEY UPDATE ");
        if (compared.isEmpty()) {
            return sql.append(target).append('.').append(quote(key.get(0))).append(" = ").append(target)
                    .append('.').append(quote(key.get(0))).toString();
        }
        // MariaDB applies assignments left to right, so the stamps are decided before the values move.
        String changed = compared.stream()
                .map(col -> "NOT (" + target + "." + quote(col) + " <=> VALUES(" + quote(col) + "))")
                .collect(Collectors.joining(" OR "));
        for (String col : columns) {
            if (STAMP.contains(col)) {
                sql.append(target).append('.').append(quote(col)).append(" = IF(").append(changed).append(", VALUES(")
                        .append(quote(col)).append("), ").append(target).append('.').append(quote(col)).append("), ");
            }
        }
        for (String col : compared) {
            sql.append(target).append('.').append(quote(col)).append(" = VALUES(").append(quote(col)).append("), ");
        }
        sql.setLength(sql.length() - 2);
        return sql.toString();
    }

    /** The default collations ignore case and trailing spaces. */
    @Override
    public boolean comparesTextExactly() {
        return false;
    }

    /** {@code ON DUPLICATE KEY UPDATE} and {@code INSERT IGNORE} also act on a unique index added by hand. */
    @Override
    public boolean plainInsertIntoEmptyTable() {
        return false;
    }

    @Override
    public String insertIgnore(String target, List<String> columns, List<String> key, String select) {
        return "INSERT IGNORE INTO " + target + " (" + columnList(columns) + ") " + select;
    }

    @Override
    public String dropStaging(String name) {
        return "DROP TEMPORARY TABLE IF EXISTS " + quote(name);
    }

    @Override
    public String castableText() {
        return "CHAR";
    }

    @Override
    public String alterColumnType(String table, String column, ColumnType type) {
        return "ALTER TABLE " + table + " MODIFY COLUMN " + quote(column) + " " + typeName(type, false);
    }

    /** A named lock on a connection of its own, held for the run; lock names are server-wide. */
    @Override
    public Optional<AutoCloseable> tryLock(String source) throws Exception {
        Connection c = connect(true, new Properties());
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, LockNames.of(namespace, source));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return Optional.of(c::close);
                }
            }
        }
        c.close();
        return Optional.empty();
    }

    @Override
    public Optional<String> migrationNeeded(Connection c) throws SQLException {
        return LegacyLayout.find(c, namespace).map(LegacyLayout::migration);
    }

    @Override
    public String describe() {
        return "MariaDB " + JdbcUrls.withoutSecrets(url);
    }
}
