package dev.stockroom.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The cursor column of a query, with its JDBC type, so that a saved cursor (text in
 * {@code stockroom.state}) is sent back to the database as a value of the right type.
 */
record CursorColumn(String name, int jdbcType) {

    /** The column's kind: timestamps with a zone are read as such, never through the JVM's zone. */
    static int kind(ResultSetMetaData meta, int column) throws SQLException {
        int type = meta.getColumnType(column);
        String name = meta.getColumnTypeName(column).toLowerCase();
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || name.contains("timestamptz") || name.contains("with time zone")) {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        }
        return type;
    }

    static CursorColumn probe(Connection c, String query, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + query + ") q WHERE 1 = 0");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnLabel(i).equalsIgnoreCase(column)) {
                    return new CursorColumn(meta.getColumnLabel(i), kind(meta, i));
                }
            }
        }
        throw new SQLException("the cursor column '" + column + "' is not among the query's columns");
    }

    String quoted() {
        return "q." + name;
    }

    int indexIn(String[] names) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The text saved as the cursor, read from the current row. */
    String read(ResultSet rs, int column) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(column, OffsetDateTime.class);
            case Types.DATE -> rs.getObject(column, LocalDate.class);
            default -> rs.getObject(column);
        };
        return value == null ? null : value.toString();
    }

    /** The saved cursor as a value for this column. */
    Object parse(String text) {
        return switch (jdbcType) {
            case Types.TIMESTAMP -> LocalDateTime.parse(text);
            case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.parse(text);
            case Types.DATE -> LocalDate.parse(text);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Long.parseLong(text);
            case Types.NUMERIC, Types.DECIMAL -> new java.math.BigDecimal(text);
            default -> text;
        };
    }

    /** The start of a day in the source's zone, as a value comparable with this column. */
    Object dayStart(LocalDate day, ZoneId zone) {
        return switch (jdbcType) {
            case Types.TIMESTAMP -> day.atStartOfDay();
            case Types.TIMESTAMP_WITH_TIMEZONE -> day.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            case Types.DATE -> day;
            default -> day.toString();
        };
    }
}
