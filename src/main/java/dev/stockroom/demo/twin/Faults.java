package dev.stockroom.demo.twin;

import java.time.Duration;

/**
 * Switches that make a twin misbehave the way its vendor does, for tests and demos: the next
 * requests are throttled or fail, pages come slowly, or a page breaks off mid-body.
 */
public final class Faults {

    private int rateLimited;
    private int serverErrors;
    private int brokenPages;
    private Duration slowPages = Duration.ZERO;

    /** The next {@code n} requests get the vendor's 429 answer. */
    public synchronized Faults rateLimitBurst(int n) {
        rateLimited = n;
        return this;
    }

    /** The next {@code n} requests get a 5xx answer in the vendor's shape. */
    public synchronized Faults serverErrors(int n) {
        serverErrors = n;
        return this;
    }

    /** Every successful page waits this long before it is sent. */
    public synchronized Faults slowPages(Duration delay) {
        slowPages = delay;
        return this;
    }

    /** The next {@code n} successful pages stop halfway through their body. */
    public synchronized Faults brokenPages(int n) {
        brokenPages = n;
        return this;
    }

    public synchronized Faults clear() {
        rateLimited = 0;
        serverErrors = 0;
        brokenPages = 0;
        slowPages = Duration.ZERO;
        return this;
    }

    synchronized boolean takeRateLimited() {
        if (rateLimited > 0) {
            rateLimited--;
            return true;
        }
        return false;
    }

    synchronized boolean takeServerError() {
        if (serverErrors > 0) {
            serverErrors--;
            return true;
        }
        return false;
    }

    synchronized boolean takeBrokenPage() {
        if (brokenPages > 0) {
            brokenPages--;
            return true;
        }
        return false;
    }

    synchronized Duration slowPages() {
        return slowPages;
    }
}
