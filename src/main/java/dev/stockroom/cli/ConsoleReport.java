package dev.stockroom.cli;

import dev.stockroom.pipeline.RunListener;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamPlan;
import dev.stockroom.pipeline.StreamResult;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What a person sees of a run: on a terminal, one live line (rows, pages, rate) while a stream
 * loads; always, one line per stream when it ends and a last line for the run. Off a terminal
 * (cron, CI, pipes) the live line is left out.
 */
final class ConsoleReport implements RunListener {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean verbose;
    private final boolean live;
    private final java.util.Map<String, StreamPlan> plans = new java.util.HashMap<>();
    private java.util.Map<String, String> exclusions = java.util.Map.of();
    private long streamStart;
    private long pages;
    private long lastDraw;

    ConsoleReport(boolean quiet, boolean verbose) {
        this(System.out, System.err, quiet, verbose, System.console() != null);
    }

    private ConsoleReport(PrintStream out, PrintStream err, boolean quiet, boolean verbose, boolean live) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.live = live;
    }

    /** What each stream ({@code source.stream}) leaves out of its records, shown on --dry-run lines. */
    ConsoleReport withExclusions(java.util.Map<String, String> byStream) {
        this.exclusions = byStream;
        return this;
    }

    /** For the daemon: everything on stdout, one line per event, never a live line (journald, Docker). */
    static ConsoleReport lines(boolean quiet, boolean verbose) {
        return new ConsoleReport(System.out, System.out, quiet, verbose, false);
    }

    @Override
    public void streamStarted(String source, String stream, StreamPlan plan) {
        streamStart = System.nanoTime();
        pages = 0;
        plans.put(source + "." + stream, plan);
        if (verbose && !quiet) {
            out.println(source + "." + stream + ": " + plan.describe());
        }
    }

    @Override
    public void pageFetched(String source, String stream, String description) {
        pages++;
    }

    @Override
    public void rowsRead(String source, String stream, long rows) {
        if (!live || quiet) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max((now - streamStart) / 1e9, 0.001);
        err.printf("\r\033[K%s.%s  %,d rows  %,d pages  %,.0f rows/s", source, stream, rows, pages, rows / seconds);
        err.flush();
    }

    @Override
    public void chunkCommitted(String source, String stream, String chunk, long rowsWritten) {
        if (verbose && !quiet) {
            clearLine();
            out.printf("  %s.%s %s: %,d rows written%n", source, stream, chunk, rowsWritten);
        }
    }

    @Override
    public void streamFinished(StreamResult r) {
        clearLine();
        if (quiet && !r.failed()) {
            return;
        }
        PrintStream to = r.failed() ? err : out;
        String status = switch (r.status()) {
            case SUCCESS -> "ok";
            case FAILED -> "FAILED";
            case SKIPPED -> "skipped";
        };
        StreamPlan plan = plans.get(r.source() + "." + r.stream());
        if (r.status() == StreamResult.Status.SKIPPED && r.warning().isPresent()) {
            to.printf("%-28s %s%n    warning: %s%n", r.source() + "." + r.stream(), "skipped", r.warning().get());
            return;
        }
        if (r.status() == StreamResult.Status.SKIPPED && plan != null) {
            String excluded = exclusions.get(r.source() + "." + r.stream());
            to.printf("%-28s %s%s%n", r.source() + "." + r.stream(), plan.upToDate() ? "up to date"
                    : "would read " + plan.describe(), excluded == null ? "" : "; not stored: " + excluded);
            return;
        }
        to.printf("%-28s %-10s %,10d read %,10d written  %-23s %s%n", r.source() + "." + r.stream(), status,
                r.rowsRead(), r.rowsWritten(), r.daysCovered(), seconds(r.duration()));
        r.warning().ifPresent(w -> to.println("    warning: " + w));
        if (r.failed()) {
            String error = live ? r.error() : String.valueOf(r.error()).replaceAll("\\s*\\R\\s*", " ");
            to.println("    " + error + (r.transientFault() ? "  (" + dev.stockroom.notify.RunMessage.TRANSIENT + ")"
                    : ""));
        }
        r.notes().forEach(note -> to.println("    " + note));
    }

    void summary(RunSummary summary) {
        if (quiet) {
            return;
        }
        long failed = summary.failures();
        out.printf("%s: %d streams, %d failed, %,d rows written in %s%n", failed == 0 ? "done" : "finished with failures",
                summary.results().size(), failed, summary.rowsWritten(), seconds(summary.duration()));
    }

    private void clearLine() {
        if (live && !quiet) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
