package dev.stockroom.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open warehouse: its dialect, the connection work goes through, and the bookkeeping schema
 * {@code stockroom} ({@code runs}, {@code state}, {@code columns}), created on first use. Callers
 * name schemas logically (a source, {@code analytics}, {@link #META}); every statement built here
 * maps them through the dialect's {@link Namespace}.
 *
 * <p>A warehouse opened {@link #openInTurns in turns} holds an embedded file only while it writes:
 * each {@link #turn} opens the file (waiting for other writers, in this process and others),
 * does its work and closes it again, so vendor reads and spooling happen without it and syncs of
 * other sources, and the dashboard, get the file in between. A server warehouse keeps one
 * connection, and its turns are just the work.
 */
public final class Warehouse implements AutoCloseable {

    public static final String META = "stockroom";
    /** When the vendor stopped having a keyed row's record (UTC); null while it exists there. */
    public static final String DELETED_AT = "_deleted_at";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** Work done in a turn. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final Dialect dialect;
    private final WarehouseWait wait;
    private final AutoCloseable readHold;
    private Connection connection;
    private AutoCloseable turnRelease;
    private int depth;
    private boolean bootstrapped;
    /** A long-held server connection that died (a killed backend, a restart) is replaced at the next turn. */
    private boolean reconnects;

    private Warehouse(Dialect dialect, Connection connection, WarehouseWait wait, AutoCloseable readHold) {
        this.dialect = dialect;
        this.connection = connection;
        this.wait = wait;
        this.readHold = readHold;
    }

    /** Opens for writing, holding the connection until closed, and makes sure the bookkeeping tables exist. */
    public static Warehouse open(Dialect dialect) throws SQLException {
        Warehouse w = new Warehouse(dialect, dialect.open(false), null, null);
        try {
            w.bootstrap();
        } catch (SQLException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /**
     * Opens for writing in turns where the database takes one writer at a time (nothing is opened
     * before the first {@link #turn}); elsewhere the same as {@link #open}.
     */
    public static Warehouse openInTurns(Dialect dialect, WarehouseWait wait) throws SQLException {
        if (dialect.concurrentWriters()) {
            Warehouse held = open(dialect);
            held.reconnects = true;
            return held;
        }
        return new Warehouse(dialect, null, wait, null);
    }

    /**
     * Opens the reader every user query and every page runs on: the database itself refuses
     * writes, file and program access and settings changes (see {@link Dialect#openReader}).
     */
    public static Warehouse openReadOnly(Dialect dialect) throws SQLException {
        return openReadOnly(dialect, java.time.ZoneId.of("UTC"));
    }

    /** The same, its session in {@code zone} (the project's timezone, for the dashboard). */
    public static Warehouse openReadOnly(Dialect dialect, java.time.ZoneId zone) throws SQLException {
        AutoCloseable hold = dialect.holdForReading();
        try {
            return new Warehouse(dialect, dialect.openReader(zone), null, hold);
        } catch (SQLException | RuntimeException e) {
            release(hold, e);
            throw e;
        }
    }

    /**
     * A read-only session of the warehouse user, for Stockroom's own queries ({@code status}): they
     * need no reader role. Like {@link #openReadOnly} it waits for this process's write turns.
     */
    public static Warehouse openSession(Dialect dialect) throws SQLException {
        AutoCloseable hold = dialect.holdForReading();
        try {
            return new Warehouse(dialect, dialect.open(true), null, hold);
        } catch (SQLException | RuntimeException e) {
            release(hold, e);
            throw e;
        }
    }

    /**
     * Runs {@code work} holding the warehouse for writing; turns nest (the outermost one opens and
     * closes). Outside a turn a warehouse opened in turns has no connection.
     *
     * @throws WarehouseBusyException when another writer held the file longer than {@code warehouse_wait}
     */
    public synchronized <T, E extends Exception> T turn(Work<T, E> work) throws E, SQLException {
        if (wait == null || depth > 0) {
            if (reconnects && depth == 0 && !connection.isValid(5)) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // It is already gone.
                }
                connection = dialect.open(false);
            }
            depth++;
            try {
                return work.run();
            } finally {
                depth--;
            }
        }
        WarehouseTurn held = dialect.beginTurn(wait);
        connection = held.connection();
        turnRelease = held.release();
        depth++;
        try {
            if (!bootstrapped) {
                bootstrap();
            }
            return work.run();
        } finally {
            depth--;
            endTurn();
        }
    }

    private void endTurn() throws SQLException {
        Connection c = connection;
        AutoCloseable release = turnRelease;
        connection = null;
        turnRelease = null;
        try {
            c.close();
        } finally {
            release(release, null);
        }
    }

    private static void release(AutoCloseable hold, Exception pending) {
        try {
            hold.close();
        } catch (Exception e) {
            if (pending != null) {
                pending.addSuppressed(e);
            } else {
                throw new IllegalStateException("cannot release the warehouse: " + e.getMessage(), e);
            }
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The connection; on a warehouse opened in turns, only inside a {@link #turn}. */
    public Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("the warehouse " + dialect.describe() + " is used outside a write turn");
        }
        return connection;
    }

    /** {@code "schema"."table"}, the schema as the database names it ({@code "dw__site"} on MariaDB). */
    public String table(String schema, String table) {
        return dialect.quote(schema(schema)) + "." + dialect.quote(table);
    }

    /** The database's name for a logical schema. */
    public String schema(String logical) {
        return dialect.namespace().schema(logical);
    }

    /** Creates a logical schema if it does not exist. */
    public void createSchema(String logical) throws SQLException {
        execute(dialect.createSchema(schema(logical)));
    }

    /** A timestamp as text every dialect casts from, in UTC (sessions run in UTC). */
    public static String timestampText(Instant instant) {
        return TS.format(instant.atOffset(ZoneOffset.UTC));
    }

    public String castTimestamp() {
        return "CAST(? AS " + dialect.typeName(ColumnType.TIMESTAMP, false) + ")";
    }

    public void execute(String sql) throws SQLException {
        turn(() -> {
            try (Statement s = connection().createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    /** The table's columns in order, empty when it does not exist; original names from the catalog. */
    public List<Column> columns(String schema, String table) throws SQLException {
        return turn(() -> readColumns(schema, table));
    }

    private List<Column> readColumns(String schema, String table) throws SQLException {
        Map<String, String> originals = new HashMap<>();
        if (!schema.equals(META)) {
            try (PreparedStatement ps = connection().prepareStatement("SELECT column_name, original_name FROM "
                    + table(META, "columns") + " WHERE schema_name = ? AND table_name = ?")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        originals.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection().prepareStatement("SELECT column_name, data_type FROM "
                + "information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema(schema));
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.startsWith("_loaded_at") || name.equals("_run_id") || name.equals(DELETED_AT)) {
                        continue;
                    }
                    columns.add(new Column(name, dialect.typeOf(rs.getString(2)), originals.getOrDefault(name, name)));
                }
            }
        }
        return columns;
    }

    /** Whether the table has the column (bookkeeping columns included). */
    public boolean hasColumn(String schema, String table, String column) throws SQLException {
        return turn(() -> columnExists(schema, table, column));
    }

    private boolean columnExists(String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT COUNT(*) FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
            ps.setString(1, schema(schema));
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    public boolean tableExists(String schema, String table) throws SQLException {
        return turn(() -> exists(schema, table));
    }

    private boolean exists(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema(schema));
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** CREATE TABLE IF NOT EXISTS with a primary key; a stamped keyed table also gets {@link #DELETED_AT}. */
    public String createTable(String schema, String table, List<Column> columns, List<String> key, boolean stamped) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(schema, table)).append(" (");
        for (Column c : columns) {
            sql.append(dialect.quote(c.name())).append(' ').append(dialect.typeName(c.type(), key.contains(c.name())));
            if (key.contains(c.name())) {
                sql.append(" NOT NULL");
            }
            sql.append(", ");
        }
        if (stamped) {
            sql.append(dialect.quote("_loaded_at")).append(' ').append(dialect.typeName(ColumnType.TIMESTAMP, false))
                    .append(", ").append(dialect.quote("_run_id")).append(' ')
                    .append(dialect.typeName(ColumnType.STRING, true)).append(", ");
            if (!key.isEmpty()) {
                sql.append(dialect.quote(DELETED_AT)).append(' ').append(dialect.typeName(ColumnType.TIMESTAMP, false))
                        .append(", ");
            }
        }
        if (!key.isEmpty()) {
            sql.append("PRIMARY KEY (").append(dialect.columnList(key)).append("), ");
        }
        sql.setLength(sql.length() - 2);
        return sql.append(")").toString();
    }

    private void bootstrap() throws SQLException {
        if (tableExists(META, "columns") && tableExists(META, "runs") && tableExists(META, "state")) {
            migrate();
            bootstrapped = true;
            return;
        }
        Optional<String> migration = dialect.migrationNeeded(connection());
        if (migration.isPresent()) {
            throw new MigrationNeededException(migration.get());
        }
        createSchema(META);
        ColumnType s = ColumnType.STRING;
        execute(createTable(META, "runs", List.of(
                col("run_id", s), col("source", s), col("stream", s), col("mode", s),
                col("window_start", ColumnType.DATE), col("window_end", ColumnType.DATE),
                col("started_at", ColumnType.TIMESTAMP), col("finished_at", ColumnType.TIMESTAMP),
                col("status", s), col("rows_read", ColumnType.INTEGER), col("rows_written", ColumnType.INTEGER),
                col("error", s), col("notes", s)), List.of("run_id", "source", "stream"), false));
        execute(createTable(META, "state", List.of(
                col("source", s), col("stream", s), col("cursor_value", s),
                col("newest_complete_day", ColumnType.DATE), col("updated_at", ColumnType.TIMESTAMP),
                col("reconciled_at", ColumnType.TIMESTAMP)),
                List.of("source", "stream"), false));
        execute(createTable(META, "columns", List.of(
                col("schema_name", s), col("table_name", s), col("column_name", s), col("original_name", s),
                col("data_type", s), col("type_note", s)), List.of("schema_name", "table_name", "column_name"), false));
        bootstrapped = true;
    }

    /** Columns added to the bookkeeping tables since they were first created, added in place. */
    private void migrate() throws SQLException {
        String[][] added = {{"runs", "notes"}, {"state", "reconciled_at"}, {"columns", "type_note"}};
        for (String[] column : added) {
            if (!hasColumn(META, column[0], column[1])) {
                ColumnType type = column[1].endsWith("_at") ? ColumnType.TIMESTAMP : ColumnType.STRING;
                execute("ALTER TABLE " + table(META, column[0]) + " ADD COLUMN " + dialect.quote(column[1]) + " "
                        + dialect.typeName(type, false));
            }
        }
    }

    private static Column col(String name, ColumnType type) {
        return new Column(name, type, name);
    }

    @Override
    public synchronized void close() throws SQLException {
        if (wait != null) {
            return; // opened in turns: nothing is held between them
        }
        try {
            connection.close();
        } finally {
            if (readHold != null) {
                release(readHold, null);
            }
        }
    }
}
