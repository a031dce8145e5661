package dev.stockroom.dashboard;

import java.util.List;

/** A query result as CSV (RFC 4180, header row, CRLF line ends). */
final class Csv {

    private Csv() {
    }

    static String of(QueryResult result) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(result.columns()));
        for (List<Object> row : result.rows()) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = cells.get(i);
            String text = v == null ? "" : v.toString();
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            out.append(text);
        }
        out.append("\r\n");
    }
}
