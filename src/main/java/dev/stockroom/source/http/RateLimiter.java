package dev.stockroom.source.http;

import java.time.Duration;
import java.time.Instant;

/**
 * Spaces requests evenly at most {@code perSecond} apart. Each caller reserves the next free slot
 * under the lock and sleeps outside it, so waiting callers do not block each other's reservations.
 */
final class RateLimiter {

    private final Duration interval;
    private final Timing timing;
    private Instant nextFree = Instant.MIN;

    RateLimiter(double perSecond, Timing timing) {
        this.interval = perSecond > 0 ? Duration.ofNanos((long) (1_000_000_000L / perSecond)) : Duration.ZERO;
        this.timing = timing;
    }

    void acquire() throws InterruptedException {
        if (interval.isZero()) {
            return;
        }
        Duration wait;
        synchronized (this) {
            Instant now = timing.now();
            Instant slot = nextFree.isAfter(now) ? nextFree : now;
            nextFree = slot.plus(interval);
            wait = Duration.between(now, slot);
        }
        if (!wait.isZero()) {
            timing.sleep(wait);
        }
    }
}
