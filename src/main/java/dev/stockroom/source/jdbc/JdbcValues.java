package dev.stockroom.source.jdbc;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;

/** Converts what a JDBC driver returns into the plain values sources emit. */
final class JdbcValues {

    private JdbcValues() {
    }

    /** Timestamps without a zone are taken in the source's timezone and stored as UTC instants. */
    static Object read(ResultSet rs, int column, int kind, ZoneId zone) throws SQLException {
        if (kind == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime o = rs.getObject(column, OffsetDateTime.class);
            return o == null ? null : o.toInstant();
        }
        if (kind == Types.TIMESTAMP) {
            LocalDateTime l = rs.getObject(column, LocalDateTime.class);
            return l == null ? null : l.atZone(zone).toInstant();
        }
        if (kind == Types.DATE) {
            return rs.getObject(column, LocalDate.class);
        }
        Object v = rs.getObject(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().atZone(zone).toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDate || v instanceof Long || v instanceof BigDecimal || v instanceof Double
                || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return v.toString();
    }
}
