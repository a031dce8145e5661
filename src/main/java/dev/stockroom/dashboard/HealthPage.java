package dev.stockroom.dashboard;

import dev.stockroom.pipeline.StreamStatus;
import java.util.List;
import java.util.Map;

/** Pipeline health: every stream's freshness, last runs, last error and gaps. */
final class HealthPage {

    /** The newest runs of one stream, newest first: status words. */
    record RecentRuns(Map<String, List<String>> byStream) {
        List<String> of(String source, String stream) {
            return byStream.getOrDefault(source + "." + stream, List.of());
        }
    }

    private HealthPage() {
    }

    static String body(List<StreamStatus> statuses, RecentRuns runs) {
        long failing = statuses.stream().filter(s -> s.health().equals("failing")).count();
        long stale = statuses.stream().filter(s -> s.health().equals("stale")).count();
        StringBuilder out = new StringBuilder("<div class=\"page-head\"><h1>Pipeline health</h1></div>");
        out.append("<p class=\"summary\">").append(statuses.size()).append(" streams · ")
                .append("<span class=\"badge ").append(failing > 0 ? "failing" : "ok").append("\">").append(failing)
                .append(" failing</span> <span class=\"badge ").append(stale > 0 ? "stale" : "ok").append("\">")
                .append(stale).append(" stale</span></p>");
        if (statuses.isEmpty()) {
            return out.append("<p class=\"muted\">No sources are configured in stockroom.yml yet.</p>").toString();
        }
        out.append("<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>Stream</th><th>Health</th>"
                + "<th>Newest complete day</th><th>Last success</th><th>Last runs</th><th class=\"num\">Rows</th>"
                + "<th>Gaps</th><th>Last error</th></tr></thead><tbody>");
        for (StreamStatus s : statuses) {
            out.append("<tr><td><code>").append(Html.esc(s.source() + "." + s.stream())).append("</code></td>")
                    .append("<td><span class=\"badge ").append(s.health()).append("\">").append(s.health())
                    .append("</span></td><td>").append(Html.esc(s.newestDayText()));
            if (s.newestCompleteDay() != null && s.newestCompleteDay().isBefore(s.expectedNewestDay())) {
                out.append(" <span class=\"muted\">(expected ").append(s.expectedNewestDay()).append(")</span>");
            }
            out.append("</td><td>").append(Html.esc(s.lastSuccessText())).append(" UTC</td><td class=\"dots\">");
            for (String status : runs.of(s.source(), s.stream())) {
                out.append("<span class=\"dot ").append(Html.esc(status)).append("\" title=\"")
                        .append(Html.esc(status)).append("\"></span>");
            }
            out.append("</td><td class=\"num\">").append(String.format("%,d", s.rows())).append("</td><td>")
                    .append(Html.esc(s.gapsText())).append("</td><td class=\"err\">")
                    .append(s.failedLast() ? Html.esc(s.lastError()) : "").append("</td></tr>");
        }
        return out.append("</tbody></table></div>").toString();
    }
}
