package dev.stockroom.warehouse.postgres;

import dev.stockroom.warehouse.Column;
import dev.stockroom.warehouse.ColumnType;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.JdbcUrls;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/** PostgreSQL. Bulk path: {@code COPY ... FROM STDIN} fed from the spool file. */
public final class PostgresDialect implements Dialect {

    private final String url;
    private final PostgresReader reader;

    public PostgresDialect(String url) {
        this(url, null);
    }

    private PostgresDialect(String url, String readerUrl) {
        this.url = url;
        this.reader = new PostgresReader(url, readerUrl);
    }

    /** User queries as a role that can only read (see {@link PostgresReader}). */
    @Override
    public Connection openReader(java.time.ZoneId zone) throws SQLException {
        return Dialect.inSessionZone(reader.open(), sessionTimeZone(zone));
    }

    @Override
    public Dialect withReaderUrl(String readerUrl) {
        return new PostgresDialect(url, readerUrl);
    }

    /**
     * The driver splits a text at its semicolons (lexing {@code E''} and {@code $$} as the server
     * does) and would run each part; its own parser tells how many parts there are, and each part
     * goes to the server as one Parse message, which refuses to hold more than one command.
     */
    @Override
    public Prepared prepareQuery(Connection reader, String sql, long byteLimit) throws SQLException {
        boolean standardStrings = reader.unwrap(org.postgresql.core.BaseConnection.class).getStandardConformingStrings();
        int statements = org.postgresql.core.Parser.parseJdbcSql(sql, standardStrings, true, true, false, false).size();
        if (statements > 1) {
            throw new SQLException("one statement per query: PostgreSQL reads " + statements
                    + " statements here; run them one at a time");
        }
        return Dialect.super.prepareQuery(reader, sql, byteLimit);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public Connection open(boolean readOnly) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            if (readOnly) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
        }
        c.setReadOnly(readOnly);
        return c;
    }

    @Override
    public String typeName(ColumnType type, boolean keyColumn) {
        return switch (type) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "bigint";
            case DECIMAL -> "numeric";
            case DOUBLE -> "double precision";
            case DATE -> "date";
            case TIMESTAMP -> "timestamptz";
            case JSON -> "jsonb";
            case STRING -> "text";
        };
    }

    @Override
    public ColumnType typeOf(String dataType) {
        String t = dataType.toLowerCase();
        if (t.equals("boolean")) {
            return ColumnType.BOOLEAN;
        }
        if (t.equals("bigint") || t.equals("integer") || t.equals("smallint")) {
            return ColumnType.INTEGER;
        }
        if (t.equals("numeric")) {
            return ColumnType.DECIMAL;
        }
        if (t.equals("double precision") || t.equals("real")) {
            return ColumnType.DOUBLE;
        }
        if (t.equals("date")) {
            return ColumnType.DATE;
        }
        if (t.startsWith("timestamp")) {
            return ColumnType.TIMESTAMP;
        }
        if (t.startsWith("json")) {
            return ColumnType.JSON;
        }
        return ColumnType.STRING;
    }

    @Override
    public String createStaging(String name, String columnDefinitions) {
        return "CREATE TEMP TABLE " + quote(name) + " (" + columnDefinitions + ") ON COMMIT DROP";
    }

    @Override
    public void bulkLoad(Connection c, String staging, List<Column> columns, Path csv) throws Exception {
        String sql = "COPY " + staging + " (" + columnList(columns.stream().map(Column::name).toList())
                + ") FROM STDIN WITH (FORMAT csv, NULL '\\N')";
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
        }
    }

    @Override
    public boolean loadsDirectly() {
        return true;
    }

    /** COPY into the table itself, the spool's lines rewritten on the way: no _seq, the stamps added. */
    @Override
    public long loadDirectly(Connection c, String table, List<Column> columns, Path csv, String loadedAt,
                             String runId) throws Exception {
        List<String> names = new java.util.ArrayList<>(columns.stream().map(Column::name).toList());
        names.addAll(STAMP);
        String sql = "COPY " + table + " (" + columnList(names) + ") FROM STDIN WITH (FORMAT csv, NULL '\\N')";
        String stamps = "," + loadedAt + ",\"" + runId.replace("\"", "\"\"") + "\"\n";
        try (InputStream in = new SpoolLines(new BufferedInputStream(Files.newInputStream(csv), 1 << 16),
                stamps.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
        }
    }

    @Override
    public String alterColumnType(String table, String column, ColumnType type) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + quote(column) + " TYPE " + typeName(type, false)
                + " USING " + quote(column) + "::" + typeName(type, false);
    }

    /** A session-level advisory lock on a connection of its own, held for the run. */
    @Override
    public Optional<AutoCloseable> tryLock(String source) throws Exception {
        Connection c = DriverManager.getConnection(url);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, "stockroom:" + source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.of(c::close);
                }
            }
        }
        c.close();
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "PostgreSQL " + JdbcUrls.withoutSecrets(url);
    }

    @Override
    public boolean mergesByJoins() {
        return true;
    }
}
