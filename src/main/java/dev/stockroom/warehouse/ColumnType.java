package dev.stockroom.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;

/**
 * The portable column types of the warehouse. Every dialect maps each to one database type, so
 * the same stream gets the same layout on DuckDB, PostgreSQL and MariaDB.
 */
public enum ColumnType {
    BOOLEAN, INTEGER, DECIMAL, DOUBLE, DATE, TIMESTAMP, JSON, STRING;

    /** The type of a value a source emitted; null for a null value (it says nothing). */
    public static ColumnType of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return INTEGER;
        }
        if (value instanceof BigDecimal d) {
            return d.scale() <= 9 && d.precision() - d.scale() <= 29 ? DECIMAL : DOUBLE;
        }
        if (value instanceof Double || value instanceof Float) {
            return DOUBLE;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return DATE;
        }
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime
                || value instanceof LocalDateTime || value instanceof java.sql.Timestamp) {
            return TIMESTAMP;
        }
        if (value instanceof Map || value instanceof Collection || value instanceof com.fasterxml.jackson.databind.JsonNode) {
            return JSON;
        }
        return STRING;
    }

    /** The narrowest type holding values of both: numbers widen, dates widen, anything else becomes text. */
    public static ColumnType join(ColumnType a, ColumnType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return a.ordinal() > b.ordinal() ? a : b;
        }
        if ((a == DATE || a == TIMESTAMP) && (b == DATE || b == TIMESTAMP)) {
            return TIMESTAMP;
        }
        return STRING;
    }

    /** The column type of a type a connector declared. */
    public static ColumnType of(dev.stockroom.source.FieldType declared) {
        return switch (declared) {
            case BOOLEAN -> BOOLEAN;
            case INTEGER -> INTEGER;
            case NUMBER -> DECIMAL;
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case JSON -> JSON;
            case TEXT -> STRING;
        };
    }

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == DOUBLE;
    }

    public String configName() {
        return name().toLowerCase();
    }
}
