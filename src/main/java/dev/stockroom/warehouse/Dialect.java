package dev.stockroom.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the databases Stockroom writes to, as data and small pieces of SQL. The
 * loader asks the dialect and never checks which database it talks to.
 */
public interface Dialect {

    /** The bookkeeping columns every loaded row carries. */
    List<String> STAMP = List.of("_loaded_at", "_run_id");

    /** A name for messages: "DuckDB", "PostgreSQL", "MariaDB". */
    String name();

    /**
     * Opens a connection as the configured user, in a read-only session when asked. Never hand a
     * read-only one of these to user SQL: a read-only session can be switched back; use
     * {@link #openReader}.
     */
    Connection open(boolean readOnly) throws SQLException;

    /**
     * Opens the connection every user query runs on (dashboard tiles, the explorer, CSV downloads,
     * {@code stockroom sql}): one that cannot write, reach the server's files or programs, or change
     * its own settings back, whatever SQL it is given. The database enforces this (a reader role,
     * a read-only instance), not Stockroom's reading of the SQL. Its session runs in {@code zone}
     * (set before anything is locked), so {@code CAST(ts AS DATE)} buckets by the project's day.
     */
    Connection openReader(java.time.ZoneId zone) throws SQLException;

    /** Runs {@code setZone} (a {@link #sessionTimeZone}) on a fresh connection, closing it if that fails. */
    static Connection inSessionZone(Connection c, String setZone) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(setZone);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A prepared user query; {@code totalColumn}: its last column is the running byte total (see below). */
    record Prepared(java.sql.PreparedStatement statement, boolean totalColumn) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }

    /**
     * Prepares one user query on a {@link #openReader} connection. The engine itself refuses more
     * than one statement (a server-side prepared statement, or the engine's own parser where the
     * driver would otherwise split the text and run every part).
     *
     * <p>Where the driver brings a whole batch of rows into memory before the caller can count
     * them, the dialect wraps the query so that the engine stops passing rows once they add up to
     * {@code byteLimit}, and adds a last column with the running total ({@code totalColumn}).
     * Elsewhere fetch sizes already bound what one round trip brings.
     */
    default Prepared prepareQuery(Connection reader, String sql, long byteLimit) throws SQLException {
        return new Prepared(reader.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
                java.sql.ResultSet.CONCUR_READ_ONLY), false);
    }

    /**
     * This dialect with user queries going to {@code readerUrl} (the {@code dashboard.warehouse}
     * setting) instead of a reader Stockroom sets up itself.
     */
    default Dialect withReaderUrl(String readerUrl) {
        throw new IllegalArgumentException("a separate reader URL is for PostgreSQL and MariaDB; " + name()
                + " is always read through a read-only instance of its own");
    }

    /**
     * Opens a writer's connection for one turn (see {@link Warehouse#turn}). A server takes many
     * writers, so by default this is a plain connection with nothing else to release; an embedded
     * file waits here, within {@code wait}, for the writer before it.
     *
     * @throws WarehouseBusyException when the wait ran out; the message names the holder
     */
    default WarehouseTurn beginTurn(WarehouseWait wait) throws SQLException {
        return new WarehouseTurn(open(false), () -> { });
    }

    /**
     * What a reader of this process holds while its read-only connection is open, so that no
     * writer turn of the same process overlaps it; nothing by default.
     */
    default AutoCloseable holdForReading() throws SQLException {
        return () -> { };
    }


    /** The database type for a portable type; key columns may need a bounded type. */
    String typeName(ColumnType type, boolean keyColumn);

    /** The portable type of an existing column from {@code information_schema.columns.data_type}. */
    ColumnType typeOf(String dataType);


    /** Whether the warehouse exists yet (an embedded file is created by the first sync). */
    default boolean exists() {
        return true;
    }

    /** False when only one connection of one process may write at a time (an embedded file). */
    default boolean concurrentWriters() {
        return true;
    }


    /** Statement creating a session-private staging table; it must vanish with the session. */
    String createStaging(String name, String columnDefinitions);


    /** Loads a spool file (see {@link RecordSpool}) into the staging table through the bulk path. */
    void bulkLoad(Connection c, String staging, List<Column> columns, Path csv) throws Exception;

    /** How the database names an identifier: standard SQL double quotes. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** True when DDL can run inside a transaction (false on MariaDB, where it commits). */
    default boolean transactionalDdl() {
        return true;
    }

    /** Where the project's schemas live; schema names are the database's own except on MariaDB. */
    default Namespace namespace() {
        return Namespace.NONE;
    }

    /**
     * Why the bookkeeping must not be created yet, with what to run instead: an older layout of
     * this project's data found on the server. Asked only while {@code stockroom} does not exist.
     */
    default Optional<String> migrationNeeded(Connection c) throws SQLException {
        return Optional.empty();
    }

    /**
     * Statement creating a schema (a database on MariaDB) if it does not exist. {@code schema} is
     * the database's name for it (see {@link Warehouse#createSchema}, which maps a logical one).
     */
    default String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
    }

    /** The staging table's name as it is referred to in SQL. */
    default String stagingName(String name) {
        return quote(name);
    }

    /**
     * INSERT ... SELECT that updates rows whose key exists. Rows whose values did not change are
     * left untouched, {@link #STAMP} columns included, so a re-run changes nothing.
     * {@code columns} lists every inserted column, stamps included. Standard {@code ON CONFLICT}.
     */
    default String upsert(String target, List<String> columns, List<String> key, String select) {
        List<String> compared = compared(columns, key);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(target).append(" (")
                .append(columnList(columns)).append(") ").append(select)
                .append(" ON CONFLICT (").append(columnList(key)).append(") DO ");
        if (compared.isEmpty()) {
            return sql.append("NOTHING").toString();
        }
        sql.append("UPDATE SET ");
        for (String col : columns) {
            if (!key.contains(col)) {
                sql.append(quote(col)).append(" = excluded.").append(quote(col)).append(", ");
            }
        }
        sql.setLength(sql.length() - 2);
        sql.append(" WHERE ");
        for (int i = 0; i < compared.size(); i++) {
            String col = quote(compared.get(i));
            sql.append(i == 0 ? "" : " OR ").append(target).append('.').append(col)
                    .append(" IS DISTINCT FROM excluded.").append(col);
        }
        return sql.toString();
    }

    /** INSERT ... SELECT that skips rows whose key exists; {@code columns} as for upsert. */
    default String insertIgnore(String target, List<String> columns, List<String> key, String select) {
        return "INSERT INTO " + target + " (" + columnList(columns) + ") " + select
                + " ON CONFLICT (" + columnList(key) + ") DO NOTHING";
    }

    /**
     * True when, into an empty table, a plain {@code INSERT ... SELECT} of rows with unique keys
     * does exactly what {@link #upsert} and {@link #insertIgnore} would. False where the upsert
     * also resolves conflicts on other unique indexes (MariaDB's {@code ON DUPLICATE KEY}).
     */
    default boolean plainInsertIntoEmptyTable() {
        return true;
    }

    /**
     * True when a merge of unique staged keys is faster as an {@code UPDATE ... FROM} of the changed
     * rows plus an anti-join {@code INSERT} of the new ones than as one {@code ON CONFLICT} upsert:
     * both are hash joins, where the upsert checks each row against the index in turn, which makes
     * a re-run of unchanged rows cost as much as a first load.
     */
    default boolean mergesByJoins() {
        return false;
    }

    /** True when two text values are equal only if their characters are (no case-insensitive collation). */
    default boolean comparesTextExactly() {
        return true;
    }

    /** True when {@link #loadDirectly} is implemented. */
    default boolean loadsDirectly() {
        return false;
    }

    /**
     * Bulk-loads a spool file straight into an empty table, without staging: every line becomes a
     * row, stamped with {@code loadedAt} (text as {@link Warehouse#timestampText}) and {@code runId}.
     * Only called when the table is empty and the spool's keys are unique. Returns the rows loaded.
     */
    default long loadDirectly(Connection c, String table, List<Column> columns, Path csv, String loadedAt,
                              String runId) throws Exception {
        throw new UnsupportedOperationException(name() + " loads through a staging table");
    }

    /** Statement dropping the staging table if it exists. */
    default String dropStaging(String name) {
        return "DROP TABLE IF EXISTS " + quote(name);
    }

    /** Statement adding a nullable column. */
    default String addColumn(String table, String column, ColumnType type) {
        return "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + quote(column) + " " + typeName(type, false);
    }


    /**
     * Sets a reading session's time zone, so {@code CAST(ts AS DATE)} buckets by the project's day
     * (writers stay in UTC). {@code zone} is a validated {@link java.time.ZoneId}.
     */
    default String sessionTimeZone(java.time.ZoneId zone) {
        return "SET TIME ZONE '" + zone.getId().replace("'", "") + "'";
    }

    /** A text type usable in {@code CAST(? AS ...)}. */
    default String castableText() {
        return "VARCHAR";
    }

    /** The columns an upsert compares to decide whether a row changed. */
    static List<String> compared(List<String> columns, List<String> key) {
        return columns.stream().filter(c -> !key.contains(c) && !STAMP.contains(c)).toList();
    }

    /** Statement widening a column to a new type. */
    String alterColumnType(String table, String column, ColumnType type);


    /**
     * Takes the per-source lock for one run, or returns empty when another run holds it. Closing
     * the returned handle releases the lock.
     */
    Optional<AutoCloseable> tryLock(String source) throws Exception;

    /** Where the warehouse is, without secrets, for messages. */
    String describe();

    /** The local folder the warehouse writes to (an embedded file's), for disk-full advice; empty for a server. */
    default Optional<Path> folder() {
        return Optional.empty();
    }

    /** The dialect for a {@code warehouse:} setting. */
    static Dialect forUrl(String url, Path baseDir, String memoryLimit) {
        if (url.startsWith("duckdb:")) {
            return new dev.stockroom.warehouse.duckdb.DuckDbDialect(baseDir.resolve(url.substring(7)), memoryLimit);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new dev.stockroom.warehouse.postgres.PostgresDialect(url);
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new dev.stockroom.warehouse.mysql.MySqlDialect(url);
        }
        if (url.startsWith("jdbc:duckdb:")) {
            return new dev.stockroom.warehouse.duckdb.DuckDbDialect(baseDir.resolve(url.substring(12)), memoryLimit);
        }
        throw new IllegalArgumentException("unsupported warehouse '" + dev.stockroom.config.Secrets.redact(url)
                + "': use duckdb:FILE, jdbc:postgresql://..., jdbc:mariadb://... or jdbc:mysql://...");
    }

    /** Helper for dialects: "a, b, c" of quoted names. */
    default String columnList(List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(quote(c));
        }
        return sb.toString();
    }
}
