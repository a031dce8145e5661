package dev.stockroom.source.http;

import java.time.Duration;
import java.time.Instant;

/** The clock and the sleep of retries and rate limits, injectable so tests never really wait. */
public interface Timing {

    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    static Timing system() {
        return SystemTiming.INSTANCE;
    }

    /** The real clock. */
    enum SystemTiming implements Timing {
        INSTANCE;

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        }
    }
}
