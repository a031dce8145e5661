package dev.stockroom.config;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The console's exit point: stdout and stderr are replaced by streams that pass every line
 * through {@link Secrets#redact} before it reaches the terminal, so that whatever prints there
 * (command output, log lines of slf4j and System.Logger, stack traces, uncaught exceptions of any
 * thread) is masked once, here. Text is held until a line ends ({@code \n} or the live line's
 * {@code \r}) or the stream is flushed, so a secret is seen whole.
 */
public final class RedactingStream extends OutputStream {

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private RedactingStream(PrintStream target) {
        this.target = target;
    }

    /** Wraps a console stream, unless it is one of ours already. */
    public static PrintStream around(PrintStream target) {
        if (target instanceof Redacting) {
            return target;
        }
        return new Redacting(new RedactingStream(target));
    }

    /** Marks a stream as redacted, so nesting runs (tests, the demo) never wrap twice. */
    private static final class Redacting extends PrintStream {
        Redacting(RedactingStream out) {
            // No autoflush: PrintStream would flush after every print, cutting lines (and secrets) apart.
            super(out, false, StandardCharsets.UTF_8);
        }
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n' || b == '\r') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                line.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, off + len - start);
    }

    @Override
    public synchronized void flush() {
        emit();
        target.flush();
    }

    private void emit() {
        if (line.size() == 0) {
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.print(Secrets.redact(text));
        target.flush();
    }
}
