package dev.stockroom.warehouse.duckdb;

import dev.stockroom.warehouse.Column;
import dev.stockroom.warehouse.ColumnType;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.FileLock;
import dev.stockroom.warehouse.WarehouseBusyException;
import dev.stockroom.warehouse.WarehouseTurn;
import dev.stockroom.warehouse.WarehouseWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The embedded default. Bulk path: DuckDB's own CSV reader straight from the spool file, which
 * is faster than the JDBC appender (it parses in parallel inside the engine).
 */
public final class DuckDbDialect implements Dialect {

    private final Path file;
    private final String memoryLimit;

    public DuckDbDialect(Path file, String memoryLimit) {
        NativeLibraryCopies.removeStaleOnce();
        this.file = file.toAbsolutePath().normalize();
        this.memoryLimit = memoryLimit;
    }

    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "DuckDB";
    }

    @Override
    public Connection open(boolean readOnly) throws SQLException {
        return open(readOnly, new Properties());
    }

    private Connection open(boolean readOnly, Properties props) throws SQLException {
        if (readOnly) {
            // Settings of a read-only instance are given at start-up: readers of one process share the
            // instance, and with external access off a later SET of its settings is refused.
            props.setProperty("duckdb.read_only", "true");
            props.setProperty("memory_limit", memoryLimit.replace("'", ""));
            props.setProperty("enable_external_access", "false");
        }
        // Every connection asks for the same format: connections to one file share an engine, which
        // refuses a second, differently configured one.
        DuckDbStorage.apply(props);
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            if (!readOnly) {
                DuckDbStorage.convertIfNewer(file);
            }
            c = DriverManager.getConnection("jdbc:duckdb:" + file, props);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
                throw new WarehouseBusyException(message, e);
            }
            throw e;
        }
        try (Statement s = c.createStatement()) {
            setShared(c, "SET TimeZone = 'UTC'");
            if (!readOnly) {
                s.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
                s.execute("SET temp_directory = '" + file + ".tmp'");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * A database instance of its own, opened read-only ({@code access_mode=READ_ONLY}), never the
     * writer's: with external access off (no {@code read_text}, {@code COPY ... TO}, {@code ATTACH},
     * {@code INSTALL}/{@code LOAD}) and then its configuration locked, so that no {@code SET} or
     * {@code RESET} in user SQL can turn either back. The time zone is set before the lock because
     * DuckDB only accepts it once ICU is loaded, which is after the instance starts.
     */
    @Override
    public Connection openReader(java.time.ZoneId zone) throws SQLException {
        Connection c = open(true, streaming());
        try {
            // Readers of one process share an instance and its time zone: global for the instance,
            // and this session's too (open() gave it UTC); a second reader finds both locked.
            setShared(c, "SET GLOBAL TimeZone = '" + zone.getId().replace("'", "") + "'");
            setShared(c, sessionTimeZone(zone));
            setShared(c, "SET lock_configuration = true");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Readers of one process share one instance: the first reader has set the time zone and locked
     * the configuration, which a second reader's SET then finds locked, and that is fine. Each SET
     * gets a statement of its own: the driver closes a statement whose execution failed.
     */
    private static void setShared(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("configuration has been locked")) {
                throw e;
            }
        }
    }

    /** Rows come from the engine as they are read, not as one materialized result. */
    private static Properties streaming() {
        Properties props = new Properties();
        props.setProperty("jdbc_stream_results", "true");
        return props;
    }

    /**
     * DuckDB's JDBC driver runs every statement but the last while preparing a text holding several,
     * so the engine's own parser ({@code json_serialize_sql}) counts them first: exactly one
     * {@code SELECT} (with {@code WITH}, {@code VALUES}, {@code FROM}-first) may run.
     */
    @Override
    public Prepared prepareQuery(Connection reader, String sql, long byteLimit) throws SQLException {
        String parsed;
        try (java.sql.PreparedStatement check = reader.prepareStatement("SELECT json_serialize_sql(?)")) {
            check.setString(1, sql);
            try (java.sql.ResultSet rs = check.executeQuery()) {
                rs.next();
                parsed = rs.getString(1);
            }
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(parsed);
        } catch (java.io.IOException e) {
            throw new SQLException("DuckDB could not check the query: " + e.getMessage(), e);
        }
        if (tree.path("error").asBoolean(false)) {
            String type = tree.path("error_type").asText("");
            String message = tree.path("error_message").asText("");
            if (type.equals("not implemented")) {
                throw new SQLException("only a SELECT query can run here (DuckDB: " + message + ")");
            }
            throw new SQLException(message);
        }
        int statements = tree.path("statements").size();
        if (statements != 1) {
            throw new SQLException("one statement per query: DuckDB read " + statements
                    + " statements; run them one at a time");
        }
        return new Prepared(reader.prepareStatement(byteBounded(sql, byteLimit)), true);
    }

    /**
     * Wraps the query so DuckDB stops passing values once the rows' sizes (each row's text) add up
     * to the limit: the driver converts a whole vector of 2,048 rows into Java objects before the
     * first can be read, so a cap counted in Java alone would come too late. Rows past the limit
     * come as NULLs rather than not at all, so that DuckDB's streaming result keeps flowing and the
     * reader, seeing the running total (the last column) pass the limit, stops the query at once;
     * a filter would make DuckDB run the whole query looking for a row that passes.
     */
    private String byteBounded(String sql, long byteLimit) {
        String total = quote(BYTES_COLUMN);
        String row = quote("__stockroom_row");
        String size = "strlen(CAST(__stockroom_q AS VARCHAR))";
        // The newlines keep a trailing comment in the query from swallowing the wrapper.
        return "SELECT CASE WHEN " + total + " - " + row + " < " + byteLimit + " THEN COLUMNS(* EXCLUDE (" + total
                + ", " + row + ")) END, " + total + " FROM (SELECT __stockroom_q.*, sum(" + size + ") OVER "
                + "(ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS " + total + ", " + size + " AS " + row
                + " FROM (\n" + sql + "\n) AS __stockroom_q)";
    }

    /** The running-total column {@link #byteBounded} adds. */
    private static final String BYTES_COLUMN = "__stockroom_bytes";

    /**
     * Waits for this process's other writers (the gate), then for other processes' hold on the file
     * (DuckDB's lock, retried with a little jitter so waiters do not move in step), all within
     * {@code wait.limit()}. Writers hold the file for a chunk's commit at a time, so a turn comes soon.
     */
    @Override
    public WarehouseTurn beginTurn(WarehouseWait wait) throws SQLException {
        long started = System.nanoTime();
        long deadline = started + wait.limit().toNanos();
        AutoCloseable gate = DuckDbGate.of(file).enterWriter(wait, deadline);
        boolean told = false;
        try {
            while (true) {
                try {
                    return new WarehouseTurn(open(false), gate);
                } catch (WarehouseBusyException busy) {
                    String holder = holder(busy);
                    if (System.nanoTime() > deadline) {
                        throw new WarehouseBusyException("the warehouse " + describe() + " was held by " + holder
                                + " for longer than warehouse_wait (" + wait.limit().toSeconds() + " s); "
                                + "nothing was lost: this source goes on from its last committed chunk next time",
                                busy);
                    }
                    if (!told && System.nanoTime() - started > WarehouseWait.NOTICE_AFTER.toNanos()) {
                        wait.onWait().accept("waiting for the warehouse (held by " + holder + ")");
                        told = true;
                    }
                    Thread.sleep(40 + java.util.concurrent.ThreadLocalRandom.current().nextLong(120));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(gate);
            throw new WarehouseBusyException("interrupted while waiting for the warehouse " + describe(), e);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(gate);
            throw e;
        }
    }

    @Override
    public AutoCloseable holdForReading() throws SQLException {
        return DuckDbGate.of(file).enterReader();
    }

    /**
     * Who holds the file, from the PID in DuckDB's message: a sync names its sources, since each
     * source's lock file beside the warehouse holds the PID of the run that has it.
     */
    String holder(WarehouseBusyException busy) {
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("PID (\\d+)").matcher(String.valueOf(busy.getMessage()));
        if (!pid.find()) {
            return "another process";
        }
        String prefix = file.getFileName() + ".";
        List<String> sources = new java.util.ArrayList<>();
        try (var siblings = Files.list(file.getParent())) {
            for (Path lock : (Iterable<Path>) siblings::iterator) {
                String name = lock.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".lock") && !FileLock.heldHere(lock)
                        && Files.readString(lock).strip().equals(pid.group(1))) {
                    sources.add(name.substring(prefix.length(), name.length() - ".lock".length()));
                }
            }
        } catch (java.io.IOException e) {
            // Only the names are lost; the PID still says who.
        }
        java.util.Collections.sort(sources);
        return (sources.isEmpty() ? "another process" : "the sync of " + String.join(", ", sources))
                + " (PID " + pid.group(1) + ")";
    }

    private static void closeQuietly(AutoCloseable gate) {
        try {
            gate.close();
        } catch (Exception ignored) {
            // Releasing an in-process lock does not fail.
        }
    }

    @Override
    public String sessionTimeZone(java.time.ZoneId zone) {
        return "SET SESSION TimeZone = '" + zone.getId().replace("'", "") + "'";
    }

    @Override
    public String typeName(ColumnType type, boolean keyColumn) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(38,9)";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case JSON -> "JSON";
            case STRING -> "VARCHAR";
        };
    }

    @Override
    public ColumnType typeOf(String dataType) {
        String t = dataType.toUpperCase();
        if (t.startsWith("BOOL")) {
            return ColumnType.BOOLEAN;
        }
        if (t.equals("BIGINT") || t.equals("INTEGER") || t.equals("SMALLINT") || t.equals("TINYINT") || t.equals("HUGEINT")) {
            return ColumnType.INTEGER;
        }
        if (t.startsWith("DECIMAL") || t.startsWith("NUMERIC")) {
            return ColumnType.DECIMAL;
        }
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.equals("REAL")) {
            return ColumnType.DOUBLE;
        }
        if (t.equals("DATE")) {
            return ColumnType.DATE;
        }
        if (t.startsWith("TIMESTAMP")) {
            return ColumnType.TIMESTAMP;
        }
        if (t.equals("JSON")) {
            return ColumnType.JSON;
        }
        return ColumnType.STRING;
    }

    @Override
    public boolean exists() {
        return Files.exists(file);
    }

    @Override
    public boolean concurrentWriters() {
        return false;
    }

    @Override
    public String createStaging(String name, String columnDefinitions) {
        return "CREATE OR REPLACE TEMP TABLE " + quote(name) + " (" + columnDefinitions + ")";
    }

    @Override
    public void bulkLoad(Connection c, String staging, List<Column> columns, Path csv) throws SQLException {
        String sql = "INSERT INTO " + staging + " SELECT * FROM " + readCsv(columns, csv);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String readCsv(List<Column> columns, Path csv) {
        String types = columns.stream()
                .map(col -> "'" + col.name().replace("'", "''") + "': '" + typeName(col.type(), false) + "'")
                .collect(Collectors.joining(", "));
        return "read_csv('" + csv.toString().replace("'", "''")
                + "', header = false, delim = ',', quote = '\"', escape = '\"', nullstr = '\\N',"
                + " allow_quoted_nulls = false, auto_detect = false, columns = {" + types + "})";
    }

    @Override
    public boolean loadsDirectly() {
        return true;
    }

    /** The same read_csv as the staging load, inserted into the table itself. */
    @Override
    public long loadDirectly(Connection c, String table, List<Column> columns, Path csv, String loadedAt,
                             String runId) throws SQLException {
        List<Column> spooled = new java.util.ArrayList<>();
        spooled.add(new Column("_seq", ColumnType.INTEGER, "_seq"));
        spooled.addAll(columns);
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> inserted = new java.util.ArrayList<>(names);
        inserted.addAll(STAMP);
        String sql = "INSERT INTO " + table + " (" + columnList(inserted) + ") SELECT " + columnList(names)
                + ", CAST(? AS TIMESTAMPTZ), CAST(? AS VARCHAR) FROM " + readCsv(spooled, csv);
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, loadedAt);
            ps.setString(2, runId);
            return ps.executeUpdate();
        }
    }

    @Override
    public String alterColumnType(String table, String column, ColumnType type) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + quote(column) + " TYPE " + typeName(type, false);
    }

    @Override
    public Optional<AutoCloseable> tryLock(String source) throws Exception {
        return FileLock.tryLock(file.resolveSibling(file.getFileName() + "." + source + ".lock"));
    }

    @Override
    public Optional<Path> folder() {
        return Optional.of(file.getParent());
    }

    @Override
    public String describe() {
        return "DuckDB file " + file;
    }

    @Override
    public boolean mergesByJoins() {
        return true;
    }
}
