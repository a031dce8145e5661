package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Warehouse;
import java.util.List;

/** Runs: {@code stockroom.runs}, newest first. */
final class RunsPage {

    static String query(Warehouse w) {
        return "SELECT run_id, source, stream, mode, window_start, window_end, started_at, "
                + "finished_at, status, rows_read, rows_written, error FROM " + w.table(Warehouse.META, "runs")
                + " ORDER BY started_at DESC, source, stream";
    }

    private RunsPage() {
    }

    static String body(QueryResult runs) {
        StringBuilder out = new StringBuilder("<div class=\"page-head\"><h1>Runs</h1></div>");
        if (runs.rows().isEmpty()) {
            return out.append("<p class=\"muted\">No runs yet: run <code>stockroom sync</code>.</p>").toString();
        }
        out.append("<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Started (UTC)</th><th>Stream</th>"
                + "<th>Mode</th><th>Window</th><th>Status</th><th class=\"num\">Read</th><th class=\"num\">Written</th>"
                + "<th>Took</th><th>Error</th></tr></thead><tbody>");
        for (List<Object> r : runs.rows()) {
            String window = r.get(4) == null ? "" : r.get(4) + (r.get(4).equals(r.get(5)) ? "" : " – " + r.get(5));
            out.append("<tr><td title=\"run ").append(Html.esc(r.get(0))).append("\">").append(Html.esc(when(r.get(6))))
                    .append("</td><td><code>").append(Html.esc(r.get(1) + "." + r.get(2))).append("</code></td><td>")
                    .append(Html.esc(r.get(3))).append("</td><td>").append(Html.esc(window))
                    .append("</td><td><span class=\"badge ").append(Html.esc(r.get(8))).append("\">")
                    .append(Html.esc(r.get(8))).append("</span></td><td class=\"num\">").append(Html.esc(r.get(9)))
                    .append("</td><td class=\"num\">").append(Html.esc(r.get(10))).append("</td><td>")
                    .append(Html.esc(took(r.get(6), r.get(7)))).append("</td><td class=\"err\">")
                    .append(Html.esc(r.get(11))).append("</td></tr>");
        }
        out.append("</tbody></table></div>");
        if (runs.truncated()) {
            out.append("<p class=\"muted\">Showing the newest ").append(runs.rows().size()).append(" runs.</p>");
        }
        return out.toString();
    }

    private static String when(Object iso) {
        String s = iso == null ? "" : iso.toString();
        return s.length() >= 16 ? s.substring(0, 10) + " " + s.substring(11, 16) : s;
    }

    private static String took(Object start, Object end) {
        try {
            java.time.Duration d = java.time.Duration.between(java.time.Instant.parse(start.toString()),
                    java.time.Instant.parse(end.toString()));
            return d.toSeconds() < 60 ? d.toMillis() / 1000.0 + " s" : d.toMinutes() + " min " + d.toSecondsPart() + " s";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
