package dev.stockroom.schedule;

import dev.stockroom.pipeline.RunSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine of {@code stockroom schedule}: runs each {@link Job} at its fire times.
 *
 * <ul>
 *   <li><b>Never two runs of one source at once.</b> When a source's slot comes while its previous
 *       run is still going, one run is deferred and starts as soon as the previous one ends;
 *       further slots passing meanwhile are dropped (a missed slot runs once, as after downtime).</li>
 *   <li><b>Sources run independently</b>, at most {@code maxConcurrentRuns} (default 2) at a time;
 *       the rest wait for a free thread.</li>
 *   <li><b>Catching up.</b> On {@link #start}, a source whose most recent fire time at or before now
 *       is after its last run (or which never ran) runs once at once, not once per missed slot.
 *       Slots missed while the process was suspended also coalesce into one run.</li>
 *   <li><b>Stopping.</b> {@link #stop} dispatches nothing more, drops deferred runs, and waits up to
 *       a timeout for running ones; after it, they are interrupted. A run cut short leaves the
 *       warehouse as its last committed chunk left it.</li>
 * </ul>
 */
public final class Scheduler {


    private final List<Slot> slots;
    private final JobRunner runner;
    private final LastRuns lastRuns;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SchedulerListener listener;
    private final ExecutorService pool;
    private final Object lock = new Object();
    private volatile boolean stopping;
    private Thread loop;

    private Scheduler(Builder b) {
        this.slots = b.jobs.stream().map(Slot::new).toList();
        this.runner = b.runner;
        this.lastRuns = b.lastRuns;
        this.clock = b.clock;
        this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.system(b.clock);
        this.listener = b.listener;
        this.pool = Executors.newFixedThreadPool(b.maxConcurrentRuns, threads("stockroom-run-"));
    }

    public static Builder builder(List<Job> jobs, JobRunner runner, LastRuns lastRuns) {
        return new Builder(jobs, runner, lastRuns);
    }

    /** Catches up missed runs, then schedules every job on a background thread. Returns at once. */
    public void start() {
        synchronized (lock) {
            if (loop != null || stopping) {
                throw new IllegalStateException("the scheduler can be started once");
            }
            Instant now = clock.instant();
            for (Slot slot : slots) {
                Job job = slot.job;
                Optional<Instant> missed = job.schedule().lastFireAtOrBefore(now, job.zone());
                Optional<Instant> last = lastRuns.lastRun(job.source());
                if (missed.isPresent() && last.map(l -> l.isBefore(missed.get())).orElse(true)) {
                    notify(() -> listener.catchingUp(job.source(), missed.get(), last));
                    dispatch(slot, missed.get());
                }
                slot.nextFire = job.schedule().nextFireAfter(now, job.zone()).orElse(null);
            }
            loop = threads("stockroom-scheduler").newThread(this::loop);
            loop.start();
        }
    }

    /** The sources with a run going or waiting for a thread; for {@code /healthz}. */
    public Set<String> running() {
        synchronized (lock) {
            Set<String> running = new TreeSet<>();
            slots.stream().filter(s -> s.inFlight).forEach(s -> running.add(s.job.source()));
            return running;
        }
    }

    /**
     * Stops scheduling and waits up to {@code timeout} for running jobs to finish; then interrupts
     * them. Safe to call twice, and from a shutdown hook (SIGTERM).
     *
     * @return whether every run finished within the timeout
     */
    public boolean stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread loopThread;
        synchronized (lock) {
            stopping = true;
            loopThread = loop;
        }
        try {
            if (loopThread != null) {
                loopThread.interrupt();
                loopThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            pool.shutdown();
            if (pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        return false;
    }

    private void loop() {
        while (!stopping) {
            Instant now = clock.instant();
            Instant wake = null;
            synchronized (lock) {
                for (Slot slot : slots) {
                    Job job = slot.job;
                    if (slot.nextFire != null && !slot.nextFire.isAfter(now)) {
                        dispatch(slot, slot.nextFire);
                        slot.nextFire = job.schedule().nextFireAfter(now, job.zone()).orElse(null);
                    }
                    if (slot.nextFire != null && (wake == null || slot.nextFire.isBefore(wake))) {
                        wake = slot.nextFire;
                    }
                }
            }
            try {
                sleeper.sleepUntil(wake != null ? wake : now.plus(Duration.ofHours(1)));
            } catch (InterruptedException e) {
                // stop() or a spurious interrupt: the loop condition decides
            }
        }
    }

    /** Called holding the lock. */
    private void dispatch(Slot slot, Instant fireTime) {
        String source = slot.job.source();
        if (stopping) {
            return;
        }
        if (slot.inFlight) {
            if (slot.deferred == null) {
                slot.deferred = fireTime;
                notify(() -> listener.runDeferred(source, fireTime));
            } else {
                notify(() -> listener.runDropped(source, fireTime));
            }
            return;
        }
        slot.inFlight = true;
        pool.execute(() -> work(slot, fireTime));
    }

    private void work(Slot slot, Instant fireTime) {
        boolean released = false;
        try {
            for (Instant fire = fireTime; fire != null; fire = takeDeferred(slot)) {
                runOnce(slot.job.source(), fire);
            }
            released = true;
        } finally {
            if (!released) { // an Error escaped the runner: free the slot all the same
                synchronized (lock) {
                    slot.inFlight = false;
                    slot.deferred = null;
                }
            }
        }
    }

    /** The deferred slot to run next, or {@code null}, in which case the slot is free again. */
    private Instant takeDeferred(Slot slot) {
        synchronized (lock) {
            Instant next = stopping ? null : slot.deferred;
            slot.deferred = null;
            slot.inFlight = next != null;
            return next;
        }
    }

    private void runOnce(String source, Instant fireTime) {
        if (stopping) {
            return;
        }
        notify(() -> listener.runStarted(source, fireTime));
        try {
            RunSummary summary = runner.run(source);
            notify(() -> listener.runFinished(source, fireTime, summary));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            notify(() -> listener.runFailed(source, fireTime, e));
        }
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException ignored) {
            // a listener must not stop the schedule
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> new Thread(r, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
    }

    /** A job and its state; fields guarded by {@code lock}. */
    private static final class Slot {
        final Job job;
        Instant nextFire;
        boolean inFlight;
        Instant deferred;

        Slot(Job job) {
            this.job = job;
        }
    }

    /** Optional settings: clock and sleeper (for tests), listener, pool size. */
    public static final class Builder {
        private final List<Job> jobs;
        private final JobRunner runner;
        private final LastRuns lastRuns;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper;
        private SchedulerListener listener = SchedulerListener.NONE;
        private int maxConcurrentRuns = 2;

        private Builder(List<Job> jobs, JobRunner runner, LastRuns lastRuns) {
            this.jobs = List.copyOf(jobs);
            this.runner = Objects.requireNonNull(runner, "runner");
            this.lastRuns = Objects.requireNonNull(lastRuns, "lastRuns");
            long distinct = jobs.stream().map(Job::source).distinct().count();
            if (distinct != jobs.size()) {
                throw new IllegalArgumentException("each source can have one job only");
            }
        }

        /** The time source; the default sleeper follows it. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public Builder listener(SchedulerListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Builder maxConcurrentRuns(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRuns must be at least 1, was " + max);
            }
            this.maxConcurrentRuns = max;
            return this;
        }

        public Scheduler build() {
            return new Scheduler(this);
        }
    }
}
