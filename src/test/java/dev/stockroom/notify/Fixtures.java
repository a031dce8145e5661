package dev.stockroom.notify;

import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.source.http.FakeTiming;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** Runs, fake-clock HTTP and log capture shared by the notify tests. */
final class Fixtures {

    static final Instant START = Instant.parse("2024-05-08T08:13:00Z");

    private Fixtures() {
    }

    static StreamResult ok(String source, String stream, long rows) {
        return new StreamResult(source, stream, "incremental", LocalDate.parse("2024-05-01"),
                LocalDate.parse("2024-05-07"), StreamResult.Status.SUCCESS, rows, rows, Duration.ofMillis(3200),
                null, false);
    }

    static StreamResult failed(String source, String stream, String error, boolean transientFault) {
        return new StreamResult(source, stream, "incremental", LocalDate.parse("2024-05-07"),
                LocalDate.parse("2024-05-07"), StreamResult.Status.FAILED, 10, 0, Duration.ofSeconds(75), error,
                transientFault);
    }

    static RunSummary run(StreamResult... results) {
        return new RunSummary("run-42", START, START.plusSeconds(192), List.of(results));
    }

    /** The notifiers' HTTP on a clock that only records waits, with jitter fixed at half the ceiling. */
    static Http http(FakeTiming timing) {
        return new Http(timing, () -> 0.5);
    }

    /**
     * Runs the action with System.err (where slf4j-simple writes) captured behind the console's
     * redaction, as {@code Main} installs it; returns what was logged.
     */
    static String captureLog(Callable<?> action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(dev.stockroom.config.RedactingStream.around(new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        try {
            action.call();
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        String log = buffer.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }
}
