package dev.sluice.cluster.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The threaded mode with real threads; waits are Awaitility conditions, never sleeps. */
class SchedulerThreadsTest {

    private final List<Scheduler> started = new ArrayList<>();

    private Scheduler start(int concurrency, Clock clock) {
        Scheduler s = new Scheduler(SchedulerOptions.defaults().withConcurrency(concurrency), clock,
                new SplittableRandom(3), SchedulerListener.NONE);
        started.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        started.forEach(s -> s.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    void neverTwoRunsOfOneKeyAtOnceAndNoEnqueueIsLost() throws Exception {
        Scheduler s = start(8, Clock.systemUTC());
        Map<ObjectKey, AtomicInteger> active = new ConcurrentHashMap<>();
        Map<ObjectKey, Long> lastEnqueued = new ConcurrentHashMap<>();
        Map<ObjectKey, Long> lastStarted = new ConcurrentHashMap<>();
        AtomicLong clockTicks = new AtomicLong();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Controller c = s.register(new ScriptedReconciler(SchedulerTest.CANARY, Clock.systemUTC()).behave(key -> {
            lastStarted.put(key, clockTicks.get());
            if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            for (int i = 0; i < 200; i++) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
            active.get(key).decrementAndGet();
            runs.incrementAndGet();
            return Result.done();
        }));
        s.start();

        List<ObjectKey> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(SchedulerTest.canary("c" + i));
        }
        List<CompletableFuture<Void>> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            producers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5_000; i++) {
                    ObjectKey key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                    lastEnqueued.merge(key, clockTicks.incrementAndGet(), Math::max);
                    c.enqueue(key);
                }
            }));
        }
        CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> c.depth() == 0 && s.running() == 0);
        assertThat(overlaps).hasValue(0);
        assertThat(maxRunning.get()).isBetween(1, 8);
        // Every key ran at least once after its last enqueue: no change was lost.
        for (ObjectKey key : lastEnqueued.keySet()) {
            assertThat(lastStarted.get(key)).as("last run of %s", key).isGreaterThanOrEqualTo(lastEnqueued.get(key));
        }
        // ...and the 20,000 enqueues were folded into far fewer runs.
        assertThat(runs.get()).isLessThan(20_000);
    }

    @Test
    void theConcurrencyCapHolds() throws Exception {
        Scheduler s = start(3, Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Controller c = s.register(new ScriptedReconciler(SchedulerTest.CANARY, Clock.systemUTC()).behave(key -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            release.await();
            running.decrementAndGet();
            return Result.done();
        }));
        s.start();
        for (int i = 0; i < 30; i++) {
            c.enqueue(SchedulerTest.canary("c" + i));
        }
        await().until(() -> running.get() == 3);
        assertThat(s.running()).isEqualTo(3);
        assertThat(c.depth()).isEqualTo(27);
        release.countDown();
        await().until(() -> c.depth() == 0 && s.running() == 0);
        assertThat(maxRunning).hasValue(3);
    }

    @Test
    void requeuesFollowTheManualClockInThreadedMode() {
        ManualClock clock = ManualClock.atEpochOfTests();
        Scheduler s = start(2, clock);
        ScriptedReconciler r = new ScriptedReconciler(SchedulerTest.CANARY, clock)
                .behave(k -> Result.afterExactly(Duration.ofSeconds(10)));
        s.register(r).enqueue(SchedulerTest.canary("a"));
        s.start();
        await().until(() -> r.runs().size() == 1);
        clock.advance(Duration.ofSeconds(10));
        s.wakeUp();
        await().until(() -> r.runs().size() == 2);
        assertThat(r.timesOf(SchedulerTest.canary("a")).get(1)).isEqualTo(clock.instant());
    }

    @Test
    void shutdownLetsRunsInFlightFinish() throws Exception {
        Scheduler s = start(2, Clock.systemUTC());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        s.register(new ScriptedReconciler(SchedulerTest.CANARY, Clock.systemUTC()).behave(k -> {
            inside.countDown();
            release.await();
            finished.set(true);
            return Result.done();
        })).enqueue(SchedulerTest.canary("a"));
        s.start();
        inside.await();

        CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(() -> s.shutdown(Duration.ofSeconds(30)));
        assertThat(stopping).isNotDone();
        release.countDown();
        assertThat(stopping.get()).isTrue();
        assertThat(finished).isTrue();
    }

    @Test
    void shutdownInterruptsRunsThatOutliveTheTimeout() throws Exception {
        Scheduler s = start(2, Clock.systemUTC());
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        s.register(new ScriptedReconciler(SchedulerTest.CANARY, Clock.systemUTC()).behave(k -> {
            inside.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Result.done();
        })).enqueue(SchedulerTest.canary("a"));
        s.start();
        inside.await();
        assertThat(s.shutdown(Duration.ofMillis(100))).isFalse();
        await().untilTrue(interrupted);
    }

    @Test
    void aControllersOwnCapLeavesRoomForOthers() {
        Scheduler s = start(4, Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowRunning = new AtomicInteger();
        AtomicInteger fastRuns = new AtomicInteger();
        Controller slow = s.register("slow", new ScriptedReconciler(SchedulerTest.CANARY, Clock.systemUTC()).behave(k -> {
            slowRunning.incrementAndGet();
            release.await();
            return Result.done();
        }), 1);
        Controller fast = s.register("fast", new ScriptedReconciler(SchedulerTest.KUSTOMIZATION, Clock.systemUTC()).behave(k -> {
            fastRuns.incrementAndGet();
            return Result.done();
        }), 4);
        s.start();
        for (int i = 0; i < 10; i++) {
            slow.enqueue(SchedulerTest.canary("c" + i));
            fast.enqueue(new ObjectKey(SchedulerTest.KUSTOMIZATION, "flux-system", "k" + i));
        }
        await().until(() -> fastRuns.get() == 10);
        assertThat(slowRunning).hasValue(1);
        assertThat(slow.depth()).isEqualTo(9);
        release.countDown();
        await().until(() -> slow.depth() == 0 && s.running() == 0);
        assertThat(slowRunning).hasValue(10);
    }
}
