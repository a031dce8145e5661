package dev.stockroom.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.warehouse.Instants;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned table, CSV or JSON lines, the same on every warehouse. */
final class QueryResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryResults() {
    }

    static void print(ResultSet rs, String format, PrintWriter out) throws Exception {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(meta.getColumnLabel(i));
        }
        switch (format) {
            case "csv" -> {
                out.println(String.join(",", names.stream().map(QueryResults::csv).toList()));
                while (rs.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        String v = text(rs, i);
                        cells.add(v == null ? "" : csv(v));
                    }
                    out.println(String.join(",", cells));
                }
            }
            case "json" -> {
                while (rs.next()) {
                    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                        g.writeStartObject();
                        for (int i = 1; i <= n; i++) {
                            g.writeFieldName(names.get(i - 1));
                            Object v = rs.getObject(i);
                            if (v == null) {
                                g.writeNull();
                            } else if (v instanceof Number num && !(v instanceof BigDecimal)) {
                                g.writeNumber(num.toString());
                            } else if (v instanceof Boolean b) {
                                g.writeBoolean(b);
                            } else {
                                g.writeString(text(rs, i));
                            }
                        }
                        g.writeEndObject();
                    }
                    out.println();
                }
            }
            default -> table(rs, names, out);
        }
    }

    private static void table(ResultSet rs, List<String> names, PrintWriter out) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        int n = names.size();
        int[] widths = names.stream().mapToInt(String::length).toArray();
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                String v = text(rs, i + 1);
                row[i] = v == null ? "NULL" : v;
                widths[i] = Math.min(Math.max(widths[i], row[i].length()), 60);
            }
            rows.add(row);
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            line.append(i == 0 ? "" : " | ").append(pad(names.get(i), widths[i]));
        }
        out.println(line.toString().stripTrailing());
        line.setLength(0);
        for (int i = 0; i < n; i++) {
            line.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(line);
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < n; i++) {
                String cell = row[i].length() > 60 ? row[i].substring(0, 59) + "…" : row[i];
                line.append(i == 0 ? "" : " | ").append(pad(cell, widths[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    /** A value as text; timestamps in ISO UTC whatever the database and driver. */
    static String text(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) {
            return null;
        }
        int type = rs.getMetaData().getColumnType(column);
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || v instanceof java.sql.Timestamp
                || v instanceof java.time.OffsetDateTime || v instanceof java.time.LocalDateTime) {
            return Instants.read(rs, column).toString();
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v.toString();
    }

    private static String csv(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
