package dev.stockroom.source.jdbc;

import dev.stockroom.config.Secrets;
import dev.stockroom.source.DayRange;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.StreamSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tables or queries, streaming rows with a fetch size so that a large table never sits in
 * memory. Cursor streams are read in cursor order from the saved cursor (inclusive, since rows
 * sharing the last cursor value may have arrived since; the merge makes the repeat harmless).
 */
final class JdbcSource implements Source {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final String url;
    private final String initSql;
    private final ZoneId zone;
    private final int fetchSize;
    private final List<JdbcStream> streams;

    JdbcSource(String url, String initSql, ZoneId zone, int fetchSize, List<JdbcStream> streams) {
        this.url = url;
        this.initSql = initSql;
        this.zone = zone;
        this.fetchSize = fetchSize;
        this.streams = streams;
    }

    @Override
    public List<StreamSpec> streams() {
        return streams.stream().map(JdbcStream::spec).toList();
    }

    @Override
    public void check() throws Exception {
        try (Connection c = connect()) {
            for (JdbcStream stream : streams) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + stream.query() + ") q WHERE 1 = 0")) {
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    throw new SourceException("stream " + stream.name() + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        JdbcStream stream = streams.stream().filter(s -> s.name().equals(spec.name())).findFirst().orElseThrow();
        try (Connection c = connect()) {
            // PostgreSQL streams a result only inside a transaction.
            c.setAutoCommit(false);
            readOnlyIfSupported(c);
            CursorColumn cursor = stream.cursor() == null ? null : CursorColumn.probe(c, stream.query(), stream.cursor());
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT * FROM (").append(stream.query()).append(") q");
            if (cursor != null) {
                List<String> conditions = new ArrayList<>();
                if (request.cursor() != null) {
                    conditions.add(cursor.quoted() + " >= ?");
                    params.add(cursor.parse(request.cursor()));
                }
                DayRange window = request.window();
                if (window != null) {
                    conditions.add(cursor.quoted() + " >= ?");
                    params.add(cursor.dayStart(window.first(), zone));
                    conditions.add(cursor.quoted() + " < ?");
                    params.add(cursor.dayStart(window.last().plusDays(1), zone));
                }
                if (!conditions.isEmpty()) {
                    sql.append(" WHERE ").append(String.join(" AND ", conditions));
                }
                sql.append(" ORDER BY ").append(cursor.quoted());
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    emit(rs, cursor, sink);
                }
            }
            c.rollback();
        } catch (SQLException e) {
            String message = "stream " + spec.name() + ": " + Secrets.redact(e.getMessage());
            throw dev.stockroom.source.SqlFaults.isTransient(e) ? SourceException.transientFault(message, e)
                    : SourceException.permanent(message, e);
        }
    }

    private void emit(ResultSet rs, CursorColumn cursor, RecordSink sink) throws Exception {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        String[] names = new String[n];
        int[] kinds = new int[n];
        boolean[] json = new boolean[n];
        for (int i = 0; i < n; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            kinds[i] = CursorColumn.kind(meta, i + 1);
            String type = String.valueOf(meta.getColumnTypeName(i + 1)).toLowerCase(java.util.Locale.ROOT);
            json[i] = type.equals("json") || type.equals("jsonb");
        }
        int cursorIndex = cursor == null ? -1 : cursor.indexIn(names);
        long rows = 0;
        while (rs.next()) {
            Map<String, Object> record = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                Object value = JdbcValues.read(rs, i + 1, kinds[i], zone);
                // json/jsonb arrive as text (PostgreSQL's PGobject): parsed, they land in a JSON column.
                record.put(names[i], json[i] && value instanceof String text ? JSON.readTree(text) : value);
            }
            sink.accept(record);
            if (cursorIndex >= 0) {
                sink.checkpoint(cursor.read(rs, cursorIndex + 1));
            }
            if (++rows % fetchSize == 0) {
                sink.pageFetched(rows + " rows");
            }
        }
    }

    /** A hint to the database that we only read; some drivers (DuckDB) do not take it per connection. */
    private static void readOnlyIfSupported(Connection c) {
        try {
            c.setReadOnly(true);
        } catch (SQLException e) {
            // Reading works the same without the hint.
        }
    }

    private Connection connect() throws SourceException {
        Connection c;
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw SourceException.permanent("no JDBC driver takes the url " + Secrets.redact(url)
                    + "; built in are jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: and jdbc:duckdb:", e);
        }
        try {
            c = DriverManager.getConnection(url);
        } catch (SQLException e) {
            String message = "cannot connect to " + Secrets.redact(url) + ": " + Secrets.redact(e.getMessage());
            // SQLState class 28 is "invalid authorization": a wrong user or password will not pass by itself,
            // and neither will a missing database; a server that is down may.
            boolean refused = e.getSQLState() != null && e.getSQLState().startsWith("28");
            throw !refused && dev.stockroom.source.SqlFaults.isTransient(e)
                    ? SourceException.transientFault(message + "; check that the database is up and reachable", e)
                    : SourceException.permanent(message + "; check the url, the password and the user", e);
        }
        try {
            InitSql.run(c, initSql);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing; the init error is the one to report.
            }
            throw SourceException.permanent("init_sql failed: " + Secrets.redact(e.getMessage()), e);
        }
        return c;
    }
}
