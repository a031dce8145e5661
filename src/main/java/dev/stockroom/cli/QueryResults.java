package dev.stockroom.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.warehouse.CappedQuery;
import dev.stockroom.warehouse.Instants;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as an aligned table, CSV or JSON lines, the same on every warehouse. CSV and JSON
 * are written as each row arrives; the table waits for its rows (capped) to size its columns.
 */
final class QueryResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryResults() {
    }

    /** A value as the printers take it: numbers and booleans as they are, the rest as {@link #text}. */
    static Object value(ResultSet rs, int column, int type) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) {
            return null;
        }
        if ((v instanceof Number && !(v instanceof BigDecimal)) || v instanceof Boolean) {
            return v;
        }
        return text(rs, column);
    }

    /** A sink printing to {@code out} in {@code format} ({@code table}, {@code csv}, {@code json}). */
    static Printer printer(String format, PrintWriter out) {
        return switch (format) {
            case "csv" -> new CsvPrinter(out);
            case "json" -> new JsonPrinter(out);
            default -> new TablePrinter(out);
        };
    }

    /** A sink that may have something left to print once the rows end. */
    interface Printer extends CappedQuery.Sink {
        default void finish() {
        }
    }

    private record CsvPrinter(PrintWriter out) implements Printer {
        @Override
        public void columns(List<String> names) {
            out.println(String.join(",", names.stream().map(QueryResults::csv).toList()));
        }

        @Override
        public void row(List<Object> values) {
            List<String> cells = new ArrayList<>(values.size());
            for (Object v : values) {
                cells.add(v == null ? "" : csv(v.toString()));
            }
            out.println(String.join(",", cells));
        }
    }

    private static final class JsonPrinter implements Printer {
        private final PrintWriter out;
        private List<String> names;

        JsonPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void columns(List<String> columnNames) {
            names = columnNames;
        }

        @Override
        public void row(List<Object> values) throws Exception {
            try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                for (int i = 0; i < values.size(); i++) {
                    g.writeFieldName(names.get(i));
                    Object v = values.get(i);
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Number num) {
                        g.writeNumber(num.toString());
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
            }
            out.println();
        }
    }

    private static final class TablePrinter implements Printer {
        private final PrintWriter out;
        private final List<String[]> rows = new ArrayList<>();
        private List<String> names;
        private int[] widths;

        TablePrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void columns(List<String> columnNames) {
            names = columnNames;
            widths = names.stream().mapToInt(String::length).toArray();
        }

        @Override
        public void row(List<Object> values) {
            String[] row = new String[values.size()];
            for (int i = 0; i < row.length; i++) {
                Object v = values.get(i);
                row[i] = v == null ? "NULL" : v.toString();
                widths[i] = Math.min(Math.max(widths[i], row[i].length()), 60);
            }
            rows.add(row);
        }

        @Override
        public void finish() {
            int n = names.size();
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
