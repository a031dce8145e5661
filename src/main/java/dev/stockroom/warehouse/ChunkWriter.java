package dev.stockroom.warehouse;

import dev.stockroom.source.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    public ChunkWriter(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.state = new StateStore(warehouse);
    }

    /** Writes the chunk and returns the number of rows inserted or changed. */
    public long write(TableTarget target, RecordSpool spool, StateUpdate update, String runId, Instant loadedAt)
            throws Exception {
        spool.finish();
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
            long written = plan.columns.isEmpty() ? 0 : writeRows(target, spool, plan, runId, loadedAt);
            recordColumns(target, plan);
            state.save(update);
            c.commit();
            return written;
        } catch (Exception e) {
            c.rollback();
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
            warehouse.execute(dialect.createSchema(target.schema()));
            warehouse.execute(warehouse.createTable(target.schema(), target.table(), plan.columns, plan.key, true));
            return;
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

        String table = warehouse.table(target.schema(), target.table());
        List<String> names = plan.columns.stream().map(Column::name).toList();
        List<String> inserted = new ArrayList<>(names);
        inserted.addAll(Dialect.STAMP);
        String select = select(names, plan.key);
        if (target.mode() == WriteMode.REPLACE) {
            warehouse.execute("DELETE FROM " + table);
        }
        if (target.mode() == WriteMode.REPLACE_WINDOW && target.window() != null) {
            deleteWindow(table, spool.columnName(target.dayField()), target);
        }
        String sql;
        if (plan.key.isEmpty()) {
            sql = "INSERT INTO " + table + " (" + dialect.columnList(inserted) + ") " + select;
        } else if (target.mode() == WriteMode.APPEND) {
            sql = dialect.insertIgnore(table, inserted, plan.key, select);
        } else {
            sql = dialect.upsert(table, inserted, plan.key, select);
        }
        try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
            ps.setString(1, Warehouse.timestampText(loadedAt));
            ps.setString(2, runId);
            return ps.executeUpdate();
        }
    }

    /** SELECT over the staging table, keeping the last of duplicate keys. */
    private String select(List<String> names, List<String> key) {
        String stamp = warehouse.castTimestamp() + ", CAST(? AS " + castText() + ")";
        String staging = dialect.stagingName(STAGING);
        if (key.isEmpty()) {
            return "SELECT " + dialect.columnList(names) + ", " + stamp + " FROM " + staging + " ORDER BY "
                    + dialect.quote("_seq");
        }
        return "SELECT " + dialect.columnList(names) + ", " + stamp + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                + dialect.columnList(key) + " ORDER BY " + dialect.quote("_seq") + " DESC) AS stockroom_rn FROM "
                + staging + ") deduplicated WHERE stockroom_rn = 1";
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
