package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.OwnerReference;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.cluster.EventRecord;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CanaryBootstrapIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void bootstrapCreatesPrimaryServicesAndRoutesThenScalesTheTargetToZero() {
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0"));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));

        world.reconcileNow("podinfo");
        // The primary was just created: its rollout is awaited first, as Flagger does.
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZING);
        KubeObject primary = world.deployment("podinfo-primary");
        assertThat(primary.spec().path("selector").path("matchLabels").path("app").asText()).isEqualTo("podinfo-primary");
        assertThat(primary.labels()).containsEntry("app", "podinfo-primary")
                .doesNotContainKey("kustomize.toolkit.fluxcd.io/name");
        assertThat(primary.spec().at("/template/metadata/labels/app").asText()).isEqualTo("podinfo-primary");
        assertThat(primary.spec().at("/template/metadata/annotations/flagger-id").asText()).hasSize(36);
        assertThat(primary.spec().at("/template/spec/containers/0/image").asText())
                .isEqualTo("ghcr.io/stefanprodan/podinfo:6.0.0");
        assertThat(primary.ownerReferences()).extracting(OwnerReference::kind, OwnerReference::name,
                OwnerReference::controller).containsExactly(org.assertj.core.groups.Tuple.tuple("Canary", "podinfo", true));
        assertThat(world.exists("v1", "Service", "podinfo-canary")).isTrue();
        assertThat(world.exists("v1", "Service", "podinfo-primary")).isTrue();
        assertThat(world.exists("v1", "Service", "podinfo")).isFalse();

        world.tick(INTERVAL);
        CanaryStatus status = world.status("podinfo");
        assertThat(status.phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(status.lastAppliedSpec()).hasSize(16).isEqualTo(status.lastPromotedSpec());
        assertThat(status.promoted().orElseThrow().status()).isEqualTo("True");
        assertThat(world.get("v1", "Service", "podinfo").spec().path("selector").path("app").asText())
                .isEqualTo("podinfo-primary");
        KubeObject split = world.get("split.smi-spec.io/v1alpha1", "TrafficSplit", "podinfo");
        assertThat(split.spec().path("backends").toString()).contains("podinfo-primary").contains("podinfo-canary");
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
        assertThat(world.eventMessages("podinfo")).contains("all the metrics providers are available!",
                "Initialization done! podinfo.test");
        assertThat(world.events("podinfo")).allMatch(e -> e.reason().equals("Synced")
                && e.reportingController().equals("flagger"));
        assertThat(world.notifiers.messages("global")).contains("New Deployment detected, initialization completed.");
        assertThat(world.events("podinfo")).filteredOn(EventRecord::isWarning).extracting(EventRecord::message)
                .containsExactly("deployment podinfo-primary.test not ready: waiting for rollout to finish: "
                        + "observed deployment generation less than desired generation");

        // Nothing changes while the target does not.
        world.ticks(INTERVAL, 3);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
    }
}
