package dev.stockroom.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when the test says, and the scheduler's sleeper on it: the scheduler
 * blocks until the test moves the clock to (or past) the instant it sleeps until.
 */
final class ManualTime extends Clock implements Sleeper {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private Instant now;
    private Instant sleepingUntil;

    ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public synchronized void sleepUntil(Instant deadline) throws InterruptedException {
        sleepingUntil = deadline;
        notifyAll();
        try {
            while (now.isBefore(deadline)) {
                wait();
            }
        } finally {
            sleepingUntil = null;
            notifyAll();
        }
    }

    synchronized void set(Instant instant) {
        now = instant;
        notifyAll();
    }

    /** Waits until the scheduler sleeps (all due jobs dispatched) and returns when it will wake. */
    synchronized Instant awaitSleeper() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sleepingUntil == null || !now.isBefore(sleepingUntil)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the scheduler did not go to sleep");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return sleepingUntil;
    }

    /** One scheduler step: moves the clock to the instant the scheduler wants to wake at. */
    Instant step() throws InterruptedException {
        Instant wake = awaitSleeper();
        set(wake);
        return wake;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
