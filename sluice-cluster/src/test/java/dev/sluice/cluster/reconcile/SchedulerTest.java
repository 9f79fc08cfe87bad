package dev.sluice.cluster.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler stepped in the test's thread with a manual clock: exact, and nothing sleeps. */
class SchedulerTest {

    static final GroupKind CANARY = GroupKind.of("flagger.app", "Canary");
    static final GroupKind KUSTOMIZATION = GroupKind.of("kustomize.toolkit.fluxcd.io", "Kustomization");

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final Instant t0 = clock.instant();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final SchedulerListener recorder = new SchedulerListener() {
        @Override
        public void queueDepth(String controller, int depth) {
            events.add("depth " + depth);
        }

        @Override
        public void started(String controller, ObjectKey key, Duration lag) {
            events.add("started " + key.name() + " lag " + lag.toMillis());
        }

        @Override
        public void finished(String controller, ObjectKey key, Duration took, Throwable error) {
            events.add("finished " + key.name() + " took " + took.toMillis() + (error == null ? "" : " " + error.getMessage()));
        }
    };

    private Scheduler scheduler(SchedulerOptions options) {
        return new Scheduler(options, clock, new SplittableRandom(42), recorder);
    }

    private static SchedulerOptions noJitter() {
        return SchedulerOptions.defaults().withIntervalJitterPercent(0)
                .withBackoff(new Backoff(Duration.ofMillis(750), Duration.ofMinutes(15), 0));
    }

    static ObjectKey canary(String name) {
        return new ObjectKey(CANARY, "test", name);
    }

    @Test
    void requeueAfterRunsAgainExactlyThen() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> Result.afterExactly(Duration.ofSeconds(10)));
        s.register(r).enqueue(canary("a"));

        assertThat(s.runUntilIdle()).isEqualTo(1);
        clock.advance(Duration.ofMillis(9_999));
        assertThat(s.runUntilIdle()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(s.runUntilIdle()).isEqualTo(1);
        assertThat(r.timesOf(canary("a"))).containsExactly(t0, t0.plusSeconds(10));
    }

    @Test
    void doneMeansNoMoreRunsUntilEnqueued() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock);
        Controller c = s.register(r);
        c.enqueue(canary("a"));
        s.runUntilIdle();
        clock.advance(Duration.ofDays(1));
        assertThat(s.runUntilIdle()).isZero();
        assertThat(s.nextDue()).isEmpty();
    }

    @Test
    void jitteredRequeueStaysWithinFivePercent() {
        Scheduler s = scheduler(SchedulerOptions.defaults());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> Result.after(Duration.ofSeconds(10)));
        Controller c = s.register(r);
        for (int i = 0; i < 200; i++) {
            c.enqueue(canary("c" + i));
        }
        s.runUntilIdle();
        Instant next = s.nextDue().orElseThrow();
        assertThat(next).isBetween(t0.plusMillis(9_500), t0.plusMillis(10_500));
        // 200 keys spread over the window rather than all at 10 s.
        clock.advance(Duration.ofSeconds(10));
        int early = s.runUntilIdle();
        assertThat(early).isBetween(50, 150);
        clock.advance(Duration.ofMillis(500));
        assertThat(s.runUntilIdle()).isEqualTo(200 - early);
    }

    @Test
    void exceptionsBackOffExponentiallyAndASuccessResets() {
        Scheduler s = scheduler(noJitter());
        AtomicInteger calls = new AtomicInteger();
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> {
            int n = calls.incrementAndGet();
            if (n <= 4 || n == 6) {
                throw new IllegalStateException("boom " + n);
            }
            return n == 5 ? Result.afterExactly(Duration.ofSeconds(1)) : Result.done();
        });
        s.register(r).enqueue(canary("a"));

        // Fail at 0, retry after 0.75 s, 1.5 s, 3 s; succeed; then fail again: back to 0.75 s.
        long[] steps = {0, 750, 1_500, 3_000, 6_000, 1_000, 750};
        for (long step : steps) {
            clock.advance(Duration.ofMillis(step));
            assertThat(s.runUntilIdle()).as("run after %d ms", step).isEqualTo(1);
            clock.advance(Duration.ofMillis(1));
            assertThat(s.runUntilIdle()).isZero();
            clock.advance(Duration.ofMillis(-1));
        }
        assertThat(r.timesOf(canary("a"))).containsExactly(t0, t0.plusMillis(750), t0.plusMillis(2_250),
                t0.plusMillis(5_250), t0.plusMillis(11_250), t0.plusMillis(12_250), t0.plusMillis(13_000));
        assertThat(events).contains("finished a took 0 boom 1", "finished a took 0 boom 6");
    }

    @Test
    void backoffIsJitteredWithinItsBounds() {
        Scheduler s = scheduler(SchedulerOptions.defaults());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> {
            throw new IllegalStateException("always");
        });
        s.register(r).enqueue(canary("a"));
        s.runUntilIdle();
        for (int failures = 1; failures <= 14; failures++) {
            Duration wait = Duration.between(clock.instant(), s.nextDue().orElseThrow());
            Duration base = Backoff.FLUX.base(failures);
            assertThat(wait).as("wait after %d failures", failures)
                    .isBetween(Duration.ofNanos((long) (base.toNanos() * 0.9)), Duration.ofNanos((long) (base.toNanos() * 1.1)))
                    .isLessThanOrEqualTo(Duration.ofMinutes(15));
            clock.advance(wait);
            assertThat(s.runUntilIdle()).isEqualTo(1);
        }
        assertThat(r.runs()).hasSize(15);
    }

    @Test
    void manyEnqueuesBeforeARunMakeOneRun() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock);
        Controller c = s.register(r);
        for (int i = 0; i < 1_000; i++) {
            c.enqueue(canary("a"));
            s.enqueue(canary("a"));
        }
        assertThat(c.depth()).isEqualTo(1);
        assertThat(s.runUntilIdle()).isEqualTo(1);
    }

    @Test
    void anEnqueueDuringARunRunsItOnceMoreAfter() {
        Scheduler s = scheduler(noJitter());
        Controller[] self = new Controller[1];
        AtomicInteger calls = new AtomicInteger();
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> {
            if (calls.incrementAndGet() == 1) {
                // Events arriving while the key is being reconciled.
                self[0].enqueue(k);
                self[0].enqueue(k);
            }
            return Result.afterExactly(Duration.ofMinutes(5));
        });
        self[0] = s.register(r);
        self[0].enqueue(canary("a"));
        assertThat(s.runUntilIdle()).isEqualTo(2);
        assertThat(r.timesOf(canary("a"))).containsExactly(t0, t0);
        assertThat(s.nextDue()).contains(t0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anEventMovesAScheduledRunEarlierAndDoesNotAddOne() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> Result.afterExactly(Duration.ofMinutes(10)));
        Controller c = s.register(r);
        c.enqueue(canary("a"));
        s.runUntilIdle();
        clock.advance(Duration.ofMinutes(1));
        c.enqueue(canary("a"));
        assertThat(s.runUntilIdle()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(s.runUntilIdle()).isEqualTo(1);
        assertThat(r.timesOf(canary("a"))).containsExactly(t0, t0.plusSeconds(60), t0.plusSeconds(660));
    }

    @Test
    void controllersTakeTurnsSoAFloodDoesNotStarveOthers() {
        Scheduler s = scheduler(noJitter().withConcurrency(1));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ScriptedReconciler flood = new ScriptedReconciler(CANARY, clock).behave(k -> {
            order.add("canary");
            return Result.done();
        });
        ScriptedReconciler quiet = new ScriptedReconciler(KUSTOMIZATION, clock).behave(k -> {
            order.add("ks");
            return Result.done();
        });
        Controller canaries = s.register(flood);
        Controller kustomizations = s.register(quiet);
        for (int i = 0; i < 1_000; i++) {
            canaries.enqueue(canary("c" + i));
        }
        for (int i = 0; i < 3; i++) {
            kustomizations.enqueue(new ObjectKey(KUSTOMIZATION, "flux-system", "k" + i));
        }
        assertThat(s.runUntilIdle()).isEqualTo(1_003);
        assertThat(order.subList(0, 6)).containsExactly("canary", "ks", "canary", "ks", "canary", "ks");
    }

    @Test
    void enqueueByKeyReachesEveryControllerOfItsKindOnly() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler one = new ScriptedReconciler(CANARY, clock);
        ScriptedReconciler two = new ScriptedReconciler(CANARY, clock);
        ScriptedReconciler other = new ScriptedReconciler(KUSTOMIZATION, clock);
        s.register("one", one, 4);
        s.register("two", two, 4);
        s.register(other);
        s.enqueue(canary("a"));
        s.runUntilIdle();
        assertThat(one.runs()).hasSize(1);
        assertThat(two.runs()).hasSize(1);
        assertThat(other.runs()).isEmpty();
    }

    @Test
    void listenerSeesLagDurationAndErrors() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock).behave(k -> {
            clock.advance(Duration.ofMillis(40)); // the reconcile takes 40 ms
            if (k.name().equals("bad")) {
                throw new IllegalArgumentException("bad input");
            }
            return Result.done();
        });
        Controller c = s.register(r);
        c.enqueueAfter(canary("ok"), Duration.ofSeconds(1));
        c.enqueueAfter(canary("bad"), Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(1_250));
        s.runUntilIdle();
        assertThat(events).containsExactly("depth 1", "depth 2",
                "depth 1", "started ok lag 250", "depth 1", "finished ok took 40",
                "depth 0", "started bad lag 290", "depth 1", "finished bad took 40 bad input");
    }

    @Test
    void registeringTwoControllersUnderOneNameIsRefused() {
        Scheduler s = scheduler(noJitter());
        s.register(new ScriptedReconciler(CANARY, clock));
        assertThatThrownBy(() -> s.register(new ScriptedReconciler(CANARY, clock)))
                .hasMessageContaining("Canary.flagger.app is already registered");
    }

    @Test
    void aSelfRequeueWithoutDelayIsReportedInsteadOfSpinningForever() {
        Scheduler s = scheduler(noJitter());
        s.register(new ScriptedReconciler(CANARY, clock).behave(k -> Result.afterExactly(Duration.ZERO))).enqueue(canary("a"));
        assertThatThrownBy(() -> s.runUntilIdle(100)).hasMessageContaining("requeue itself without delay");
    }

    @Test
    void removedControllersRunNoMore() {
        Scheduler s = scheduler(noJitter());
        ScriptedReconciler r = new ScriptedReconciler(CANARY, clock);
        Controller c = s.register(r);
        c.enqueue(canary("a"));
        s.remove(c);
        assertThat(s.runUntilIdle()).isZero();
    }
}
