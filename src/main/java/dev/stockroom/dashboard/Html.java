package dev.stockroom.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** HTML escaping and the frame every page shares: navigation, styles, scripts. */
final class Html {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Html() {
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A value as JSON, escaped for an attribute. */
    static String json(Object value) {
        try {
            return esc(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A full page; {@code active} is the path of the nav item to highlight. */
    static String page(String title, String active, List<Dashboard> dashboards, Routes.Viewer viewer, String body) {
        StringBuilder nav = new StringBuilder();
        for (Dashboard d : dashboards) {
            String href = "/d/" + d.slug();
            nav.append(link(href, d.title(), active));
        }
        nav.append("<span class=\"nav-sep\"></span>");
        nav.append(link("/health", "Pipeline health", active));
        nav.append(link("/runs", "Runs", active));
        nav.append(link("/sql", "SQL explorer", active));
        String logout = viewer.loggedIn() ? "<form method=\"post\" action=\"/logout\" class=\"logout\">"
                + csrfField(viewer) + "<button type=\"submit\">Log out</button></form>" : "";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · Stockroom</title>"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<link rel=\"stylesheet\" href=\"/assets/app.css\">"
                + "<script src=\"/assets/echarts.min.js\" defer></script>"
                + "<script src=\"/assets/app.js\" defer></script></head><body>"
                + "<header class=\"top\"><a class=\"brand\" href=\"/\">Stockroom</a><nav>" + nav + "</nav>" + logout
                + "</header><main>" + body + "</main></body></html>";
    }

    /** The hidden field every POST form carries (see {@link Csrf}). */
    static String csrfField(Routes.Viewer viewer) {
        return "<input type=\"hidden\" name=\"" + Csrf.FIELD + "\" value=\"" + esc(viewer.csrf()) + "\">";
    }

    private static String link(String href, String text, String active) {
        return "<a href=\"" + esc(href) + "\"" + (href.equals(active) ? " class=\"active\"" : "") + ">" + esc(text)
                + "</a>";
    }

    /** Error boxes, one per message. */
    static String errors(List<String> messages) {
        StringBuilder out = new StringBuilder();
        for (String m : messages) {
            out.append("<div class=\"error-box\">").append(esc(m)).append("</div>");
        }
        return out.toString();
    }

    /** A sortable table of a query result (app.js sorts on a header click). */
    static String table(QueryResult result) {
        StringBuilder out = new StringBuilder("<div class=\"table-wrap\"><table class=\"data sortable\"><thead><tr>");
        for (int c = 0; c < result.columns().size(); c++) {
            out.append("<th data-numeric=\"").append(result.isNumeric(c)).append("\">")
                    .append(esc(result.columns().get(c))).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<Object> row : result.rows()) {
            out.append("<tr>");
            for (Object v : row) {
                out.append(v instanceof Number ? "<td class=\"num\">" : "<td>")
                        .append(v == null ? "<span class=\"null\">NULL</span>" : esc(v)).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></div>");
        if (result.rows().isEmpty()) {
            out.append("<p class=\"muted\">No rows.</p>");
        }
        return out.toString();
    }
}
