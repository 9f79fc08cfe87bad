package dev.sluice.local.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.runtime.spec.IntOrPercent;
import dev.sluice.local.runtime.spec.RolloutStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Pods follow targets at once; {@code healthy} decides whether new pods become available. */
    static List<ReplicaSetState> settle(List<ReplicaSetState> sets, boolean healthy, String newHash) {
        List<ReplicaSetState> out = new ArrayList<>();
        for (ReplicaSetState rs : sets) {
            int available = rs.hash().equals(newHash) && !healthy ? 0 : rs.target();
            out.add(rs.observed(rs.target(), available, available));
        }
        return out;
    }

    static Desired desired(int replicas, RolloutStrategy strategy, String hash) {
        return new Desired(replicas, strategy, false, hash, "web-" + hash);
    }

    static ReplicaSetState running(String hash, int n, Instant created, int replicas, int surge) {
        return new ReplicaSetState(hash, "web-" + hash, created, n, replicas, replicas + surge, n, n, n);
    }

    @Test
    void newDeploymentCreatesItsReplicaSetAtFullSize() {
        Plan plan = RolloutPlanner.plan(desired(3, RolloutStrategy.DEPLOYMENT_DEFAULT, "aaa"), List.of(), 0, T0);
        assertThat(plan.createdNew()).isTrue();
        assertThat(plan.sets()).singleElement().satisfies(rs -> {
            assertThat(rs.target()).isEqualTo(3);
            assertThat(rs.desired()).isEqualTo(3);
            assertThat(rs.maxReplicas()).isEqualTo(4);
        });
        assertThat(plan.scalings()).extracting(Plan.Scaling::message).containsExactly("Scaled up replica set web-aaa to 3 from 0");
    }

    @Test
    void defaultRollingUpdateStaysWithinOneSurgeAndOneUnavailable() {
        Desired d = desired(4, RolloutStrategy.DEPLOYMENT_DEFAULT, "bbb");
        List<ReplicaSetState> sets = List.of(running("aaa", 4, T0, 4, 1));
        List<String> events = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            Plan plan = RolloutPlanner.plan(d, sets, sets.stream().filter(s -> !s.hash().equals("bbb")).mapToInt(ReplicaSetState::pods).sum(), T0.plusSeconds(step));
            plan.scalings().forEach(s -> events.add(s.message()));
            assertThat(Work.targets(plan.sets())).isLessThanOrEqualTo(5);
            sets = settle(plan.sets(), true, "bbb");
            assertThat(Work.available(sets)).isGreaterThanOrEqualTo(3);
        }
        assertThat(sets).singleElement().satisfies(rs -> {
            assertThat(rs.hash()).isEqualTo("bbb");
            assertThat(rs.target()).isEqualTo(4);
        });
        assertThat(events).startsWith("Scaled up replica set web-bbb to 1 from 0", "Scaled down replica set web-aaa to 3 from 4",
                "Scaled up replica set web-bbb to 2 from 1");
    }

    @Test
    void everyBudgetConvergesWithinItsLimits() {
        for (int replicas : new int[] {1, 2, 3, 5, 10}) {
            for (String surge : new String[] {"0", "1", "25%", "100%"}) {
                for (String unavailable : new String[] {"0", "1", "25%", "50%"}) {
                    RolloutStrategy.RollingUpdate s = new RolloutStrategy.RollingUpdate(parse(surge), parse(unavailable));
                    if (s.maxSurge().value() == 0 && s.maxUnavailable().value() == 0) {
                        continue;
                    }
                    Desired d = desired(replicas, s, "new");
                    int[] fence = s.fenceposts(replicas);
                    List<ReplicaSetState> sets = List.of(running("old", replicas, T0, replicas, fence[0]));
                    int steps = 0;
                    while (!(sets.size() == 1 && sets.getFirst().hash().equals("new") && sets.getFirst().available() == replicas)) {
                        Plan plan = RolloutPlanner.plan(d, sets, 0, T0.plusSeconds(steps));
                        String ctx = replicas + " replicas, surge " + surge + ", unavailable " + unavailable;
                        assertThat(Work.targets(plan.sets())).as(ctx).isLessThanOrEqualTo(replicas + fence[0]);
                        sets = settle(plan.sets(), true, "new");
                        assertThat(Work.available(sets)).as(ctx).isGreaterThanOrEqualTo(replicas - Math.min(fence[1], replicas));
                        assertThat(++steps).as(ctx).isLessThan(4 * replicas + 4);
                    }
                }
            }
        }
    }

    private static IntOrPercent parse(String s) {
        return s.endsWith("%") ? IntOrPercent.percent(Integer.parseInt(s.replace("%", ""))) : IntOrPercent.of(Integer.parseInt(s));
    }

    @Test
    void brokenNewVersionStallsWithinTheSurgeAndKeepsTheOldReplicas() {
        Desired d = desired(2, RolloutStrategy.DEPLOYMENT_DEFAULT, "bad");
        List<ReplicaSetState> sets = List.of(running("good", 2, T0, 2, 1));
        for (int step = 0; step < 10; step++) {
            sets = settle(RolloutPlanner.plan(d, sets, 2, T0).sets(), false, "bad");
        }
        assertThat(sets).extracting(ReplicaSetState::hash, ReplicaSetState::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bad", 1), org.assertj.core.groups.Tuple.tuple("good", 2));
    }

    @Test
    void unhealthyOldPodsAreScaledDownFirst() {
        Desired d = desired(3, new RolloutStrategy.RollingUpdate(IntOrPercent.of(0), IntOrPercent.of(1)), "new");
        ReplicaSetState old = new ReplicaSetState("old", "web-old", T0, 3, 3, 3, 3, 1, 1);
        Plan plan = RolloutPlanner.plan(d, List.of(old), 3, T0);
        // No surge: the new set starts at 0. Only one healthy old pod is left, fewer than the two
        // that must stay available, yet an unhealthy one still goes (within the one-pod budget).
        assertThat(plan.set("old").orElseThrow().target()).isEqualTo(2);
        assertThat(plan.set("new").orElseThrow().target()).isZero();
    }

    @Test
    void recreateStopsEverythingOldBeforeCreatingTheNewSet() {
        Desired d = desired(2, new RolloutStrategy.Recreate(), "new");
        Plan first = RolloutPlanner.plan(d, List.of(running("old", 2, T0, 2, 0)), 2, T0);
        assertThat(first.sets()).singleElement().satisfies(rs -> assertThat(rs.target()).isZero());
        assertThat(first.set("new")).isEmpty();

        List<ReplicaSetState> stopping = List.of(first.sets().getFirst().observed(0, 0, 0));
        Plan waiting = RolloutPlanner.plan(d, stopping, 1, T0);
        assertThat(waiting.set("new")).as("old pods still terminating").isEmpty();

        Plan created = RolloutPlanner.plan(d, stopping, 0, T0);
        assertThat(created.createdNew()).isTrue();
        assertThat(created.set("new").orElseThrow().target()).isEqualTo(2);
        assertThat(created.set("old")).as("an empty old set is dropped").isEmpty();
    }

    @Test
    void changingReplicasIsAScalingEventOnTheActiveSet() {
        Plan plan = RolloutPlanner.plan(desired(5, RolloutStrategy.DEPLOYMENT_DEFAULT, "aaa"), List.of(running("aaa", 3, T0, 3, 1)), 0, T0);
        assertThat(plan.scalingEvent()).isTrue();
        assertThat(plan.set("aaa").orElseThrow().target()).isEqualTo(5);
        assertThat(plan.set("aaa").orElseThrow().desired()).isEqualTo(5);
        assertThat(plan.scalings()).extracting(Plan.Scaling::message).containsExactly("Scaled up replica set web-aaa to 5 from 3");
    }

    @Test
    void scalingMidRolloutIsProportional() {
        Desired d = desired(10, RolloutStrategy.DEPLOYMENT_DEFAULT, "new");
        // Mid-rollout at 5 replicas (surge 2): old 4, new 3.
        ReplicaSetState old = new ReplicaSetState("old", "web-old", T0, 4, 5, 7, 4, 4, 4);
        ReplicaSetState fresh = new ReplicaSetState("new", "web-new", T0.plusSeconds(1), 3, 5, 7, 3, 0, 0);
        Plan plan = RolloutPlanner.plan(d, List.of(fresh, old), 4, T0.plusSeconds(2));
        assertThat(plan.scalingEvent()).isTrue();
        // 10 + surge 3 = 13 allowed; 6 to add, split about 4:3.
        assertThat(plan.set("old").orElseThrow().target() + plan.set("new").orElseThrow().target()).isEqualTo(13);
        assertThat(plan.set("old").orElseThrow().target()).isEqualTo(7);
        assertThat(plan.set("new").orElseThrow().target()).isEqualTo(6);
    }

    @Test
    void zeroReplicasScalesEverythingDown() {
        Plan plan = RolloutPlanner.plan(desired(0, RolloutStrategy.DEPLOYMENT_DEFAULT, "aaa"), List.of(running("aaa", 3, T0, 3, 1)), 0, T0);
        assertThat(plan.set("aaa").orElseThrow().target()).isZero();
    }

    @Test
    void pausedDeploymentDoesNotRoll() {
        Desired d = new Desired(2, RolloutStrategy.DEPLOYMENT_DEFAULT, true, "new", "web-new");
        Plan plan = RolloutPlanner.plan(d, List.of(running("old", 2, T0, 2, 1)), 2, T0);
        assertThat(plan.set("new")).isEmpty();
        assertThat(plan.set("old").orElseThrow().target()).isEqualTo(2);
    }

    @Test
    void deleteRankingPrefersPendingThenNotReadyThenNewest() {
        Instant t = T0;
        List<PodView> pods = List.of(
                new PodView("ready-old", true, java.util.Optional.of(t.plusSeconds(1)), 0, t),
                new PodView("ready-new", true, java.util.Optional.of(t.plusSeconds(5)), 0, t.plusSeconds(4)),
                new PodView("crashing", true, java.util.Optional.empty(), 4, t.plusSeconds(2)),
                new PodView("pending", false, java.util.Optional.empty(), 0, t.plusSeconds(3)));
        assertThat(PodView.toDelete(pods, 3)).containsExactly("pending", "crashing", "ready-new");
    }
}
