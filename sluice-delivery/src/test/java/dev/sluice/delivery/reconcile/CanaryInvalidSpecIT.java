package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryCondition;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.cluster.EventRecord;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Canary with a bad spec is reported clearly and left alone; the others keep working. */
class CanaryInvalidSpecIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aBadSpecGetsAWarningAndAStalledConditionWhileOthersInitialize() {
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0"));
        world.apply(Manifests.deployment("backend", "ghcr.io/stefanprodan/podinfo:6.0.0", ""));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE.replace("stepWeight: 25", "stepWeight: 70")));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE).replace("name: podinfo\n  namespace", "name: backend\n  namespace")
                .replace("    name: podinfo\n  service", "    name: backend\n  service"));

        world.registered.enqueue(CanaryWorld.canaryKey("backend"));
        world.reconcileNow("podinfo");
        world.tick(INTERVAL);

        String expected = "spec.analysis.stepWeight: 70 must be <= maxWeight (50)";
        assertThat(world.events("podinfo")).filteredOn(EventRecord::isWarning).extracting(EventRecord::message)
                .singleElement().asString().startsWith("Canary test/podinfo is invalid: ").contains(expected);
        CanaryCondition stalled = world.status("podinfo").conditions().stream()
                .filter(c -> c.type().equals("Stalled")).findFirst().orElseThrow();
        assertThat(stalled.status()).isEqualTo("True");
        assertThat(stalled.reason()).isEqualTo("InvalidSpec");
        assertThat(stalled.message()).contains(expected);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.NONE);
        assertThat(world.exists("apps/v1", "Deployment", "podinfo-primary")).isFalse();
        assertThat(world.status("backend").phase()).isEqualTo(CanaryPhase.INITIALIZED);

        // Fixed in Git: the condition goes and the Canary starts.
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.reconcileNow("podinfo");
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(world.status("podinfo").conditions()).extracting(CanaryCondition::type).containsExactly("Promoted");
    }

    @Test
    void aMissingTargetIsAWarningNamingIt() {
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.reconcileNow("podinfo");
        assertThat(world.events("podinfo")).filteredOn(EventRecord::isWarning).extracting(EventRecord::message)
                .containsExactly("deployment podinfo.test get query error: deployments.apps \"podinfo\" not found");

        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0"));
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZED);
    }

    @Test
    void aTargetWithoutASelectorLabelIsAWarning() {
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0").replace("matchLabels:\n      app: podinfo",
                "matchLabels:\n      component: podinfo"));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.reconcileNow("podinfo");
        assertThat(world.eventMessages("podinfo")).contains("deployment podinfo.test spec.selector.matchLabels must "
                + "contain one of [app name app.kubernetes.io/name]");
    }
}
