package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
import org.junit.jupiter.api.Test;

/** Where Sluice deliberately differs from Flagger (docs/canary.md, "Improvements"). */
class ImprovementsTest {

    /** Flagger #1816: a canary that never becomes ready is rolled back with a reason and an error alert. */
    @Test
    void progressDeadlineRollbackAlerts() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setCanaryReadiness(Readiness.failed("canary deployment podinfo.default not ready: deployment "
                + "\"podinfo\" exceeded its progress deadline"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.events()).containsExactly(
                "canary deployment podinfo.default not ready: deployment \"podinfo\" exceeded its progress deadline",
                "Rolling back podinfo.default progress deadline exceeded canary deployment podinfo.default not ready: "
                        + "deployment \"podinfo\" exceeded its progress deadline",
                "Canary failed! Scaling down podinfo.default");
        assertThat(r.last.effects(Effect.Alert.class)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(AlertSeverity.ERROR);
            assertThat(a.message()).startsWith("Progress deadline exceeded canary deployment podinfo.default");
        });
    }

    @Test
    void aCanaryStillRollingOutIsWaitedFor() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setCanaryReadiness(Readiness.waiting("canary deployment podinfo.default not ready: waiting for "
                + "rollout to finish: 0 of 1 (readyThreshold 100%) updated replicas are available"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.events()).singleElement().asString().startsWith("canary deployment podinfo.default not ready");
        assertThat(r.asked).isEmpty();
    }

    /** A broken primary during the analysis never takes all traffic while a ready canary serves. */
    @Test
    void aBrokenPrimaryDoesNotGetTheTrafficBack() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.tick();
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(80, 20));
        r.world.setPrimaryReadiness(Readiness.failed("podinfo-primary.default not ready: node lost"));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_CANARY);
        assertThat(r.world.targetReplicas()).isPositive();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.status().canaryWeight()).isEqualTo(100);
        assertThat(r.events()).contains("Keeping all traffic on the canary of podinfo.default: the primary is not "
                + "ready (podinfo-primary.default not ready: node lost) and the canary is the only ready backend");
        assertThat(r.events()).noneMatch(e -> e.startsWith("Rolling back"));
        assertThat(r.last.effects(Effect.Alert.class)).extracting(Effect.Alert::message)
                .containsExactly("Primary not ready, all traffic kept on the canary: podinfo-primary.default not "
                        + "ready: node lost");
    }

    /** After a failed promotion (0/100), the next analysis starts from the primary once it is ready again. */
    @Test
    void aNewAnalysisAfterAFailedPromotionStartsFromThePrimary() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setStatus(StatusRules.setPhase(r.status(), CanaryPhase.PROMOTING, 0, "Deployment", r.clock.instant()));
        r.world.setPrimaryReadiness(Readiness.failed("podinfo-primary.default not ready: quota exceeded"));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_CANARY);
        r.world.deploy("v3");
        r.tick();
        assertThat(r.world.routes()).as("the broken primary gets no traffic").isEqualTo(TrafficSplit.ALL_CANARY);
        r.world.setPrimaryReadiness(Readiness.ready());
        r.world.deploy("v4");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        r.tick();
        assertThat(r.events()).as("a real analysis, not an instant promotion")
                .containsExactly("Starting canary analysis for podinfo.default", "Advance podinfo.default canary weight 10");
    }

    /** Flagger ignores a change back to the promoted spec mid-analysis; Sluice restarts on it. */
    @Test
    void aRevertDuringTheAnalysisRestartsIt() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.tick();
        r.world.deploy("v1");
        r.tick();
        assertThat(r.events()).containsExactly("New revision detected! Restarting analysis for podinfo.default");
        assertThat(r.status().lastAppliedSpec()).isEqualTo("v1");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }

    @Test
    void aFailedCanaryIsNotRewrittenEveryTick() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setStatus(r.status().toBuilder().failedChecks(10).build());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        r.tick();
        assertThat(r.last.effects(Effect.SaveStatus.class)).isEmpty();
    }
}
