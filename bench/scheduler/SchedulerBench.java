import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.testkit.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmarks of the reconcile scheduler (bench/scheduler/run.sh builds and runs it).
 *
 * <ul>
 *   <li>{@code overhead}: step mode on a manual clock; N keys requeued every interval; measures the
 *       scheduler's own cost per reconcile (take, no-op reconcile, requeue with jitter).
 *   <li>{@code realtime}: threaded mode on the real clock with virtual threads; N keys requeued every
 *       interval for a while; measures tick lag (run start minus due time), CPU and heap.
 * </ul>
 */
public class SchedulerBench {

    static final GroupKind CANARY = GroupKind.of("flagger.app", "Canary");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "overhead";
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        switch (mode) {
            case "overhead" -> overhead(keys, Duration.ofSeconds(10));
            case "realtime" -> realtime(keys, Duration.ofSeconds(10),
                    Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60),
                    args.length > 3 ? Integer.parseInt(args[3]) : 4,
                    args.length > 4 ? Long.parseLong(args[4]) : 0,
                    args.length > 5 ? args[5] : "spread",
                    args.length > 6 ? args[6] : "virtual");
            default -> throw new IllegalArgumentException("mode overhead|realtime, got " + mode);
        }
    }

    /** Step mode: the scheduler's own cost per reconcile, with no threads and no waiting. */
    static void overhead(int keys, Duration interval) {
        ManualClock clock = ManualClock.atEpochOfTests();
        Scheduler s = new Scheduler(SchedulerOptions.defaults(), clock, new SplittableRandom(1), SchedulerListener.NONE);
        Controller c = s.register(noop(interval, 0, true));
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < keys; i++) {
            c.enqueueAfter(key(i), Duration.ofMillis(r.nextLong(interval.toMillis())));
        }
        Duration step = Duration.ofMillis(10);
        int stepsPerInterval = (int) (interval.toMillis() / step.toMillis());
        for (int i = 0; i < stepsPerInterval * 2; i++) { // warm-up: two intervals
            clock.advance(step);
            s.runUntilIdle();
        }
        long runs = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < stepsPerInterval * 10; i++) { // ten intervals
            clock.advance(step);
            runs += s.runUntilIdle();
        }
        long nanos = System.nanoTime() - t0;
        System.out.printf("overhead: keys=%d interval=%s ticks(10 ms)=%d reconciles=%d -> %.0f ns per reconcile,"
                        + " %.2f ms per interval of %d reconciles, max throughput %.0f reconciles/s on one thread%n",
                keys, interval, stepsPerInterval * 10, runs, (double) nanos / runs,
                nanos / 1e6 / 10, keys, runs / (nanos / 1e9));
        System.gc();
        System.out.printf("overhead: heap used with %d keys scheduled: %.1f MiB%n", keys, heapMiB());
    }

    /** Threaded mode on the real clock: lag percentiles, CPU and heap for N keys every interval. */
    static void realtime(int keys, Duration interval, Duration duration, int concurrency, long workMicros, String start,
                         String threads) throws InterruptedException {
        long warmupEnd = System.nanoTime() + interval.toNanos();
        long[] lags = new long[(int) (keys * (duration.toMillis() / interval.toMillis() + 2))];
        AtomicInteger samples = new AtomicInteger();
        AtomicLong maxLag = new AtomicLong();
        SchedulerListener listener = new SchedulerListener() {
            @Override
            public void started(String controller, ObjectKey key, Duration lag) {
                if (System.nanoTime() > warmupEnd) {
                    int i = samples.getAndIncrement();
                    if (i < lags.length) {
                        lags[i] = lag.toNanos();
                    }
                    maxLag.accumulateAndGet(lag.toNanos(), Math::max);
                }
            }
        };
        Scheduler s = new Scheduler(SchedulerOptions.defaults().withConcurrency(concurrency), Clock.systemUTC(),
                new SplittableRandom(1), listener);
        Controller c = s.register(noop(interval, workMicros, true));
        // Control: a bare thread with a due time every millisecond, recording how late each one is
        // served (slots missed during a stall all count, as the scheduler's keys do). On a busy
        // machine its tail is the operating system's, and the scheduler cannot beat it.
        long[] probe = new long[(int) (duration.toMillis() + 1_000)];
        AtomicInteger probes = new AtomicInteger();
        Thread control = Thread.ofPlatform().daemon().start(() -> {
            long end = System.nanoTime() + duration.toNanos();
            long next = System.nanoTime() + 1_000_000;
            while (next < end) {
                LockSupport.parkNanos(next - System.nanoTime());
                long now = System.nanoTime();
                for (; next <= now; next += 1_000_000) {
                    if (next > warmupEnd && probes.get() < probe.length) {
                        probe[probes.getAndIncrement()] = now - next;
                    }
                }
            }
        });
        long cpu0 = cpuNanos();
        java.util.concurrent.ExecutorService pool = null;
        switch (threads) {
            case "virtual" -> s.start();
            case "platform" -> s.start(pool = java.util.concurrent.Executors.newFixedThreadPool(concurrency));
            case "inline" -> s.start(Runnable::run); // runs on the dispatcher thread: no hand-off at all
            default -> throw new IllegalArgumentException("threads virtual|platform|inline, got " + threads);
        }
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < keys; i++) {
            if (start.equals("burst")) {
                c.enqueue(key(i));
            } else {
                c.enqueueAfter(key(i), Duration.ofNanos(r.nextLong(interval.toNanos())));
            }
        }
        Thread.sleep(duration.toMillis()); // a benchmark, not a test: it runs for a fixed wall time
        long cpu = cpuNanos() - cpu0;
        s.shutdown(Duration.ofSeconds(10));
        if (pool != null) {
            pool.shutdown();
        }
        control.join();
        long[] controlSorted = Arrays.copyOf(probe, probes.get());
        Arrays.sort(controlSorted);
        System.gc();
        int n = Math.min(samples.get(), lags.length);
        long[] sorted = Arrays.copyOf(lags, n);
        Arrays.sort(sorted);
        System.out.printf("realtime: keys=%d interval=%s duration=%s concurrency=%d work=%dus start=%s threads=" + threads + ":"
                        + " reconciles after warm-up=%d (%.0f/s), tick lag p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms,"
                        + " CPU %.1f%% of one core, heap after GC %.1f MiB;"
                        + " control thread oversleep p50=%.2f ms p99=%.2f ms p99.9=%.2f ms%n",
                keys, interval, duration, concurrency, workMicros, start, n,
                n / ((duration.toNanos() - interval.toNanos()) / 1e9),
                pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 0.999), maxLag.get() / 1e6,
                100.0 * cpu / duration.toNanos(), heapMiB(),
                pct(controlSorted, 0.50), pct(controlSorted, 0.99), pct(controlSorted, 0.999));
    }

    static Reconciler noop(Duration interval, long workMicros, boolean jitter) {
        return new Reconciler() {
            @Override
            public GroupKind kind() {
                return CANARY;
            }

            @Override
            public Result reconcile(ObjectKey key) {
                if (workMicros > 0) {
                    LockSupport.parkNanos(workMicros * 1_000); // stands for I/O waits of a real reconcile
                }
                return jitter ? Result.after(interval) : Result.afterExactly(interval);
            }
        };
    }

    static ObjectKey key(int i) {
        return new ObjectKey(CANARY, "ns-" + (i % 100), "canary-" + i);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    static double heapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
