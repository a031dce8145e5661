package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The login delays: doubling per client and over all clients, capped, forgotten, never a refusal of the password. */
class LoginThrottleTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULT, clock);

    private Duration fail(String client) {
        LoginThrottle.Ticket t = throttle.reserve(client).orElseThrow();
        throttle.finished(t, false);
        return t.delay();
    }

    @Test
    void each_failure_doubles_the_next_wait_up_to_ten_seconds_and_the_right_password_still_gets_through() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(fail("10.0.0.1"));
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
        for (int i = 0; i < 50; i++) {
            fail("10.0.0.1");
        }
        Optional<LoginThrottle.Ticket> owner = throttle.reserve("10.0.0.1");
        assertThat(owner).as("never a lockout").isPresent();
        assertThat(owner.get().delay()).isEqualTo(Duration.ofSeconds(10));
        throttle.finished(owner.get(), true);
        assertThat(throttle.next("10.0.0.1")).as("a success clears the client's count").isLessThan(
                Duration.ofSeconds(10));
    }

    @Test
    void failures_from_many_clients_slow_every_client_ten_times_more_gently() {
        for (int i = 0; i < 30; i++) {
            fail("10.0.1." + i); // one guess each: no client waits for its own failures
        }
        assertThat(throttle.next("10.9.9.9")).as("30 failures overall count as 3").isEqualTo(Duration.ofMillis(1000));
        for (int i = 0; i < 1000; i++) {
            fail("10.0.2." + i);
        }
        assertThat(throttle.next("10.9.9.9")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void attempts_still_waiting_count_as_failures_so_parallel_guesses_queue_like_sequential_ones() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.Policy.DEFAULT.perClient(); i++) {
            waits.add(throttle.reserve("10.0.0.2").orElseThrow().delay());
        }
        assertThat(waits).startsWith(Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(throttle.reserve("10.0.0.2")).as("at most 8 waiting per client").isEmpty();
        assertThat(throttle.reserve("10.0.0.3")).as("another client is not held up by it").isPresent();
    }

    @Test
    void counts_are_forgotten_after_a_quiet_quarter_hour() {
        for (int i = 0; i < 6; i++) {
            fail("10.0.0.4");
        }
        assertThat(throttle.next("10.0.0.4")).isEqualTo(Duration.ofSeconds(8));
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(fail("10.0.0.4")).isEqualTo(Duration.ZERO);
    }
}
