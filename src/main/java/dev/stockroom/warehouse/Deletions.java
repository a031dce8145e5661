package dev.stockroom.warehouse;

import dev.stockroom.source.DeleteMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Marks the rows whose keys a complete read did not see (SPEC §4 "Deletions"). A complete read
 * may commit in many chunks, so its keys are remembered in a table of the warehouse
 * ({@code stockroom.keys_<schema>__<table>}), each chunk's keys in the chunk's own transaction;
 * only once the last chunk committed does one set-based statement mark (or remove) the rows whose
 * key is absent, in a transaction with the stream's {@code reconciled_at}. A read that fails
 * leaves the keys table behind unused: the next complete read starts it afresh.
 */
public final class Deletions {

    private final Warehouse warehouse;
    private final Dialect dialect;

    public Deletions(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
    }

    /**
     * Starts remembering keys for a complete read. Empty when the table does not exist or is
     * empty: every row it will hold then comes from this read, so none can be missing.
     */
    public Optional<String> begin(String schema, String table, List<String> keyFields) throws SQLException {
        return warehouse.turn(() -> beginInTurn(schema, table, keyFields));
    }

    private Optional<String> beginInTurn(String schema, String table, List<String> keyFields) throws SQLException {
        List<Column> key = keyColumns(schema, table, keyFields);
        String keys = keysTable(schema, table);
        drop(keys);
        if (key.isEmpty() || isEmpty(warehouse.table(schema, table))) {
            return Optional.empty();
        }
        String defs = key.stream().map(c -> dialect.quote(c.name()) + " " + dialect.typeName(c.type(), true))
                .collect(Collectors.joining(", "));
        warehouse.execute("CREATE TABLE " + keys + " (" + defs + ")");
        // MariaDB runs NOT EXISTS as a lookup per row: without an index that is rows times keys.
        warehouse.execute("CREATE INDEX " + dialect.quote(indexName(schema, table)) + " ON " + keys + " ("
                + dialect.columnList(key.stream().map(Column::name).toList()) + ")");
        return Optional.of(keys);
    }

    /**
     * The complete read ended: rows whose key it did not see get {@code _deleted_at} (soft), are
     * removed (hard) or stay (off), and the stream's {@code reconciled_at} moves, in one
     * transaction. Returns the rows marked or removed.
     */
    public long finish(String schema, String table, List<String> keyFields, String keys, DeleteMode mode,
                       String source, String stream, String runId, Instant now) throws SQLException {
        return warehouse.turn(() -> finishInTurn(schema, table, keyFields, keys, mode, source, stream, runId, now));
    }

    private long finishInTurn(String schema, String table, List<String> keyFields, String keys, DeleteMode mode,
                              String source, String stream, String runId, Instant now) throws SQLException {
        Connection c = warehouse.connection();
        List<Column> key = keyColumns(schema, table, keyFields);
        String target = warehouse.table(schema, table);
        long changed = 0;
        c.setAutoCommit(false);
        try {
            if (keys != null && mode != DeleteMode.OFF && !key.isEmpty()) {
                String absent = " WHERE NOT EXISTS (SELECT 1 FROM " + keys + " k WHERE "
                        + key.stream().map(col -> "k." + dialect.quote(col.name()) + " = " + target + "."
                        + dialect.quote(col.name())).collect(Collectors.joining(" AND ")) + ")";
                changed = mode == DeleteMode.HARD ? update("DELETE FROM " + target + absent, null, null)
                        : update(markSql(target) + absent + " AND " + dialect.quote(Warehouse.DELETED_AT)
                        + " IS NULL", now, runId);
            }
            new StateStore(warehouse).markReconciled(source, stream, now);
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        if (keys != null) {
            drop(keys);
        }
        return changed;
    }

    /** Drops a keys table of a read that did not complete; it is never used for marking. */
    public void discard(String keys) {
        try {
            warehouse.turn(() -> {
                drop(keys);
                return null;
            });
        } catch (SQLException e) {
            // A leftover keys table is harmless: the next complete read of the stream drops it first.
        }
    }

    /** {@code UPDATE target SET _deleted_at = ?, _loaded_at = ?, _run_id = ?}, for the caller's WHERE. */
    String markSql(String target) {
        return "UPDATE " + target + " SET " + dialect.quote(Warehouse.DELETED_AT) + " = " + warehouse.castTimestamp()
                + ", " + dialect.quote("_loaded_at") + " = " + warehouse.castTimestamp() + ", "
                + dialect.quote("_run_id") + " = CAST(? AS " + dialect.castableText() + ")";
    }

    /** The target's key columns, in key order; empty when the table lacks one of them. */
    List<Column> keyColumns(String schema, String table, List<String> keyFields) throws SQLException {
        List<Column> columns = warehouse.columns(schema, table);
        List<Column> key = new ArrayList<>();
        for (String field : keyFields) {
            Optional<Column> col = columns.stream().filter(c -> c.original().equals(field)).findFirst();
            if (col.isEmpty()) {
                return List.of();
            }
            key.add(col.get());
        }
        return key;
    }

    /** Runs a statement; with {@code at}, binds the parameters of {@link #markSql}. */
    private long update(String sql, Instant at, String runId) throws SQLException {
        try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
            if (at != null) {
                bindMark(ps, at, runId);
            }
            return ps.executeUpdate();
        }
    }

    /** Binds {@code _deleted_at} and {@code _loaded_at} to {@code at}, {@code _run_id} to the run. */
    static void bindMark(PreparedStatement ps, Instant at, String runId) throws SQLException {
        ps.setString(1, Warehouse.timestampText(at));
        ps.setString(2, Warehouse.timestampText(at));
        ps.setString(3, runId);
    }

    private boolean isEmpty(String table) throws SQLException {
        try (var s = warehouse.connection().createStatement();
             var rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return !rs.next();
        }
    }

    private void drop(String keys) throws SQLException {
        warehouse.execute("DROP TABLE IF EXISTS " + keys);
    }

    private String keysTable(String schema, String table) {
        return warehouse.table(Warehouse.META, shortName("keys_", schema, table));
    }

    private static String indexName(String schema, String table) {
        return shortName("keys_ix_", schema, table);
    }

    /** Identifiers are limited to 63 characters on PostgreSQL, 64 on MariaDB. */
    private static String shortName(String prefix, String schema, String table) {
        String name = prefix + schema + "__" + table;
        if (name.length() <= 60) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, 47) + "_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
