package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
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

        r.world.setPrimaryReadiness(Readiness.ready());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(r.events()).containsExactly("Initialization done! podinfo.default");
        assertThat(r.world.targetReplicas()).isZero();
        assertThat(r.status().lastAppliedSpec()).isEqualTo("v1");
        assertThat(r.status().lastPromotedSpec()).isEqualTo("v1");
        assertThat(r.status().promoted().orElseThrow().status()).isEqualTo("True");
        assertThat(r.status().promoted().orElseThrow().message()).isEqualTo("Deployment initialization completed.");
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
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }
}
