package dev.stockroom.dashboard;

import java.util.List;

/**
 * A table tile: readable headers, formatted numbers (the raw value kept for sorting), and the
 * drill-down column's cells as links to the tile's target dashboard.
 */
final class TileTable {

    private TileTable() {
    }

    static String html(Tile tile, PageQuery query, QueryResult result) {
        Columns columns = new Columns(tile.labels());
        List<String> names = result.columns();
        int linked = tile.link() == null ? -1
                : tile.link().column() == null ? 0 : names.indexOf(tile.link().column());
        StringBuilder out = new StringBuilder("<div class=\"table-wrap\"><table class=\"data sortable\"><thead><tr>");
        for (int c = 0; c < names.size(); c++) {
            if (tile.hidden().contains(names.get(c))) {
                continue;
            }
            boolean numeric = result.isNumeric(c);
            out.append("<th data-numeric=\"").append(numeric).append("\"").append(numeric ? " class=\"num\"" : "")
                    .append(" title=\"").append(Html.esc(names.get(c))).append("\">")
                    .append(Html.esc(columns.label(names.get(c)))).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<Object> row : result.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                if (tile.hidden().contains(names.get(c))) {
                    continue;
                }
                Object v = row.get(c);
                if (v == null) {
                    out.append("<td><span class=\"null\">–</span></td>");
                    continue;
                }
                String text = Html.esc(Columns.format(v, columns.percent(names.get(c))));
                if (v instanceof Number) {
                    out.append("<td class=\"num\" data-value=\"").append(Html.esc(v)).append("\">");
                } else {
                    out.append("<td>");
                }
                if (c == linked) {
                    out.append("<a class=\"drill\" href=\"").append(Html.esc(query.linkFor(tile.link(), names, row)))
                            .append("\">").append(text).append("</a>");
                } else if (v instanceof String s && s.matches("https?://\\S+")) {
                    out.append("<a href=\"").append(Html.esc(s)).append("\" rel=\"noopener\">").append(Html.esc(s))
                            .append("</a>");
                } else {
                    out.append(text);
                }
                out.append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></div>");
        if (result.rows().isEmpty()) {
            out.append("<p class=\"muted\">No rows in this range.</p>");
        }
        return out.toString();
    }
}
