package dev.stockroom.notify;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the wait instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
