package dev.stockroom.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How the scheduler waits for its next fire time; a test substitutes one driven by a fake clock. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Blocks until about {@code deadline}. May return early: the scheduler reads its clock again
     * and sleeps again. {@link Scheduler#stop} interrupts it.
     */
    void sleepUntil(Instant deadline) throws InterruptedException;

    /**
     * Sleeps on the system timer in naps of at most a minute, so that a clock that jumps (a
     * laptop waking from suspend, an NTP correction) is noticed within a minute.
     */
    static Sleeper system(Clock clock) {
        return deadline -> {
            long millis = Duration.between(clock.instant(), deadline).toMillis();
            if (millis > 0) {
                Thread.sleep(Math.min(millis, Duration.ofMinutes(1).toMillis()));
            }
        };
    }
}
