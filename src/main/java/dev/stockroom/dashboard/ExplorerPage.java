package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Namespace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The read-only SQL explorer: a query box, its rows, a CSV link and the warehouse's tables. */
final class ExplorerPage {

    /** The project's tables; on MariaDB the server's other databases are not this project's. */
    static String tables(Namespace namespace) {
        return "SELECT table_schema, table_name FROM information_schema.tables "
                + "WHERE table_schema NOT IN ('information_schema', 'pg_catalog', 'mysql', 'performance_schema', 'sys') "
                + "AND table_schema NOT LIKE 'pg_%' "
                + (namespace.prefixes() ? "AND table_schema LIKE '" + namespace.likePattern().replace("'", "''") + "' " : "")
                + "ORDER BY table_schema, table_name";
    }

    private ExplorerPage() {
    }

    static String body(String query, QueryResult result, String error, QueryResult tables, int rowLimit,
                       int timeoutSeconds) {
        StringBuilder out = new StringBuilder("<div class=\"page-head\"><h1>SQL explorer</h1></div>");
        out.append("<div class=\"explorer\"><aside class=\"tables\"><h3>Tables</h3><ul>");
        if (tables != null) {
            for (List<Object> t : tables.rows()) {
                String name = t.get(0) + "." + t.get(1);
                out.append("<li><a href=\"/sql?q=").append(enc("SELECT * FROM " + name + " LIMIT 100"))
                        .append("\"><code>").append(Html.esc(name)).append("</code></a></li>");
            }
        }
        out.append("</ul></aside><div class=\"work\"><form method=\"get\" action=\"/sql\" id=\"sql-form\">")
                .append("<textarea name=\"q\" id=\"sql-query\" rows=\"7\" spellcheck=\"false\" ")
                .append("placeholder=\"SELECT * FROM stockroom.runs ORDER BY started_at DESC\">")
                .append(Html.esc(query)).append("</textarea><div class=\"actions\"><button type=\"submit\" id=\"run\">")
                .append("Run</button><span class=\"muted\">Read-only · at most ").append(String.format("%,d", rowLimit))
                .append(" rows · ").append(timeoutSeconds).append(" s timeout · Ctrl+Enter runs</span>");
        if (result != null) {
            out.append("<a class=\"csv\" id=\"csv-link\" href=\"/sql.csv?q=").append(enc(query))
                    .append("\">Download CSV</a>");
        }
        out.append("</div></form>");
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
