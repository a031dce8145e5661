package dev.stockroom.source.http;

import java.time.Duration;

/**
 * How transient faults are retried: exponential backoff with full jitter (a random wait between
 * zero and {@code min(maxDelay, baseDelay * 2^retry)}, so that many clients that failed together
 * do not retry together), capped in attempts and in total time.
 *
 * @param maxAttempts attempts in all, the first included
 * @param maxTotal    no retry starts once this much time has gone since the first attempt, and a
 *                    server asking for a longer wait is not waited for
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry), given a random in [0,1). */
    public Duration backoff(int retry, double random) {
        long ceiling = baseDelay.toMillis() << Math.min(retry - 1, 30);
        if (ceiling <= 0 || ceiling > maxDelay.toMillis()) {
            ceiling = maxDelay.toMillis();
        }
        return Duration.ofMillis((long) (random * ceiling));
    }
}
