package dev.stockroom.warehouse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Reads a timestamp column into an Instant, whatever Java type the driver chose. */
public final class Instants {

    private Instants() {
    }

    /**
     * Reads a timestamp column without passing through the JVM's default zone: zoned types as
     * offsets, zone-less ones as UTC (every Stockroom session runs in UTC).
     */
    public static Instant read(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.sql.ResultSetMetaData meta = rs.getMetaData();
        String typeName = meta.getColumnTypeName(column).toLowerCase();
        if (meta.getColumnType(column) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || typeName.contains("tz")
                || typeName.contains("with time zone")) {
            OffsetDateTime o = rs.getObject(column, OffsetDateTime.class);
            return o == null ? null : o.toInstant();
        }
        LocalDateTime l = rs.getObject(column, LocalDateTime.class);
        return l == null ? null : l.toInstant(ZoneOffset.UTC);
    }

    public static Instant of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp t) {
            // Sessions run in UTC, so a driver handing back a zone-less timestamp means UTC.
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i;
        }
        return Instant.parse(value.toString());
    }
}
