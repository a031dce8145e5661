package dev.stockroom.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one user query on a reader ({@link Warehouse#openReadOnly}) and streams its rows to a sink,
 * stopping the query when the rows or the bytes of their values reach a cap, or when it runs too
 * long. Rows are fetched a few at a time on every engine, so memory holds what the sink keeps,
 * never the whole result.
 */
public final class CappedQuery {

    /** Rows per round trip: a small batch, since one row may be megabytes. */
    static final int FETCH_SIZE = 64;

    /** What a query may return and how long it may run ({@link Duration#ZERO}: as long as it takes). */
    public record Limits(int rows, long bytes, Duration timeout) {
        public Limits {
            if (rows < 1 || bytes < 1) {
                throw new IllegalArgumentException("row and byte limits must be at least 1");
            }
        }
    }

    /** Which cap stopped the query, if any. */
    public enum Cut { NONE, ROWS, BYTES }

    /** How a query ended: rows passed to the sink, the bytes of their values, and what cut it. */
    public record Outcome(long rows, long bytes, Cut cut) {

        /**
         * A sentence saying the result was cut and by which setting, or empty when it is whole.
         * {@code rowSetting}/{@code byteSetting} name what the reader can change.
         */
        public Optional<String> message(Limits limits, String rowSetting, String byteSetting) {
            return switch (cut) {
                case NONE -> Optional.empty();
                case ROWS -> Optional.of(String.format("cut at the row limit: the first %,d rows (%s)", rows,
                        rowSetting));
                case BYTES -> Optional.of(String.format("cut at the byte limit of %s: the first %,d rows (%s); "
                        + "select fewer or narrower columns, or aggregate", ByteCounts.text(limits.bytes()), rows,
                        byteSetting));
            };
        }
    }

    /** Reads one value of the current row, as the sink wants it. */
    public interface Values {
        Object read(ResultSet rs, int column, int sqlType) throws SQLException;
    }

    /** Receives the column names, then each row's values. */
    public interface Sink {
        void columns(List<String> names) throws Exception;

        void row(List<Object> values) throws Exception;
    }

    private CappedQuery() {
    }

    public static Outcome run(Warehouse warehouse, String sql, Limits limits, Values values, Sink sink)
            throws Exception {
        return run(warehouse, sql, List.of(), limits, values, sink);
    }

    /** The same with the query's {@code ?} parameters bound to {@code parameters} (text or null), in order. */
    public static Outcome run(Warehouse warehouse, String sql, List<Object> parameters, Limits limits, Values values,
                              Sink sink) throws Exception {
        Dialect dialect = warehouse.dialect();
        Connection c = warehouse.connection();
        boolean autoCommit = c.getAutoCommit();
        // PostgreSQL streams with a fetch size only inside a transaction.
        c.setAutoCommit(false);
        try (Dialect.Prepared prepared = dialect.prepareQuery(c, sql, limits.bytes())) {
            PreparedStatement ps = prepared.statement();
            for (int i = 0; i < parameters.size(); i++) {
                // Values stay values: bound, never spliced into the SQL text.
                if (parameters.get(i) == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setString(i + 1, parameters.get(i).toString());
                }
            }
            if (!limits.timeout().isZero()) {
                ps.setQueryTimeout((int) Math.max(1, limits.timeout().toSeconds()));
            }
            ps.setFetchSize(FETCH_SIZE);
            ps.setMaxRows(limits.rows() + 1);
            Outcome outcome;
            try (ResultSet rs = ps.executeQuery()) {
                outcome = stream(rs, prepared.totalColumn(), limits, values, sink);
                if (outcome.cut() != Cut.NONE) {
                    stop(ps);
                }
            } catch (SQLException e) {
                throw explain(e, limits);
            }
            return outcome;
        } catch (SQLException e) {
            throw explain(e, limits);
        } finally {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static Outcome stream(ResultSet rs, boolean totalColumn, Limits limits, Values values, Sink sink)
            throws Exception {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount() - (totalColumn ? 1 : 0);
        int[] types = new int[n];
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(meta.getColumnLabel(i));
            types[i - 1] = meta.getColumnType(i);
        }
        sink.columns(names);
        long rows = 0;
        long bytes = 0;
        while (rs.next()) {
            if (rows == limits.rows()) {
                return new Outcome(rows, bytes, Cut.ROWS);
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = values.read(rs, i, types[i - 1]);
                bytes += ByteCounts.of(v);
                row.add(v);
            }
            sink.row(row);
            rows++;
            long counted = totalColumn ? rs.getLong(n + 1) : bytes;
            if (counted >= limits.bytes()) {
                return new Outcome(rows, bytes, Cut.BYTES);
            }
        }
        return new Outcome(rows, bytes, Cut.NONE);
    }

    /** Stops the query on the server, so a cut result costs no more than what was read. */
    private static void stop(PreparedStatement ps) {
        try {
            ps.cancel();
        } catch (SQLException ignored) {
            // Closing the statement ends it all the same.
        }
    }

    private static SQLException explain(SQLException e, Limits limits) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (e instanceof SQLTimeoutException || message.contains("interrupt")
                || message.contains("canceling statement due to statement timeout")
                || message.contains("max_statement_time")) {
            return new SQLException("the query ran longer than " + limits.timeout().toSeconds()
                    + "s and was cancelled; narrow it (a date range, a LIMIT) or aggregate first", e);
        }
        return e;
    }
}
