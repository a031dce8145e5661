package dev.stockroom.warehouse;

import dev.stockroom.source.TextValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a text column the type its values now show (SPEC §3: types come from the data, not from
 * the first chunk). A column created as text because its first values were all null, or because
 * ISO strings were once stored as text, is converted in place when a chunk brings typed values
 * (or the connector declares the type) and every stored value casts (numbers and booleans only
 * from a column of nulls, since a cast would turn the code 01234 into 1234): one statement, in its own
 * transaction where the database allows DDL in one. When a stored value does not cast, the column
 * stays text, and {@code stockroom.columns.type_note} says why, so {@code status} shows it and
 * later chunks do not try again.
 */
final class TypeConversions {

    private final Warehouse warehouse;
    private final Dialect dialect;
    private final List<String> notes;

    TypeConversions(Warehouse warehouse, List<String> notes) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.notes = notes;
    }

    /** Converts the target's text columns for which the spool has typed values. */
    void convert(TableTarget target, RecordSpool spool) throws SQLException {
        List<Column> existing = warehouse.columns(target.schema(), target.table());
        if (existing.isEmpty()) {
            return;
        }
        Map<String, ColumnType> incoming = new HashMap<>();
        spool.columns().forEach(c -> incoming.put(c.name(), c.type()));
        Map<String, String> refused = null;
        for (Column have : existing) {
            ColumnType wanted = incoming.get(have.name());
            if (have.type() != ColumnType.STRING || wanted == null || wanted == ColumnType.STRING
                    || target.key().contains(have.original())
                    || dialect.typeName(wanted, false).equals(dialect.typeName(ColumnType.STRING, false))) {
                continue;
            }
            if (refused == null) {
                refused = refusedColumns(target);
            }
            if (refused.containsKey(have.name())) {
                continue;
            }
            convert(target, have, wanted);
        }
    }

    private void convert(TableTarget target, Column column, ColumnType type) throws SQLException {
        String table = warehouse.table(target.schema(), target.table());
        String where = target.schema() + "." + target.table() + "." + column.name();
        Connection c = warehouse.connection();
        c.setAutoCommit(false);
        try {
            boolean empty = allNull(table, column.name());
            if (!empty && (type.isNumeric() || type == ColumnType.BOOLEAN)) {
                // A database's cast is looser than the source's reading of text: '01234' would become 1234.
                throw new SQLException("it holds text values, and numbers or booleans read from text could "
                        + "change them (a code like 01234 would lose its zero)");
            }
            if (!empty && (type == ColumnType.DATE || type == ColumnType.TIMESTAMP)) {
                requireIso(table, column.name(), type);
            }
            warehouse.execute(dialect.alterColumnType(table, column.name(), type));
            note(target, column.name(), type.configName(), null);
            c.commit();
            notes.add("column " + where + " converted from text to " + type.configName()
                    + (empty ? " (it had held only nulls)" : " (every stored value was one)"));
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            String why = "stays text: the source now sends " + type.configName() + " values, but a stored value is not"
                    + " one (" + firstLine(e.getMessage()) + ")";
            c.setAutoCommit(true);
            note(target, column.name(), "string", why);
            notes.add("column " + where + " " + why);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Every stored value reads as the source reads text (ISO dates and timestamps): a database's
     * own cast is looser (PostgreSQL takes 'yesterday' for a timestamp).
     */
    private void requireIso(String table, String column, ColumnType type) throws SQLException {
        try (var s = warehouse.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT " + dialect.quote(column) + " FROM " + table + " WHERE "
                     + dialect.quote(column) + " IS NOT NULL")) {
            while (rs.next()) {
                String text = rs.getString(1);
                Object value = TextValues.temporal(text, java.time.ZoneOffset.UTC);
                boolean fits = type == ColumnType.DATE ? value instanceof java.time.LocalDate
                        : value instanceof java.time.LocalDate || value instanceof java.time.Instant;
                if (!fits) {
                    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
                    throw new SQLException("'" + shown + "' is not an ISO " + type.configName());
                }
            }
        }
    }

    private boolean allNull(String table, String column) throws SQLException {
        try (var s = warehouse.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE " + dialect.quote(column)
                     + " IS NOT NULL LIMIT 1")) {
            return !rs.next();
        }
    }

    /** Columns of the table whose conversion was refused before, with the reason. */
    private Map<String, String> refusedColumns(TableTarget target) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT column_name, type_note FROM "
                + warehouse.table(Warehouse.META, "columns") + " WHERE schema_name = ? AND table_name = ?"
                + " AND type_note IS NOT NULL")) {
            ps.setString(1, target.schema());
            ps.setString(2, target.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private void note(TableTarget target, String column, String type, String why) throws SQLException {
        try (PreparedStatement ps = warehouse.connection().prepareStatement("UPDATE "
                + warehouse.table(Warehouse.META, "columns") + " SET data_type = ?, type_note = ?"
                + " WHERE schema_name = ? AND table_name = ? AND column_name = ?")) {
            ps.setString(1, type);
            ps.setString(2, why);
            ps.setString(3, target.schema());
            ps.setString(4, target.table());
            ps.setString(5, column);
            ps.executeUpdate();
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

}
