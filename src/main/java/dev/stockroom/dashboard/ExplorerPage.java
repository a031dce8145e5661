package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Namespace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The read-only SQL explorer: a query box, its rows, a CSV download and the warehouse's tables.
 * Running and downloading are POSTs of the form with its CSRF token; a link ({@code /sql?q=...})
 * only fills the box.
 */
final class ExplorerPage {

    /** The project's tables; on MariaDB the server's other databases are not this project's. */
    static String tables(Namespace namespace) {
        return "SELECT table_schema, table_name FROM information_schema.tables "
                + "WHERE table_schema NOT IN ('information_schema', 'pg_catalog', 'mysql', 'performance_schema', 'sys') "
                + "AND table_schema NOT LIKE 'pg_%' "
                + (namespace.prefixes() ? "AND table_schema LIKE '" + namespace.likePattern().replace("'", "''") + "' " : "")
                + "ORDER BY table_schema, table_name";
    }

    /**
     * The query box.
     *
     * @param query the text in it
     * @param ran   whether it came from the form (and ran) rather than from a link
     */
    record Form(String query, boolean ran, Routes.Viewer viewer) {
    }

    private ExplorerPage() {
    }

    static String body(Form form, QueryResult result, String error, QueryResult tables, int rowLimit,
                       int timeoutSeconds) {
        StringBuilder out = new StringBuilder("<div class=\"page-head\"><h1>SQL explorer</h1></div>");
        out.append("<div class=\"explorer\"><aside class=\"tables\"><h3>Tables</h3><ul>");
        if (tables != null) {
            for (List<Object> t : tables.rows()) {
                String name = t.get(0) + "." + t.get(1);
                String select = "SELECT * FROM " + name + " LIMIT 100";
                // A link fills the box (app.js then submits the form); it cannot run anything by itself.
                out.append("<li><a class=\"table-query\" href=\"/sql?q=").append(enc(select))
                        .append("\" data-query=\"").append(Html.esc(select)).append("\"><code>")
                        .append(Html.esc(name)).append("</code></a></li>");
            }
        }
        out.append("</ul></aside><div class=\"work\"><form method=\"post\" action=\"/sql\" id=\"sql-form\">")
                .append(Html.csrfField(form.viewer()))
                .append("<textarea name=\"q\" id=\"sql-query\" rows=\"7\" spellcheck=\"false\" ")
                .append("placeholder=\"SELECT * FROM stockroom.runs ORDER BY started_at DESC\">")
                .append(Html.esc(form.query())).append("</textarea><div class=\"actions\">")
                .append("<button type=\"submit\" id=\"run\">Run</button>")
                .append("<button type=\"submit\" class=\"csv\" id=\"csv-download\" formaction=\"/sql.csv\">")
                .append("Download CSV</button><span class=\"muted\">Read-only · at most ")
                .append(String.format("%,d", rowLimit)).append(" rows · ").append(timeoutSeconds)
                .append(" s timeout · Ctrl+Enter runs</span></div></form>");
        if (!form.ran() && !form.query().isBlank()) {
            out.append("<p class=\"muted\" id=\"not-run\">This query came from a link and has not run; press Run to "
                    + "run it.</p>");
        }
        if (error != null) {
            out.append("<div class=\"error-box\" id=\"sql-error\">").append(Html.esc(error)).append("</div>");
        }
        if (result != null) {
            out.append("<p class=\"muted\" id=\"row-count\">").append(result.rows().size())
                    .append(result.rows().size() == 1 ? " row" : " rows")
                    .append(result.truncated() ? " (" + Html.esc(result.cutMessage()) + ")" : "").append("</p>")
                    .append(Html.table(result));
        }
        return out.append("</div></div>").toString();
    }

    private static String enc(String s) {
        return Html.esc(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
}
