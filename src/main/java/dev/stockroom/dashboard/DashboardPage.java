package dev.stockroom.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One dashboard: the date-range control and its tiles. */
final class DashboardPage {

    private DashboardPage() {
    }

    static String body(Dashboard dashboard, PageQuery query, Map<String, List<String>> options, List<TileView> tiles,
                       Instant now) {
        DateRange range = query.range();
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"page-head\"><h1>").append(Html.esc(dashboard.title())).append("</h1>")
                .append(rangeControl(range, filters(dashboard, query, options))).append("</div>");
        if (range.problem() != null) {
            out.append("<div class=\"warn-box\">").append(Html.esc(range.problem())).append("</div>");
        }
        out.append("<p class=\"muted range-text\">").append(range.start()).append(" – ").append(range.end())
                .append(range.compare() ? " · compared with " + range.previous().start() + " – "
                        + range.previous().end() : "").append("</p>");
        out.append("<div class=\"tiles\">");
        for (TileView t : tiles) {
            out.append(tile(dashboard, query, t, now));
        }
        out.append("</div>");
        if (tiles.isEmpty()) {
            out.append("<p class=\"muted\">This dashboard has no tiles yet: add some under <code>tiles:</code>.</p>");
        }
        return out.toString();
    }

    /** One dropdown per filter; "All" sends nothing, so {{name}} reads NULL. */
    private static String filters(Dashboard dashboard, PageQuery query, Map<String, List<String>> options) {
        StringBuilder out = new StringBuilder();
        for (Dashboard.Filter f : dashboard.filters()) {
            String chosen = query.chosen().get(f.name());
            out.append("<label class=\"filter\"><span>").append(Html.esc(f.label())).append("</span><select name=\"")
                    .append(Html.esc(f.name())).append("\" data-filter=\"").append(Html.esc(f.name()))
                    .append("\"><option value=\"\">All</option>");
            List<String> values = new java.util.ArrayList<>(options.getOrDefault(f.name(), List.of()));
            if (chosen != null && !values.contains(chosen)) {
                values.add(0, chosen); // a linked value outside the list still shows what the page reads
            }
            for (String v : values) {
                out.append("<option value=\"").append(Html.esc(v)).append("\"").append(v.equals(chosen) ? " selected" : "")
                        .append(">").append(Html.esc(v)).append("</option>");
            }
            out.append("</select></label>");
        }
        return out.toString();
    }

    static String rangeControl(DateRange range, String filters) {
        StringBuilder out = new StringBuilder("<form class=\"range\" method=\"get\" id=\"range-form\">")
                .append(filters);
        out.append("<select name=\"range\" id=\"range-select\" aria-label=\"Date range\">");
        for (Map.Entry<String, String> p : DateRange.presets().entrySet()) {
            out.append("<option value=\"").append(p.getKey()).append("\"")
                    .append(p.getKey().equals(range.preset()) ? " selected" : "").append(">")
                    .append(Html.esc(p.getValue())).append("</option>");
        }
        out.append("</select>");
        boolean custom = range.preset().equals("custom");
        out.append("<span class=\"custom-dates").append(custom ? "" : " hidden").append("\">")
                .append("<input type=\"date\" name=\"start\" value=\"").append(range.start()).append("\"")
                .append(custom ? "" : " disabled").append(" aria-label=\"Start\">")
                .append("<input type=\"date\" name=\"end\" value=\"").append(range.end()).append("\"")
                .append(custom ? "" : " disabled").append(" aria-label=\"End\"></span>");
        out.append("<select name=\"grain\" aria-label=\"Grain\">");
        for (Grain g : Grain.values()) {
            out.append("<option value=\"").append(g.word()).append("\"").append(g == range.grain() ? " selected" : "")
                    .append(">By ").append(g.word()).append("</option>");
        }
        out.append("</select><label class=\"check\"><input type=\"checkbox\" name=\"compare\" value=\"1\"")
                .append(range.compare() ? " checked" : "").append("> Compare with previous period</label>")
                .append("<button type=\"submit\">Apply</button></form>");
        return out.toString();
    }

    private static String tile(Dashboard dashboard, PageQuery query, TileView t, Instant now) {
        String type = t.tile().type().word();
        StringBuilder out = new StringBuilder("<section class=\"tile tile-").append(type).append("\" data-tile=\"")
                .append(t.index()).append("\"><div class=\"tile-head\"><h2>").append(Html.esc(t.tile().title()))
                .append("</h2>");
        if (!SqlTemplate.usesRange(t.tile().sql())) {
            out.append("<span class=\"badge all-time\" title=\"this tile does not follow the date range\">All time</span>");
        }
        if (t.result() != null && t.tile().type() == TileType.TABLE) {
            out.append("<a class=\"csv\" href=\"/d/").append(Html.esc(dashboard.slug())).append("/tile/")
                    .append(t.index()).append(".csv?").append(Html.esc(query.toQuery())).append("\">CSV</a>");
        }
        out.append("</div>");
        if (t.tile().note() != null) {
            out.append("<p class=\"note\">").append(Html.esc(t.tile().note())).append("</p>");
        }
        out.append(freshness(t.health(), now));
        if (t.error() != null) {
            out.append("<div class=\"error-box\">").append(Html.esc(t.error())).append("</div></section>");
            return out.toString();
        }
        if (t.kpi() != null) {
            Columns columns = new Columns(t.tile().labels());
            List<String> names = t.result().columns();
            boolean percent = names.size() > 0 && columns.percent(names.get(names.size() > 1 ? 1 : 0));
            out.append(kpi(t.kpi(), t.health(), percent));
        }
        // A KPI of one row (a ratio over the range) has no line to draw.
        boolean spark = t.kpi() == null || t.result().rows().size() > 1;
        if (t.chart() != null && t.kpi() == null && !t.result().rows().isEmpty() && !hasValues(t.chart())) {
            out.append("<p class=\"muted\">No values in this range yet.</p>");
        } else if (t.chart() != null && spark) {
            out.append("<div class=\"chart").append(t.kpi() != null ? " spark" : "").append("\" data-chart=\"")
                    .append(Html.json(t.chart())).append("\"></div>");
            if (t.result().rows().isEmpty()) {
                out.append("<p class=\"muted\">No rows in this range.</p>");
            }
        }
        if (t.tile().type() == TileType.TABLE) {
            out.append(TileTable.html(t.tile(), query, t.result()));
        }
        if (t.result().truncated()) {
            out.append("<p class=\"muted\">Showing the first ").append(t.result().rows().size())
                    .append(" rows: ").append(Html.esc(t.result().cutMessage())).append(".</p>");
        }
        return out.append("</section>").toString();
    }

    @SuppressWarnings("unchecked")
    private static boolean hasValues(Map<String, Object> chart) {
        return ((List<Map<String, Object>>) chart.get("series")).stream()
                .anyMatch(series -> ((List<Object>) series.get("data")).stream().anyMatch(v -> v != null));
    }

    private static String kpi(TileView.Kpi kpi, Freshness.TileHealth health, boolean percent) {
        StringBuilder out = new StringBuilder("<div class=\"kpi\"><div class=\"kpi-value\">")
                .append(kpi.value() == null ? "–" : Columns.format(kpi.value(), percent)).append("</div>");
        Double change = kpi.change();
        if (change != null) {
            String dir = change > 0 ? "up" : change < 0 ? "down" : "flat";
            String arrow = change > 0 ? "▲" : change < 0 ? "▼" : "■";
            out.append("<div class=\"kpi-change ").append(dir).append("\">").append(arrow).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f%%", Math.abs(change) * 100))
                    .append(" <span class=\"muted\">vs previous period (")
                    .append(Columns.format(kpi.previous(), percent)).append(")</span></div>");
        } else {
            out.append("<div class=\"kpi-change flat muted\">no previous period to compare</div>");
        }
        if (kpi.partial()) {
            out.append("<div class=\"muted small\">").append(health.completeThrough() != null
                    ? "Counted through " + health.completeThrough() + "; later days are not complete yet."
                    : "Incomplete periods (today, or cut by the range) are not counted.").append("</div>");
        }
        return out.append("</div>").toString();
    }

    static String freshness(Freshness.TileHealth health, Instant now) {
        if (health.tables().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<div class=\"fresh\">");
        for (Freshness.Table table : health.tables()) {
            out.append("<span title=\"source table\">").append(Html.esc(table.name())).append(": ");
            if (table.newestCompleteDay() != null) {
                out.append("complete through ").append(table.newestCompleteDay());
            } else if (table.updatedAt() != null) {
                out.append("updated ").append(ago(table.updatedAt(), now));
            } else {
                out.append("never loaded");
            }
            out.append("</span>");
        }
        return out.append("</div>").toString();
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }
}
