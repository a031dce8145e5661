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

    /** Opens a connection, read-only when asked (the dashboard and {@code stockroom sql}). */
    Connection open(boolean readOnly) throws SQLException;

    /** How the database names an identifier. */
    String quote(String identifier);

    /** The database type for a portable type; key columns may need a bounded type. */
    String typeName(ColumnType type, boolean keyColumn);

    /** The portable type of an existing column from {@code information_schema.columns.data_type}. */
    ColumnType typeOf(String dataType);

    /** True when DDL can run inside a transaction (false on MariaDB, where it commits). */
    boolean transactionalDdl();

    /** Whether the warehouse exists yet (an embedded file is created by the first sync). */
    default boolean exists() {
        return true;
    }

    /** False when only one connection of one process may write at a time (an embedded file). */
    default boolean concurrentWriters() {
        return true;
    }

    /** Statement creating a schema (a database on MariaDB) if it does not exist. */
    String createSchema(String schema);

    /** Statement creating a session-private staging table; it must vanish with the session. */
    String createStaging(String name, String columnDefinitions);

    /** The staging table's name as it is referred to in SQL. */
    String stagingName(String name);

    /** Loads a spool file (see {@link RecordSpool}) into the staging table through the bulk path. */
    void bulkLoad(Connection c, String staging, List<Column> columns, Path csv) throws Exception;

    /**
     * INSERT ... SELECT that updates rows whose key exists. Rows whose values did not change are
     * left untouched, {@link #STAMP} columns included, so a re-run changes nothing.
     * {@code columns} lists every inserted column, stamps included.
     */
    String upsert(String target, List<String> columns, List<String> key, String select);

    /** INSERT ... SELECT that skips rows whose key exists; {@code columns} as for upsert. */
    String insertIgnore(String target, List<String> columns, List<String> key, String select);

    /** Statement dropping the staging table if it exists. */
    String dropStaging(String name);

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

    /** Statement adding a nullable column. */
    String addColumn(String table, String column, ColumnType type);

    /**
     * Takes the per-source lock for one run, or returns empty when another run holds it. Closing
     * the returned handle releases the lock.
     */
    Optional<AutoCloseable> tryLock(String source) throws Exception;

    /** Where the warehouse is, without secrets, for messages. */
    String describe();

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
