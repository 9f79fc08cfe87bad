package dev.sluice.cluster.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WatchWiringTest {

    private static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final FakeCluster cluster = new FakeCluster();
    private final Scheduler scheduler = new Scheduler(SchedulerOptions.defaults().withIntervalJitterPercent(0)
            .withBackoff(new Backoff(Duration.ofMillis(750), Duration.ofMinutes(15), 0)), clock,
            new SplittableRandom(5), SchedulerListener.NONE);
    private final ScriptedReconciler canaries = new ScriptedReconciler(SchedulerTest.CANARY, clock);
    private final Controller controller = scheduler.register(canaries);

    private static String canary(String name, int generation, String extra) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: %s, namespace: test, generation: %d%s}
                spec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}}
                """.formatted(name, generation, extra, name);
    }

    private static String deployment(String name, int ready) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: test, generation: 1}
                status: {readyReplicas: %d}
                """.formatted(name, ready);
    }

    /** Canaries are named after their target in these tests. */
    private static List<ObjectKey> canaryOf(KubeObject deployment) {
        return List.of(new ObjectKey(SchedulerTest.CANARY, deployment.namespace(), deployment.name()));
    }

    private List<String> reconciled() {
        List<String> names = canaries.runs().stream().map(r -> r.key().name()).toList();
        return names;
    }

    private List<String> runAndCollect() {
        int before = canaries.runs().size();
        scheduler.runUntilIdle();
        return reconciled().subList(before, reconciled().size());
    }

    @Test
    void listsExistingObjectsThenFollowsTheWatch() {
        cluster.put(canary("a", 1, ""));
        cluster.put(canary("b", 1, ""));
        WatchWiring.of(cluster, controller).start();
        assertThat(runAndCollect()).containsExactly("a", "b");
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isEqualTo(1);

        cluster.put(canary("c", 1, ""));
        assertThat(runAndCollect()).containsExactly("c");
    }

    @Test
    void statusOnlyChangesDoNotEnqueueButSpecChangesAndRequestsDo() {
        cluster.put(canary("a", 1, ""));
        WatchWiring.of(cluster, controller).start();
        runAndCollect();

        cluster.put(canary("a", 1, "") + "status: {phase: Progressing}\n");
        assertThat(runAndCollect()).isEmpty();
        cluster.put(canary("a", 2, ""));
        assertThat(runAndCollect()).containsExactly("a");
        cluster.put(canary("a", 2, ", annotations: {reconcile.fluxcd.io/requestedAt: '2026-01-01T00:01:00Z'}"));
        assertThat(runAndCollect()).containsExactly("a");
        cluster.put(canary("a", 2, ", deletionTimestamp: '2026-01-01T00:02:00Z', annotations: {reconcile.fluxcd.io/requestedAt: '2026-01-01T00:01:00Z'}"));
        assertThat(runAndCollect()).containsExactly("a");
        cluster.remove(new ObjectKey(SchedulerTest.CANARY, "test", "a"));
        assertThat(runAndCollect()).containsExactly("a");
    }

    @Test
    void aRelatedKindEnqueuesWhatItMapsTo() {
        cluster.put(canary("web", 1, ""));
        cluster.put(deployment("web", 0));
        WatchWiring.of(cluster, controller).related(DEPLOYMENT, WatchWiringTest::canaryOf).start();
        assertThat(runAndCollect()).containsExactly("web"); // listed twice, reconciled once

        cluster.put(deployment("web", 1)); // a status change of the target counts
        assertThat(runAndCollect()).containsExactly("web");
        cluster.remove(new ObjectKey(DEPLOYMENT, "test", "web"));
        assertThat(runAndCollect()).containsExactly("web");
    }

    @Test
    void manyEventsBeforeARunMakeOneRun() {
        WatchWiring.of(cluster, controller).related(DEPLOYMENT, WatchWiringTest::canaryOf).start();
        scheduler.runUntilIdle();
        for (int i = 0; i < 50; i++) {
            cluster.put(deployment("web", i));
        }
        assertThat(runAndCollect()).containsExactly("web");
    }

    @Test
    void anExpiredWatchIsListedAgainAndOnlyWhatChangedMeanwhileIsEnqueued() {
        cluster.put(canary("same", 1, ""));
        cluster.put(canary("changed", 1, ""));
        cluster.put(canary("gone", 1, ""));
        WatchWiring.of(cluster, controller).start();
        runAndCollect();

        cluster.expire(SchedulerTest.CANARY);
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isZero();
        // While no watch is open (the re-list is queued, not yet run), objects change.
        cluster.put(canary("changed", 2, ""));
        cluster.put(canary("new", 1, ""));
        cluster.remove(new ObjectKey(SchedulerTest.CANARY, "test", "gone"));

        assertThat(runAndCollect()).containsExactlyInAnyOrder("changed", "new", "gone");
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isEqualTo(1);
        cluster.put(canary("same", 2, ""));
        assertThat(runAndCollect()).containsExactly("same");
    }

    @Test
    void aFailingWatchIsRetriedWithBackoff() {
        cluster.put(canary("a", 1, ""));
        cluster.failNextWatches(2);
        WatchWiring.of(cluster, controller).start();
        assertThat(runAndCollect()).containsExactly("a");
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isZero();

        clock.advance(Duration.ofMillis(750));
        scheduler.runUntilIdle();
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isZero();
        clock.advance(Duration.ofMillis(1_499));
        scheduler.runUntilIdle();
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(runAndCollect()).isEmpty(); // nothing changed, nothing enqueued
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isEqualTo(1);
        assertThat(cluster.lists).isEqualTo(3);
    }

    @Test
    void closeStopsTheWatchesAndTheLister() {
        WatchWiring wiring = WatchWiring.of(cluster, controller).related(DEPLOYMENT, WatchWiringTest::canaryOf).start();
        scheduler.runUntilIdle();
        wiring.close();
        assertThat(cluster.openWatches(SchedulerTest.CANARY)).isZero();
        assertThat(cluster.openWatches(DEPLOYMENT)).isZero();
        cluster.put(canary("a", 1, ""));
        assertThat(runAndCollect()).isEmpty();
        wiring.close();
    }

    @Test
    void aBrokenMappingSkipsThatObjectOnly() {
        WatchWiring.of(cluster, controller).related(DEPLOYMENT, d -> {
            if (d.name().equals("bad")) {
                throw new IllegalStateException("no index");
            }
            return canaryOf(d);
        }).start();
        scheduler.runUntilIdle();
        cluster.put(deployment("bad", 1));
        cluster.put(deployment("good", 1));
        assertThat(runAndCollect()).containsExactly("good");
    }

    @Test
    void configurationIsRefusedAfterStartAndForAKindWatchedTwice() {
        WatchWiring wiring = WatchWiring.of(cluster, controller).related(DEPLOYMENT, WatchWiringTest::canaryOf);
        assertThatThrownBy(() -> wiring.related(DEPLOYMENT, WatchWiringTest::canaryOf))
                .hasMessageContaining("Deployment.apps is already watched");
        wiring.start();
        assertThatThrownBy(() -> wiring.inNamespace("x")).hasMessageContaining("already started");
    }

    @Test
    void aNamespacedWiringSeesOnlyItsNamespace() {
        cluster.put(canary("a", 1, ""));
        cluster.put(canary("a", 1, "").replace("namespace: test", "namespace: other"));
        WatchWiring.of(cluster, controller).inNamespace("other").start();
        scheduler.runUntilIdle();
        assertThat(canaries.runs()).extracting(r -> r.key().namespace()).containsExactly("other");
    }
}
