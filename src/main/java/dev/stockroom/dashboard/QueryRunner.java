package dev.stockroom.dashboard;

import dev.stockroom.warehouse.CappedQuery;
import dev.stockroom.warehouse.Instants;
import dev.stockroom.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one user query on a reader with the dashboard's row cap, byte cap and timeout, keeping the
 * rows for a page (at most the caps' worth). The reader itself refuses writes; {@link ReadOnlySql}
 * only gives a clearer message first.
 */
public final class QueryRunner {

    private final CappedQuery.Limits limits;

    public QueryRunner(int rowLimit, long byteLimit, Duration timeout) {
        this.limits = new CappedQuery.Limits(rowLimit, byteLimit, timeout);
    }

    public int rowLimit() {
        return limits.rows();
    }

    public QueryResult run(Warehouse warehouse, String sql) throws Exception {
        return run(warehouse, sql, List.of());
    }

    /** The same with {@code ?} parameters bound to {@code parameters} (text or null), in order. */
    public QueryResult run(Warehouse warehouse, String sql, List<Object> parameters) throws Exception {
        String statement = ReadOnlySql.check(sql);
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        CappedQuery.Outcome outcome = CappedQuery.run(warehouse, statement, parameters, limits, QueryRunner::value,
                new CappedQuery.Sink() {
                    @Override
                    public void columns(List<String> names) {
                        columns.addAll(names);
                    }

                    @Override
                    public void row(List<Object> values) {
                        rows.add(values);
                    }
                });
        return new QueryResult(columns, rows, outcome.cut() != CappedQuery.Cut.NONE,
                outcome.message(limits, "dashboard.row_limit", "dashboard.byte_limit").orElse(null));
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
