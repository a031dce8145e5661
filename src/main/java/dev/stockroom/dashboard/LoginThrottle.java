package dev.stockroom.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing by delay, never by refusing the right password: each login attempt
 * waits before it is checked, and the wait doubles with every failed attempt, per client and (ten
 * times slower) over all clients, up to {@link Policy#cap()}. A guesser behind the owner's own proxy
 * therefore costs the owner at most one capped wait, never a lockout. Attempts still waiting count
 * as failures for the next one, so parallel guesses queue up like sequential ones; the number
 * waiting at once is bounded so a flood cannot hold every connection. Counts are forgotten after
 * {@link Policy#quiet()} without a failure; a success clears its client's count.
 */
final class LoginThrottle {

    /**
     * @param first       the wait after the first failure; it doubles with each further one
     * @param cap         the longest wait
     * @param globalStep  failures over all clients that count as one for the global wait
     * @param quiet       a count is forgotten after this long without a failure
     * @param perClient   attempts one client may have waiting at once
     * @param total       attempts that may wait at once over all clients
     */
    record Policy(Duration first, Duration cap, int globalStep, Duration quiet, int perClient, int total) {
        static final Policy DEFAULT = new Policy(Duration.ofMillis(250), Duration.ofSeconds(10), 10,
                Duration.ofMinutes(15), 8, 64);
    }

    /** One attempt, let through after {@code delay}. */
    record Ticket(String client, Duration delay) {
    }

    private static final class Count {
        int failures;
        int waiting;
        Instant last = Instant.MIN;
    }

    private static final int FORGET_AT = 10_000;

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Count> clients = new HashMap<>();
    private final Count all = new Count();

    LoginThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** An attempt from {@code client} with its wait; empty when too many attempts wait already. */
    synchronized Optional<Ticket> reserve(String client) {
        Instant now = clock.instant();
        forgetQuiet(all, now);
        if (clients.size() > FORGET_AT) {
            clients.values().removeIf(c -> c.waiting == 0 && c.last.isBefore(now.minus(policy.quiet())));
        }
        Count mine = clients.computeIfAbsent(client, k -> new Count());
        forgetQuiet(mine, now);
        if (mine.waiting >= policy.perClient() || all.waiting >= policy.total()) {
            return Optional.empty();
        }
        Duration delay = delay(mine, all);
        mine.waiting++;
        all.waiting++;
        return Optional.of(new Ticket(client, delay));
    }

    /** Records the outcome of an attempt {@link #reserve} let through. */
    synchronized void finished(Ticket ticket, boolean succeeded) {
        Count mine = clients.computeIfAbsent(ticket.client(), k -> new Count());
        mine.waiting = Math.max(0, mine.waiting - 1);
        all.waiting = Math.max(0, all.waiting - 1);
        if (succeeded) {
            mine.failures = 0;
            if (mine.waiting == 0) {
                clients.remove(ticket.client());
            }
            return;
        }
        Instant now = clock.instant();
        mine.failures++;
        mine.last = now;
        all.failures++;
        all.last = now;
    }

    /** What the next attempt from {@code client} would wait, for the login page to say. */
    synchronized Duration next(String client) {
        Instant now = clock.instant();
        Count mine = clients.getOrDefault(client, new Count());
        forgetQuiet(all, now);
        forgetQuiet(mine, now);
        return delay(mine, all);
    }

    private Duration delay(Count mine, Count global) {
        Duration own = doubling(mine.failures + mine.waiting);
        Duration shared = doubling((global.failures + global.waiting) / policy.globalStep());
        return own.compareTo(shared) >= 0 ? own : shared;
    }

    /** Nothing before the first failure, then {@code first}, doubling, capped. */
    private Duration doubling(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration d = policy.first().multipliedBy(1L << doublings);
        return d.compareTo(policy.cap()) > 0 ? policy.cap() : d;
    }

    private void forgetQuiet(Count count, Instant now) {
        if (count.waiting == 0 && count.last.isBefore(now.minus(policy.quiet()))) {
            count.failures = 0;
        }
    }
}
