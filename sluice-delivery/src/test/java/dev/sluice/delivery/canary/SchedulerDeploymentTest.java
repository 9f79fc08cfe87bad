package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flagger's scheduler_deployment_test scenarios, tick by tick. */
class SchedulerDeploymentTest {

    @Test
    void init() {
        Rollout r = new Rollout(Fixtures.deployment());
        r.world.setPrimaryReadiness(Readiness.waiting("podinfo-primary.default not ready: waiting for rollout to "
                + "finish: observed deployment generation less than desired generation"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZING);
        assertThat(r.world.primaryHash()).isEqualTo("v1");
        assertThat(r.events()).containsExactly("podinfo-primary.default not ready: waiting for rollout to finish: "
                + "observed deployment generation less than desired generation");
        assertThat(r.status().promoted().orElseThrow().message())
                .isEqualTo("New Deployment detected, starting initialization.");

        r.world.setPrimaryReadiness(Readiness.ready());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(r.events()).containsExactly("Initialization done! podinfo.default");
        assertThat(r.world.targetReplicas()).isZero();
        assertThat(r.status().lastAppliedSpec()).isEqualTo("v1");
        assertThat(r.status().lastPromotedSpec()).isEqualTo("v1");
        assertThat(r.status().promoted().orElseThrow().status()).isEqualTo("True");
        assertThat(r.status().promoted().orElseThrow().message()).isEqualTo("Deployment initialization completed.");
        assertThat(r.last.effects(Effect.PauseTargetScaler.class)).hasSize(1);

        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(r.events()).isEmpty();
        assertThat(r.last.effects(Effect.SaveStatus.class)).as("nothing changed, nothing written").isEmpty();
    }

    @Test
    void newRevision() {
        Rollout r = new Rollout(Fixtures.deployment()).initialized();
        assertThat(r.world.targetReplicas()).isZero();
        r.world.deploy("v2");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.world.targetReplicas()).isEqualTo(1);
        assertThat(r.events()).containsExactly("New revision detected! Scaling up podinfo.default");
        assertThat(r.last.effects(Effect.ResumeTargetScaler.class)).hasSize(1);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.status().lastAppliedSpec()).isEqualTo("v2");
        assertThat(r.status().lastPromotedSpec()).isEqualTo("v1");
    }

    @Test
    void aRevertToThePromotedSpecDoesNotTrigger() {
        Rollout r = new Rollout(Fixtures.deployment()).initialized();
        r.world.deploy("v1");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(r.world.targetReplicas()).isZero();
    }

    @Test
    void rollbackWhenFailedChecksReachTheThreshold() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setStatus(r.status().toBuilder().failedChecks(10).build());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.events()).containsExactly("Rolling back podinfo.default failed checks threshold reached 10",
                "Canary failed! Scaling down podinfo.default");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.world.targetReplicas()).isZero();
        assertThat(r.status().failedChecks()).as("SyncStatus(Failed) resets the counters").isZero();
        assertThat(r.last.effects(Effect.Alert.class)).extracting(Effect.Alert::message)
                .containsExactly("Failed checks threshold reached 10");
        assertThat(r.status().promoted().orElseThrow().status()).isEqualTo("False");
        assertThat(r.status().promoted().orElseThrow().message())
                .isEqualTo("Canary analysis failed, Deployment scaled to zero.");
    }

    /** A failed spec stays in the target; it does not start an analysis again by itself. */
    @Test
    void aFailedRevisionDoesNotRetriggerButANewOneDoes() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setStatus(r.status().toBuilder().failedChecks(10).build());
        r.tick();
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.last.effects(Effect.ScaleFromZero.class)).isEmpty();
        r.world.deploy("v3");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.status().lastAppliedSpec()).isEqualTo("v3");
    }

    @Test
    void promotionPrimaryNotReadyKeepsTheCanary() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        int canaryReplicas = r.world.targetReplicas();
        r.world.setStatus(StatusRules.setPhase(r.status(), CanaryPhase.PROMOTING, 0, "Deployment", r.clock.instant()));
        r.world.setRoutes(TrafficSplit.of(50, 50));
        r.world.setPrimaryReadiness(Readiness.failed("podinfo-primary.default not ready: deployment "
                + "\"podinfo-primary\" exceeded its progress deadline"));
        r.tick();
        assertThat(r.world.targetReplicas()).as("the canary is the only healthy copy").isEqualTo(canaryReplicas);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_CANARY);
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.status().canaryWeight()).isEqualTo(100);
        assertThat(r.events()).containsExactly(
                "podinfo-primary.default not ready: deployment \"podinfo-primary\" exceeded its progress deadline",
                "Promotion of podinfo.default failed, primary not ready: podinfo-primary.default not ready: "
                        + "deployment \"podinfo-primary\" exceeded its progress deadline");
        assertThat(r.last.effects(Effect.Alert.class)).singleElement().satisfies(a ->
                assertThat(a.message()).startsWith("Promotion failed, primary not ready: "));
    }

    @Test
    void promotionFailedAfterTrafficShiftRoutesBackToTheCanary() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        int canaryReplicas = r.world.targetReplicas();
        r.world.setStatus(StatusRules.setPhase(r.status(), CanaryPhase.FINALISING, 0, "Deployment", r.clock.instant()));
        r.world.setRoutes(TrafficSplit.ALL_PRIMARY);
        r.world.setPrimaryReadiness(Readiness.failed("podinfo-primary.default not ready: boom"));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_CANARY);
        assertThat(r.world.targetReplicas()).isEqualTo(canaryReplicas);
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.status().canaryWeight()).isEqualTo(100);
    }

    @Test
    void skipAnalysis() {
        Rollout r = new Rollout(Fixtures.deployment().replace("  service:", "  skipAnalysis: true\n  service:"))
                .progressing();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(r.world.primaryHash()).isEqualTo("v2");
        assertThat(r.world.targetReplicas()).isZero();
        assertThat(r.events()).containsExactly("Copying podinfo.default template spec to podinfo-primary.default",
                "Promotion completed! Canary analysis was skipped for podinfo.default");
        assertThat(r.last.effects(Effect.RecordOutcome.class)).containsExactly(
                new Effect.RecordOutcome(true, dev.sluice.api.flagger.Strategy.CANARY, true));
        assertThat(r.asked).as("no checks when skipping").isEmpty();
    }

    /** The test walk of flagger.md §2 (stepWeight 100, stepWeightPromotion 50). */
    @Test
    void analysisPhases() {
        Rollout r = new Rollout(Fixtures.deployment("""
                interval: 1m
                threshold: 1
                stepWeight: 100
                stepWeightPromotion: 50
                """)).initialized();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZED);
        r.world.deploy("v2");
        expect(r, CanaryPhase.PROGRESSING, 0);
        expect(r, CanaryPhase.PROGRESSING, 100);
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Advance podinfo.default canary weight 100");
        expect(r, CanaryPhase.PROMOTING, 100);
        expect(r, CanaryPhase.PROMOTING, 50);
        assertThat(r.events()).containsExactly("Advance podinfo.default primary weight 50");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(50, 50));
        expect(r, CanaryPhase.FINALISING, 0);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        expect(r, CanaryPhase.SUCCEEDED, 0);
        assertThat(r.events()).containsExactly("Promotion completed! Scaling down podinfo.default");
        assertThat(r.status().lastPromotedSpec()).isEqualTo("v2");
    }

    @Test
    void blueGreenAnalysisPhases() {
        Rollout r = new Rollout(Fixtures.deployment("""
                interval: 1m
                threshold: 1
                iterations: 1
                """)).initialized();
        r.world.deploy("v2");
        expect(r, CanaryPhase.PROGRESSING, 0);
        expect(r, CanaryPhase.PROGRESSING, 0);
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Advance podinfo.default canary iteration 1/1");
        expect(r, CanaryPhase.PROGRESSING, 0);
        assertThat(r.events()).containsExactly("Routing all traffic to canary");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_CANARY);
        expect(r, CanaryPhase.PROMOTING, 0);
        expect(r, CanaryPhase.FINALISING, 0);
        assertThat(r.events()).containsExactly("Routing all traffic to primary");
        expect(r, CanaryPhase.SUCCEEDED, 0);
    }

    @Test
    void newRevisionResetsARunningAnalysis() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(90, 10));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(80, 20));
        r.world.deploy("v3");
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.events()).containsExactly("New revision detected! Restarting analysis for podinfo.default");
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.status().canaryWeight()).isZero();
        assertThat(r.status().lastAppliedSpec()).isEqualTo("v3");
        r.tick();
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Advance podinfo.default canary weight 10");
    }

    @Test
    void promotionWithConfigChanges() {
        Rollout r = new Rollout(Fixtures.deployment()).initialized();
        r.world.deploy("v2");
        r.tick();
        r.world.setConfigs(Map.of("configmap/podinfo-config-env", "abc", "secret/podinfo-secret-env", "def"));
        r.tick();
        assertThat(r.events()).containsExactly("New revision detected! Restarting analysis for podinfo.default");
        assertThat(r.status().trackedConfigs()).containsEntry("configmap/podinfo-config-env", "abc");
        r.world.setRoutes(TrafficSplit.of(60, 40));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(50, 50));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
        assertThat(r.last.effects(Effect.PromoteSpec.class)).hasSize(1);
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.world.primaryHash()).isEqualTo("v2");
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FINALISING);
        assertThat(r.last.effects(Effect.EnsurePrimaryScaler.class)).contains(new Effect.EnsurePrimaryScaler(true));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    }

    @Test
    void mirroring() {
        Rollout r = new Rollout(Fixtures.deployment(Fixtures.DEFAULT_ANALYSIS + "mirror: true\n"),
                new ControllerSettings("istio", "")).progressing();
        r.tick();
        assertThat(r.world.routes()).isEqualTo(new TrafficSplit(100, 0, true));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(90, 10));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(80, 20));
    }

    @Test
    void abTesting() {
        Rollout r = new Rollout(Fixtures.deployment("""
                interval: 1m
                threshold: 10
                iterations: 10
                match:
                  - headers:
                      x-user-type:
                        regex: "^(.*?;)?(type=insider)(;.*)?$"
                """)).progressing();
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_CANARY);
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Advance podinfo.default canary iteration 1/10");
        r.world.setStatus(r.status().toBuilder().iterations(10).build());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FINALISING);
        assertThat(r.world.primaryHash()).isEqualTo("v2");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    }

    private static void expect(Rollout r, CanaryPhase phase, int canaryWeight) {
        r.tick();
        assertThat(r.status().phase()).isEqualTo(phase);
        assertThat(r.status().canaryWeight()).isEqualTo(canaryWeight);
    }
}
