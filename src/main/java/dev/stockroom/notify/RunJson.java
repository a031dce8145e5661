package dev.stockroom.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import java.util.Locale;

/**
 * The JSON a {@code webhook} notifier POSTs. A run:
 * <pre>{@code
 * {"event": "run_finished", "run_id": "...", "started_at": "2024-05-08T08:13:00Z",
 *  "finished_at": "...", "status": "success" | "failed", "headline": "Stockroom: ...",
 *  "streams": [{"source": "web", "stream": "pages", "mode": "incremental",
 *               "days": "2024-05-01..2024-05-07" | "", "status": "success" | "failed" | "skipped",
 *               "rows_read": 10, "rows_written": 10, "duration_ms": 1234,
 *               "error": null | "...", "transient": false}]}
 * }</pre>
 * An alert: {@code {"event": "alert", "subject": "...", "text": "..."}}. Times are UTC ISO-8601;
 * the body is redacted as it is sent ({@link Http#post}).
 */
final class RunJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunJson() {
    }

    static String run(RunSummary summary) {
        ObjectNode root = JSON.createObjectNode()
                .put("event", "run_finished")
                .put("run_id", summary.runId())
                .put("started_at", summary.startedAt().toString())
                .put("finished_at", summary.finishedAt().toString())
                .put("status", summary.succeeded() ? "success" : "failed")
                .put("headline", RunMessage.headline(summary));
        ArrayNode streams = root.putArray("streams");
        for (StreamResult r : summary.results()) {
            ObjectNode stream = streams.addObject();
            r.notes().forEach(note -> stream.withArray("notes").add(note));
            stream
                    .put("source", r.source())
                    .put("stream", r.stream())
                    .put("mode", r.mode())
                    .put("days", r.daysCovered())
                    .put("status", r.status().name().toLowerCase(Locale.ROOT))
                    .put("rows_read", r.rowsRead())
                    .put("rows_written", r.rowsWritten())
                    .put("duration_ms", r.duration() == null ? 0 : r.duration().toMillis())
                    .put("error", r.failed() ? r.error() : null)
                    .put("warning", r.warning().orElse(null))
                    .put("transient", r.transientFault());
        }
        return root.toString();
    }

    static String alert(String subject, String text) {
        return JSON.createObjectNode()
                .put("event", "alert")
                .put("subject", subject)
                .put("text", text)
                .toString();
    }
}
