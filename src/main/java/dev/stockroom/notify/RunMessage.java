package dev.stockroom.notify;

import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Renders a run into the message the owner reads: a headline, then one line per stream (failures
 * first) and, under each failure, its error and whether it will likely fix itself. Every piece of
 * text is redacted; the HTML variant (Telegram) escapes {@code & < >} and bolds the headline.
 * Lines never contain a newline of their own, so a long message can be split between lines.
 */
public final class RunMessage {

    static final int MAX_ERROR_CHARS = 500;
    public static final String TRANSIENT = "looks temporary; the next run will likely fix it";
    static final String NEEDS_OWNER = "needs you: check credentials / the API changed";

    private RunMessage() {
    }

    /** Plain text, for Slack, e-mail bodies and logs. */
    public static String plain(RunSummary summary) {
        return render(summary, UnaryOperator.identity(), s -> s);
    }

    /** Telegram HTML ({@code parse_mode=HTML}): escaped text, headline in bold. */
    public static String html(RunSummary summary) {
        return render(summary, RunMessage::escapeHtml, s -> "<b>" + s + "</b>");
    }

    /** "Stockroom: 5 streams OK, 1 failed — 12,345 rows". */
    public static String headline(RunSummary summary) {
        long ok = count(summary, StreamResult.Status.SUCCESS);
        long failed = count(summary, StreamResult.Status.FAILED);
        long skipped = count(summary, StreamResult.Status.SKIPPED);
        if (summary.results().isEmpty()) {
            return "Stockroom: nothing to sync";
        }
        StringBuilder out = new StringBuilder("Stockroom: ")
                .append(plural(ok, "stream")).append(" OK");
        if (failed > 0) {
            out.append(", ").append(failed).append(" failed");
        }
        if (skipped > 0) {
            out.append(", ").append(skipped).append(" skipped");
        }
        return out.append(" — ").append(plural(summary.rowsWritten(), "row")).toString();
    }

    /** What the owner should make of a failure, in plain words. */
    public static String judgement(StreamResult result) {
        return result.transientFault() ? TRANSIENT : NEEDS_OWNER;
    }

    /** Escapes the three characters Telegram's HTML mode (and Slack's text) treat as markup. */
    public static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String render(RunSummary summary, UnaryOperator<String> text, UnaryOperator<String> bold) {
        StringBuilder out = new StringBuilder(bold.apply(text.apply(headline(summary))));
        summary.results().stream()
                .sorted(Comparator.comparing((StreamResult r) -> !r.failed()))
                .forEach(r -> {
                    out.append('\n').append(text.apply(streamLine(r)));
                    if (r.failed()) {
                        String error = r.errorIfAny().map(RunMessage::oneLine).orElse("no error message");
                        out.append("\n    error: ").append(text.apply(error));
                        out.append("\n    ").append(text.apply(judgement(r)));
                    }
                    r.warning().ifPresent(w -> out.append("\n    warning: ").append(text.apply(oneLine(w))));
                });
        out.append('\n').append(text.apply("run " + summary.runId() + ", took " + duration(summary.duration())));
        return out.toString();
    }

    private static String streamLine(StreamResult r) {
        String mark = switch (r.status()) {
            case SUCCESS -> "✅";
            case FAILED -> "❌";
            case SKIPPED -> "➖";
        };
        StringBuilder line = new StringBuilder(mark).append(' ').append(r.source()).append('.').append(r.stream())
                .append(" — ");
        if (r.failed()) {
            line.append("failed, ");
        } else if (r.status() == StreamResult.Status.SKIPPED) {
            line.append("skipped, ");
        }
        line.append(plural(r.rowsWritten(), "row"));
        if (!r.daysCovered().isEmpty()) {
            line.append(", ").append(r.daysCovered());
        }
        if (r.duration() != null) {
            line.append(", ").append(duration(r.duration()));
        }
        r.notes().forEach(note -> line.append("\n    ").append(oneLine(note)));
        return line.toString();
    }

    private static String oneLine(String error) {
        // Redacted before shortening, which could cut a secret in half and hide it from the mask.
        String flat = Secrets.redact(error).replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_ERROR_CHARS ? flat : flat.substring(0, MAX_ERROR_CHARS) + "…";
    }

    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = d.toSeconds();
        return s < 3600 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }

    private static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static long count(RunSummary summary, StreamResult.Status status) {
        return summary.results().stream().filter(r -> r.status() == status).count();
    }
}
