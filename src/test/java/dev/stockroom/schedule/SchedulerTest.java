package dev.stockroom.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.pipeline.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-05-04T10:20:00Z");
    private static final CronSchedule HOURLY = CronSchedule.parse("0 * * * *");

    private ManualTime time;
    private final InMemoryLastRuns lastRuns = new InMemoryLastRuns();
    private final Runner runner = new Runner();
    private final Events events = new Events();
    private Scheduler scheduler;

    @AfterEach
    void stopScheduler() {
        runner.releaseAll();
        if (scheduler != null) {
            scheduler.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void runs_each_job_at_its_fire_times_across_the_spring_forward_change() throws Exception {
        time = new ManualTime(Instant.parse("2026-03-28T23:30:00Z"));        // 00:30 CET, 29 March
        lastRuns.record("shop", Instant.parse("2026-03-28T23:00:00Z"));
        lastRuns.record("web", Instant.parse("2026-03-28T01:30:00Z"));
        start(new Job("shop", HOURLY, BERLIN), new Job("web", CronSchedule.parse("30 2 * * *"), BERLIN));

        List<Instant> wakes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wakes.add(time.step());
            awaitIdle();
        }

        assertThat(wakes).containsExactly(
                Instant.parse("2026-03-29T00:00:00Z"),   // 01:00 CET
                Instant.parse("2026-03-29T01:00:00Z"),   // 03:00 CEST: shop's hour, and web's 02:30
                Instant.parse("2026-03-29T02:00:00Z"));  // 04:00 CEST
        assertThat(runner.runs()).containsExactlyInAnyOrder(
                "shop@2026-03-29T00:00:00Z", "shop@2026-03-29T01:00:00Z", "web@2026-03-29T01:00:00Z",
                "shop@2026-03-29T02:00:00Z");
    }

    @Test
    void catches_up_a_run_missed_during_downtime_once_not_once_per_slot() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("shop", Instant.parse("2026-05-01T09:00:00Z"));      // 73 hourly slots ago
        start(new Job("shop", HOURLY, ZoneOffset.UTC));
        awaitIdle();

        assertThat(runner.runs()).containsExactly("shop@2026-05-04T10:20:00Z");
        assertThat(events.list()).contains("catching up shop 2026-05-04T10:00:00Z");

        time.step();
        awaitIdle();
        assertThat(runner.runs()).containsExactly("shop@2026-05-04T10:20:00Z", "shop@2026-05-04T11:00:00Z");
    }

    @Test
    void does_not_catch_up_when_the_latest_slot_already_ran() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("shop", Instant.parse("2026-05-04T10:00:05Z"));
        start(new Job("shop", HOURLY, ZoneOffset.UTC));
        awaitIdle();

        assertThat(runner.runs()).isEmpty();
    }

    @Test
    void a_source_that_never_ran_runs_once_at_start() throws Exception {
        time = new ManualTime(NOW);
        start(new Job("shop", CronSchedule.parse("13 8 * * *"), BERLIN));
        awaitIdle();

        assertThat(runner.runs()).containsExactly("shop@2026-05-04T10:20:00Z");
    }

    @Test
    void never_runs_a_source_twice_at_once_and_runs_one_deferred_slot_after_the_slow_run() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("shop", Instant.parse("2026-05-04T10:00:00Z"));
        runner.block("shop");
        start(new Job("shop", HOURLY, ZoneOffset.UTC));

        time.step();                      // 11:00: starts, and hangs
        runner.awaitStarted("shop", 1);
        time.step();                      // 12:00: deferred
        time.step();                      // 13:00: dropped, one is already deferred
        time.awaitSleeper();
        assertThat(runner.runs()).containsExactly("shop@2026-05-04T11:00:00Z");

        runner.release("shop");
        awaitIdle();
        assertThat(runner.runs()).containsExactly("shop@2026-05-04T11:00:00Z", "shop@2026-05-04T13:00:00Z");
        assertThat(runner.maxConcurrent("shop")).isEqualTo(1);
        assertThat(events.list()).containsSubsequence(
                "started shop 2026-05-04T11:00:00Z", "deferred shop 2026-05-04T12:00:00Z",
                "dropped shop 2026-05-04T13:00:00Z", "finished shop 2026-05-04T11:00:00Z",
                "started shop 2026-05-04T12:00:00Z", "finished shop 2026-05-04T12:00:00Z");
    }

    @Test
    void two_sources_run_independently_of_each_other() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("slow", NOW);
        lastRuns.record("fast", NOW);
        runner.block("slow");
        start(new Job("slow", HOURLY, ZoneOffset.UTC), new Job("fast", HOURLY, ZoneOffset.UTC));

        time.step();
        runner.awaitStarted("slow", 1);
        runner.awaitStarted("fast", 1);
        awaitRunning(Optional.of("slow"));
        time.step();
        runner.awaitStarted("fast", 2);
        awaitRunning(Optional.of("slow"));

        assertThat(runner.runs()).containsExactlyInAnyOrder(
                "slow@2026-05-04T11:00:00Z", "fast@2026-05-04T11:00:00Z", "fast@2026-05-04T12:00:00Z");
    }

    @Test
    void at_most_two_sources_run_at_a_time_and_the_third_waits_its_turn() throws Exception {
        time = new ManualTime(NOW);
        for (String source : List.of("a", "b", "c")) {
            lastRuns.record(source, NOW);
            runner.block(source);
        }
        start(new Job("a", HOURLY, ZoneOffset.UTC), new Job("b", HOURLY, ZoneOffset.UTC),
                new Job("c", HOURLY, ZoneOffset.UTC));

        time.step();
        runner.awaitConcurrent(2);
        assertThat(scheduler.running()).containsExactly("a", "b", "c");
        runner.releaseAll();
        awaitIdle();

        assertThat(runner.runs()).hasSize(3);
        assertThat(runner.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void stop_waits_for_the_running_job_to_finish() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("shop", NOW);
        runner.block("shop");
        start(new Job("shop", HOURLY, ZoneOffset.UTC));
        time.step();
        runner.awaitStarted("shop", 1);

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> scheduler.stop(Duration.ofSeconds(10)));
        Thread.sleep(100);
        assertThat(stopped).isNotDone();

        runner.release("shop");
        assertThat(stopped.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events.list()).contains("finished shop 2026-05-04T11:00:00Z");

        time.set(NOW.plus(Duration.ofDays(1)));
        assertThat(runner.runs()).containsExactly("shop@2026-05-04T11:00:00Z");
    }

    @Test
    void stop_interrupts_a_run_that_outlasts_the_timeout() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("shop", NOW);
        runner.block("shop");
        start(new Job("shop", HOURLY, ZoneOffset.UTC));
        time.step();
        runner.awaitStarted("shop", 1);

        assertThat(scheduler.stop(Duration.ofMillis(100))).isFalse();
        awaitEvent("failed shop 2026-05-04T11:00:00Z InterruptedException");
    }

    @Test
    void a_failing_run_is_reported_and_the_source_runs_again_at_its_next_slot() throws Exception {
        time = new ManualTime(NOW);
        lastRuns.record("shop", NOW);
        runner.failFirst("shop");
        start(new Job("shop", HOURLY, ZoneOffset.UTC));

        time.step();
        awaitIdle();
        time.step();
        awaitIdle();

        assertThat(events.list()).contains("failed shop 2026-05-04T11:00:00Z IllegalStateException",
                "finished shop 2026-05-04T12:00:00Z");
        assertThat(runner.runs()).hasSize(2);
    }

    private void start(Job... jobs) {
        scheduler = Scheduler.builder(List.of(jobs), runner, lastRuns)
                .clock(time).sleeper(time).listener(events).build();
        scheduler.start();
    }

    /** Waits until the scheduler sleeps and no run is going. */
    private void awaitIdle() throws InterruptedException {
        time.awaitSleeper();
        awaitRunning(Optional.empty());
    }

    private void awaitRunning(Optional<String> only) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!scheduler.running().equals(only.map(java.util.Set::of).orElse(java.util.Set.of()))) {
            assertThat(System.nanoTime()).as("running: %s", scheduler.running()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!events.list().contains(event)) {
            assertThat(System.nanoTime()).as("events: %s", events.list()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** Records runs as source@clock-time; can hold a source's runs until released, or fail one. */
    private final class Runner implements JobRunner {
        private final List<String> runs = new CopyOnWriteArrayList<>();
        private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> concurrent = new ConcurrentHashMap<>();
        private final Map<String, Integer> maxConcurrent = new ConcurrentHashMap<>();
        private final AtomicInteger allConcurrent = new AtomicInteger();
        private volatile int maxAllConcurrent;
        private final List<String> failFirst = new CopyOnWriteArrayList<>();

        @Override
        public RunSummary run(String source) throws Exception {
            int now = concurrent.computeIfAbsent(source, s -> new AtomicInteger()).incrementAndGet();
            maxConcurrent.merge(source, now, Math::max);
            synchronized (this) {
                maxAllConcurrent = Math.max(maxAllConcurrent, allConcurrent.incrementAndGet());
            }
            Instant startedAt = time.instant();
            runs.add(source + "@" + startedAt);
            started.computeIfAbsent(source, s -> new AtomicInteger()).incrementAndGet();
            try {
                CountDownLatch gate = gates.get(source);
                if (gate != null) {
                    gate.await();
                }
                if (failFirst.remove(source)) {
                    throw new IllegalStateException("the vendor said no");
                }
                return new RunSummary("run-" + runs.size(), startedAt, time.instant(), List.of());
            } finally {
                concurrent.get(source).decrementAndGet();
                allConcurrent.decrementAndGet();
            }
        }

        void block(String source) {
            gates.put(source, new CountDownLatch(1));
        }

        void release(String source) {
            gates.remove(source).countDown();
        }

        void releaseAll() {
            gates.keySet().forEach(this::release);
        }

        void failFirst(String source) {
            failFirst.add(source);
        }

        List<String> runs() {
            return List.copyOf(runs);
        }

        int maxConcurrent(String source) {
            return maxConcurrent.getOrDefault(source, 0);
        }

        int maxConcurrent() {
            return maxAllConcurrent;
        }

        void awaitStarted(String source, int count) throws InterruptedException {
            awaitCondition(() -> started.getOrDefault(source, new AtomicInteger()).get() >= count, "started " + source);
        }

        void awaitConcurrent(int count) throws InterruptedException {
            awaitCondition(() -> allConcurrent.get() >= count, count + " concurrent runs");
        }

        private void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("waiting for %s; runs: %s", what, runs).isLessThan(deadline);
                Thread.sleep(1);
            }
        }
    }

    /** The listener's events as short sentences. */
    private static final class Events implements SchedulerListener {
        private final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void catchingUp(String source, Instant missedFire, Optional<Instant> lastRun) {
            events.add("catching up " + source + " " + missedFire);
        }

        @Override
        public void runStarted(String source, Instant fireTime) {
            events.add("started " + source + " " + fireTime);
        }

        @Override
        public void runFinished(String source, Instant fireTime, RunSummary summary) {
            events.add("finished " + source + " " + fireTime);
        }

        @Override
        public void runFailed(String source, Instant fireTime, Exception error) {
            events.add("failed " + source + " " + fireTime + " " + error.getClass().getSimpleName());
        }

        @Override
        public void runDeferred(String source, Instant fireTime) {
            events.add("deferred " + source + " " + fireTime);
        }

        @Override
        public void runDropped(String source, Instant fireTime) {
            events.add("dropped " + source + " " + fireTime);
        }

        List<String> list() {
            return List.copyOf(events);
        }
    }
}
