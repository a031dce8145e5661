package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Instants;
import dev.stockroom.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one read-only query with a row cap and a timeout, inside a transaction that is rolled
 * back whatever happened.
 */
public final class QueryRunner {

    private final int rowLimit;
    private final Duration timeout;

    public QueryRunner(int rowLimit, Duration timeout) {
        this.rowLimit = rowLimit;
        this.timeout = timeout;
    }

    public int rowLimit() {
        return rowLimit;
    }

    public QueryResult run(Warehouse warehouse, String sql) throws SQLException, ReadOnlySql.Refused {
        return run(warehouse, sql, List.of());
    }

    /** The same with {@code ?} parameters bound to {@code parameters} (text or null), in order. */
    public QueryResult run(Warehouse warehouse, String sql, List<Object> parameters)
            throws SQLException, ReadOnlySql.Refused {
        String statement = ReadOnlySql.check(sql);
        Connection c = warehouse.connection();
        c.setAutoCommit(false);
        try (java.sql.PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.size(); i++) {
                // Filter values stay values: bound, never spliced into the SQL text.
                if (parameters.get(i) == null) {
                    s.setNull(i + 1, Types.VARCHAR);
                } else {
                    s.setString(i + 1, parameters.get(i).toString());
                }
            }
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            s.setMaxRows(rowLimit + 1);
            try (ResultSet rs = s.executeQuery()) {
                return read(rs);
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("interrupt")
                    || e instanceof java.sql.SQLTimeoutException) {
                throw new SQLException("the query ran longer than " + timeout.toSeconds() + "s and was cancelled; "
                        + "narrow it (a date range, a LIMIT) or aggregate first", e);
            }
            throw e;
        } finally {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == rowLimit) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs, i, meta.getColumnType(i)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows, truncated);
    }

    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || v instanceof java.sql.Timestamp
                || v instanceof java.time.OffsetDateTime || v instanceof java.time.LocalDateTime) {
            return Instants.read(rs, i).toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.time.LocalDate d) {
            return d.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : d.doubleValue();
        }
        if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof Double || v instanceof Float || v instanceof Boolean) {
            return v;
        }
        return v.toString();
    }
}
