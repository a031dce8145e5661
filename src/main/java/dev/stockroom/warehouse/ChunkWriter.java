package dev.stockroom.warehouse;

import dev.stockroom.source.DeleteMode;
import dev.stockroom.source.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Writes one spooled chunk: evolves the table, bulk-loads the rows into a staging table, applies
 * the write mode with one set-based statement and moves the stream state, all in one transaction.
 * A crash at any point leaves the warehouse as it was after the previous chunk.
 */
public final class ChunkWriter {

    private static final String STAGING = "stockroom_staging";

    private final Warehouse warehouse;
    private final Dialect dialect;
    private final StateStore state;
    /** Lines for the run summary: columns converted, or left as text and why. */
    private final List<String> notes = new ArrayList<>();

    public ChunkWriter(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.state = new StateStore(warehouse);
    }

    /** The notes of the chunks written since the last call, for the run summary. */
    public List<String> takeNotes() {
        List<String> out = List.copyOf(notes);
        notes.clear();
        return out;
    }

    /** Writes the chunk and returns the number of rows inserted or changed. */
    public long write(TableTarget target, RecordSpool spool, StateUpdate update, String runId, Instant loadedAt)
            throws Exception {
        return write(target, spool, null, update, runId, loadedAt);
    }

    /**
     * Writes the chunk, then applies the vendor's delete signals spooled in {@code deleted} (key
     * fields only; null for none), and returns the number of rows inserted, changed or deleted.
     */
    public long write(TableTarget target, RecordSpool spool, RecordSpool deleted, StateUpdate update, String runId,
                      Instant loadedAt) throws Exception {
        spool.finish();
        if (deleted != null) {
            deleted.finish();
        }
        // The file is held only for the write itself: the spool is complete before the turn starts.
        return warehouse.turn(() -> writeInTurn(target, spool, deleted, update, runId, loadedAt));
    }

    private long writeInTurn(TableTarget target, RecordSpool spool, RecordSpool deleted, StateUpdate update,
                             String runId, Instant loadedAt) throws Exception {
        new TypeConversions(warehouse, notes).convert(target, spool);
        Connection c = warehouse.connection();
        List<Column> existing = warehouse.columns(target.schema(), target.table());
        Plan plan = plan(target, spool, existing);

        if (!dialect.transactionalDdl()) {
            evolve(target, plan, existing.isEmpty());
        }
        c.setAutoCommit(false);
        try {
            if (dialect.transactionalDdl()) {
                evolve(target, plan, existing.isEmpty());
            }
            directlyLoaded = false;
            long written = plan.columns.isEmpty() ? 0 : writeRows(target, spool, plan, runId, loadedAt);
            if (!plan.key.isEmpty() && spool.rows() > 0 && !plan.columns.isEmpty()) {
                written += keysSeen(target, plan, runId, loadedAt);
            }
            if (deleted != null && deleted.rows() > 0) {
                written += applyDeletes(target, deleted, runId, loadedAt);
            }
            recordColumns(target, plan);
            state.save(update, loadedAt);
            c.commit();
            return written;
        } catch (Exception e) {
            // The database may have ended the transaction itself (DuckDB does when it runs out of
            // memory): a failing rollback must not hide the error that says why.
            try {
                c.rollback();
            } catch (java.sql.SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (java.sql.SQLException ignored) {
                // Same: the transaction is already gone, and the original error is being reported.
            }
            dropStaging();
        }
    }

    /** Whether the last {@link #writeRows} loaded the spool straight into an empty table. */
    private boolean directlyLoaded;

    /**
     * Keys of the chunk's rows: their {@code _deleted_at} is cleared (the record came back), and
     * during a complete read they are remembered in the keys table. Returns the rows restored.
     */
    private long keysSeen(TableTarget target, Plan plan, String runId, Instant loadedAt) throws SQLException {
        String table = warehouse.table(target.schema(), target.table());
        String keys = dialect.columnList(plan.key);
        if (directlyLoaded) {
            // The table was empty: every row in it is one of the chunk's.
            if (target.keysTable() != null) {
                warehouse.execute("INSERT INTO " + target.keysTable() + " (" + keys + ") SELECT " + keys + " FROM "
                        + table);
            }
            return 0;
        }
        String staging = dialect.stagingName(STAGING);
        if (target.keysTable() != null) {
            warehouse.execute("INSERT INTO " + target.keysTable() + " (" + keys + ") SELECT " + keys + " FROM "
                    + staging);
        }
        String deletedAt = dialect.quote(Warehouse.DELETED_AT);
        try (Statement s = warehouse.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE " + deletedAt + " IS NOT NULL LIMIT 1")) {
            if (!rs.next()) {
                return 0;
            }
        }
        String sql = "UPDATE " + table + " SET " + deletedAt + " = NULL, " + dialect.quote("_loaded_at") + " = "
                + warehouse.castTimestamp() + ", " + dialect.quote("_run_id") + " = CAST(? AS " + castText() + ")"
                + " WHERE " + deletedAt + " IS NOT NULL AND EXISTS (SELECT 1 FROM " + staging + " staged WHERE "
                + matching("staged", table, plan.key) + ")";
        try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
            ps.setString(1, Warehouse.timestampText(loadedAt));
            ps.setString(2, runId);
            return ps.executeUpdate();
        }
    }

    /** {@code alias.k = table.k AND ...} over the key columns. */
    private String matching(String alias, String table, List<String> key) {
        return key.stream().map(k -> alias + "." + dialect.quote(k) + " = " + table + "." + dialect.quote(k))
                .collect(java.util.stream.Collectors.joining(" AND "));
    }

    /** The vendor's delete signals of the chunk, after its rows: soft marks, hard removes, off ignores. */
    private long applyDeletes(TableTarget target, RecordSpool deleted, String runId, Instant loadedAt)
            throws Exception {
        if (target.deletes() == DeleteMode.OFF || !warehouse.tableExists(target.schema(), target.table())) {
            return 0;
        }
        Deletions deletions = new Deletions(warehouse);
        List<Column> key = deletions.keyColumns(target.schema(), target.table(), target.key());
        if (key.isEmpty()) {
            return 0;
        }
        // The spool's columns are the key fields; the staging table takes the table's types for them.
        List<Column> staged = new ArrayList<>();
        staged.add(new Column("_seq", ColumnType.INTEGER, "_seq"));
        for (Column col : deleted.columns()) {
            Column have = key.stream().filter(k -> k.name().equals(col.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("a delete signal for " + target.schema() + "."
                            + target.table() + " names field '" + col.original() + "', which is not its primary key "
                            + target.key()));
            staged.add(have);
        }
        String defs = staged.stream().map(c -> dialect.quote(c.name()) + " " + dialect.typeName(c.type(), false))
                .collect(java.util.stream.Collectors.joining(", "));
        String name = "stockroom_deleted";
        warehouse.execute(dialect.dropStaging(name));
        warehouse.execute(dialect.createStaging(name, defs));
        try {
            dialect.bulkLoad(warehouse.connection(), dialect.stagingName(name), staged, deleted.file());
            String table = warehouse.table(target.schema(), target.table());
            List<String> keyNames = key.stream().map(Column::name).toList();
            String signalled = " EXISTS (SELECT 1 FROM " + dialect.stagingName(name) + " gone WHERE "
                    + matching("gone", table, keyNames) + ")";
            if (target.deletes() == DeleteMode.HARD) {
                try (Statement s = warehouse.connection().createStatement()) {
                    return s.executeUpdate("DELETE FROM " + table + " WHERE" + signalled);
                }
            }
            try (PreparedStatement ps = warehouse.connection().prepareStatement(deletions.markSql(table) + " WHERE "
                    + dialect.quote(Warehouse.DELETED_AT) + " IS NULL AND" + signalled)) {
                Deletions.bindMark(ps, loadedAt, runId);
                return ps.executeUpdate();
            }
        } finally {
            warehouse.execute(dialect.dropStaging(name));
        }
    }

    /**
     * Remembers the keys of a key-only chunk of a complete read in its keys table, in one
     * transaction; no row of the stream's table changes.
     */
    public void writeKeys(TableTarget target, RecordSpool keys) throws Exception {
        keys.finish();
        if (target.keysTable() == null || keys.rows() == 0) {
            return;
        }
        List<Column> key = new Deletions(warehouse).keyColumns(target.schema(), target.table(), target.key());
        List<Column> staged = new ArrayList<>();
        staged.add(new Column("_seq", ColumnType.INTEGER, "_seq"));
        for (Column col : keys.columns()) {
            staged.add(key.stream().filter(k -> k.name().equals(col.name())).findFirst()
                    .orElse(col.withType(col.type() == null ? ColumnType.STRING : col.type())));
        }
        String defs = staged.stream().map(c -> dialect.quote(c.name()) + " " + dialect.typeName(c.type(), false))
                .collect(java.util.stream.Collectors.joining(", "));
        Connection c = warehouse.connection();
        c.setAutoCommit(false);
        try {
            dropStaging();
            warehouse.execute(dialect.createStaging(STAGING, defs));
            dialect.bulkLoad(c, dialect.stagingName(STAGING), staged, keys.file());
            String names = dialect.columnList(key.stream().map(Column::name).toList());
            warehouse.execute("INSERT INTO " + target.keysTable() + " (" + names + ") SELECT " + names + " FROM "
                    + dialect.stagingName(STAGING));
            c.commit();
        } catch (Exception e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
            dropStaging();
        }
    }

    private record Plan(List<Column> columns, List<Column> added, List<Column> widened, List<String> key) {
    }

    private Plan plan(TableTarget target, RecordSpool spool, List<Column> existing) {
        Map<String, Column> current = new LinkedHashMap<>();
        existing.forEach(col -> current.put(col.name(), col));
        List<Column> columns = new ArrayList<>();
        List<Column> added = new ArrayList<>();
        List<Column> widened = new ArrayList<>();
        for (Column incoming : spool.columns()) {
            Column have = current.get(incoming.name());
            if (have == null) {
                Column fresh = incoming.type() == null ? incoming.withType(ColumnType.STRING) : incoming;
                added.add(fresh);
                columns.add(fresh);
            } else {
                ColumnType joined = ColumnType.join(have.type(), incoming.type());
                Column col = incoming.withType(joined);
                if (joined != have.type()) {
                    widened.add(col);
                }
                columns.add(col);
            }
        }
        List<String> key = target.key().stream().map(spool::columnName).toList();
        return new Plan(columns, added, widened, key);
    }

    private void evolve(TableTarget target, Plan plan, boolean create) throws SQLException {
        if (plan.columns.isEmpty()) {
            return;
        }
        String table = warehouse.table(target.schema(), target.table());
        if (create) {
            warehouse.createSchema(target.schema());
            warehouse.execute(warehouse.createTable(target.schema(), target.table(), plan.columns, plan.key, true));
            return;
        }
        if (!plan.key.isEmpty() && !warehouse.hasColumn(target.schema(), target.table(), Warehouse.DELETED_AT)) {
            // Keyed tables made before deletions were tracked get the column in place.
            warehouse.execute(dialect.addColumn(table, Warehouse.DELETED_AT, ColumnType.TIMESTAMP));
        }
        for (Column col : plan.added) {
            warehouse.execute(dialect.addColumn(table, col.name(), col.type()));
        }
        for (Column col : plan.widened) {
            try {
                warehouse.execute(dialect.alterColumnType(table, col.name(), col.type()));
            } catch (SQLException e) {
                throw new SQLException("column " + col.name() + " of " + target.schema() + "." + target.table()
                        + " must widen to " + col.type().configName() + " because the source now sends "
                        + col.type().configName() + " values, and " + dialect.name() + " refused: " + e.getMessage()
                        + ". Alter or drop the column by hand, then sync again.", e);
            }
        }
    }

    private long writeRows(TableTarget target, RecordSpool spool, Plan plan, String runId, Instant loadedAt)
            throws Exception {
        String table = warehouse.table(target.schema(), target.table());
        if (target.mode() == WriteMode.REPLACE) {
            warehouse.execute("DELETE FROM " + table);
        }
        if (target.mode() == WriteMode.REPLACE_WINDOW && target.window() != null) {
            deleteWindow(table, spool.columnName(target.dayField()), target);
        }
        boolean unique = keysProvedUnique(spool, plan);
        if (unique && spool.rows() > 0 && dialect.loadsDirectly() && isEmpty(table)) {
            // An empty table and keys proved unique: nothing to merge, so the rows go straight in.
            directlyLoaded = true;
            return dialect.loadDirectly(warehouse.connection(), table, plan.columns, spool.file(),
                    Warehouse.timestampText(loadedAt), runId);
        }

        List<Column> staged = new ArrayList<>();
        staged.add(new Column("_seq", ColumnType.INTEGER, "_seq"));
        staged.addAll(plan.columns);
        StringBuilder defs = new StringBuilder();
        for (Column col : staged) {
            defs.append(dialect.quote(col.name())).append(' ').append(dialect.typeName(col.type(), false)).append(", ");
        }
        defs.setLength(defs.length() - 2);
        dropStaging();
        warehouse.execute(dialect.createStaging(STAGING, defs.toString()));
        if (spool.rows() > 0) {
            dialect.bulkLoad(warehouse.connection(), dialect.stagingName(STAGING), staged, spool.file());
        }

        List<String> names = plan.columns.stream().map(Column::name).toList();
        List<String> inserted = new ArrayList<>(names);
        inserted.addAll(Dialect.STAMP);
        // Deduplication (last of equal keys wins) only when the chunk has equal keys: the usual chunk
        // has none, and then the window function's sort of the whole chunk is wasted work.
        boolean dedupe = !plan.key.isEmpty() && spool.rows() > 1 && !unique && hasDuplicateKeys(plan.key);
        String select = select(names, dedupe ? plan.key : List.of(), !plan.key.isEmpty());
        String sql;
        if (plan.key.isEmpty() || (dialect.plainInsertIntoEmptyTable() && isEmpty(table))) {
            // Into an empty table the selected keys are unique, so nothing can conflict: a plain insert
            // writes the same rows without the upsert's per-row conflict handling.
            sql = "INSERT INTO " + table + " (" + dialect.columnList(inserted) + ") " + select;
        } else if (target.mode() == WriteMode.APPEND) {
            sql = dialect.insertIgnore(table, inserted, plan.key, select);
        } else if (!dedupe && dialect.mergesByJoins()) {
            return mergeByJoins(table, names, plan.key, loadedAt, runId);
        } else {
            sql = dialect.upsert(table, inserted, plan.key, select);
        }
        try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
            ps.setString(1, Warehouse.timestampText(loadedAt));
            ps.setString(2, runId);
            return ps.executeUpdate();
        }
    }

    /**
     * Merge of staged rows whose keys are unique: update the rows that changed, then insert the
     * rows whose key is new. Unchanged rows are left alone, stamps included, as in the upsert.
     */
    private long mergeByJoins(String table, List<String> names, List<String> key, Instant loadedAt, String runId)
            throws SQLException {
        String staging = dialect.stagingName(STAGING);
        List<String> compared = names.stream().filter(n -> !key.contains(n)).toList();
        String match = key.stream().map(k -> "t." + dialect.quote(k) + " = s." + dialect.quote(k))
                .collect(java.util.stream.Collectors.joining(" AND "));
        long written = 0;
        if (!compared.isEmpty()) {
            StringBuilder update = new StringBuilder("UPDATE ").append(table).append(" AS t SET ");
            for (String c : compared) {
                update.append(dialect.quote(c)).append(" = s.").append(dialect.quote(c)).append(", ");
            }
            update.append(dialect.quote("_loaded_at")).append(" = ").append(warehouse.castTimestamp()).append(", ")
                    .append(dialect.quote("_run_id")).append(" = CAST(? AS ").append(castText()).append(") FROM ")
                    .append(staging).append(" AS s WHERE ").append(match).append(" AND (")
                    .append(compared.stream().map(c -> "t." + dialect.quote(c) + " IS DISTINCT FROM s." + dialect.quote(c))
                            .collect(java.util.stream.Collectors.joining(" OR "))).append(')');
            try (PreparedStatement ps = warehouse.connection().prepareStatement(update.toString())) {
                ps.setString(1, Warehouse.timestampText(loadedAt));
                ps.setString(2, runId);
                written += ps.executeUpdate();
            }
        }
        List<String> inserted = new ArrayList<>(names);
        inserted.addAll(Dialect.STAMP);
        String insert = "INSERT INTO " + table + " (" + dialect.columnList(inserted) + ") SELECT "
                + names.stream().map(n -> "s." + dialect.quote(n)).collect(java.util.stream.Collectors.joining(", "))
                + ", " + warehouse.castTimestamp() + ", CAST(? AS " + castText() + ") FROM " + staging
                + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + table + " AS t WHERE " + match + ")";
        try (PreparedStatement ps = warehouse.connection().prepareStatement(insert)) {
            ps.setString(1, Warehouse.timestampText(loadedAt));
            ps.setString(2, runId);
            written += ps.executeUpdate();
        }
        return written;
    }

    /**
     * The spool proved its keys unique and the database compares them as the spool did: text byte
     * for byte (not MariaDB's case-insensitive collations), whole numbers in text or integer columns.
     */
    private boolean keysProvedUnique(RecordSpool spool, Plan plan) {
        if (plan.key.isEmpty() || !spool.keysProvedUnique() || !dialect.comparesTextExactly()) {
            return false;
        }
        for (Column col : plan.columns) {
            if (plan.key.contains(col.name()) && col.type() != ColumnType.STRING && col.type() != ColumnType.INTEGER) {
                return false;
            }
        }
        return true;
    }

    /**
     * SELECT over the staging table, keeping the last of duplicate {@code key}s (none: every row).
     * Rows of a keyless stream keep their arrival order.
     */
    private String select(List<String> names, List<String> key, boolean keyed) {
        String stamp = warehouse.castTimestamp() + ", CAST(? AS " + castText() + ")";
        String staging = dialect.stagingName(STAGING);
        if (key.isEmpty()) {
            return "SELECT " + dialect.columnList(names) + ", " + stamp + " FROM " + staging
                    + (keyed ? "" : " ORDER BY " + dialect.quote("_seq"));
        }
        return "SELECT " + dialect.columnList(names) + ", " + stamp + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                + dialect.columnList(key) + " ORDER BY " + dialect.quote("_seq") + " DESC) AS stockroom_rn FROM "
                + staging + ") deduplicated WHERE stockroom_rn = 1";
    }

    /** Whether two staged rows have equal keys, by the database's own equality (as the window partitions). */
    private boolean hasDuplicateKeys(List<String> key) throws SQLException {
        String sql = "SELECT 1 FROM " + dialect.stagingName(STAGING) + " GROUP BY " + dialect.columnList(key)
                + " HAVING COUNT(*) > 1 LIMIT 1";
        try (Statement s = warehouse.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private boolean isEmpty(String table) throws SQLException {
        try (Statement s = warehouse.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return !rs.next();
        }
    }

    private String castText() {
        return dialect.castableText();
    }

    private void deleteWindow(String table, String dayColumn, TableTarget target) throws SQLException {
        String cast = "CAST(? AS " + dialect.typeName(ColumnType.DATE, false) + ")";
        try (PreparedStatement ps = warehouse.connection().prepareStatement("DELETE FROM " + table + " WHERE "
                + dialect.quote(dayColumn) + " BETWEEN " + cast + " AND " + cast)) {
            ps.setString(1, target.window().first().toString());
            ps.setString(2, target.window().last().toString());
            ps.executeUpdate();
        }
    }

    private void recordColumns(TableTarget target, Plan plan) throws SQLException {
        List<Column> changed = new ArrayList<>(plan.added);
        changed.addAll(plan.widened);
        for (Column col : changed) {
            String sql = dialect.upsert(warehouse.table(Warehouse.META, "columns"),
                    List.of("schema_name", "table_name", "column_name", "original_name", "data_type"),
                    List.of("schema_name", "table_name", "column_name"),
                    "SELECT CAST(? AS " + castText() + "), CAST(? AS " + castText() + "), CAST(? AS " + castText()
                            + "), CAST(? AS " + castText() + "), CAST(? AS " + castText() + ")");
            try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
                ps.setString(1, target.schema());
                ps.setString(2, target.table());
                ps.setString(3, col.name());
                ps.setString(4, col.original());
                ps.setString(5, col.type().configName());
                ps.executeUpdate();
            }
        }
    }

    private void dropStaging() throws SQLException {
        warehouse.execute(dialect.dropStaging(STAGING));
    }
}
