package dev.stockroom.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits for SIGTERM (systemd, Docker, {@code kill}) or SIGINT (Ctrl-C), so that the daemon can
 * stop in order and exit 0 instead of the JVM's 143. A second signal while stopping exits at once
 * (130); the warehouse is safe either way, since an open chunk rolls back. Where the signals cannot
 * be caught, a shutdown hook stands in, and the exit code is the JVM's.
 */
final class StopSignal {

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicInteger count = new AtomicInteger();
    private volatile String name = "shutdown";

    private StopSignal() {
    }

    /** Installs the handlers; {@code onShutdown} runs if the JVM exits some other way (SIGHUP, System.exit). */
    static StopSignal install(Runnable onShutdown) {
        StopSignal signal = new StopSignal();
        for (String sig : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> signal.receive("SIG" + s.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // The JVM reserves it (-Xrs, some platforms): the shutdown hook below covers it.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(onShutdown, "stockroom-shutdown"));
        return signal;
    }

    private void receive(String signal) {
        if (count.incrementAndGet() > 1) {
            System.out.println("schedule: " + signal + " again; exiting now");
            Runtime.getRuntime().halt(130);
        }
        name = signal;
        received.countDown();
    }

    /** Blocks until a stop signal arrives; returns its name. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
