package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.Canary;
import dev.sluice.cluster.DeleteOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deleting a Canary: reverted with revertOnDeletion, garbage-collected without. */
class CanaryDeletionIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void revertOnDeletionScalesTheTargetBackWaitsForItThenRestoresTheApexService() {
        world.bootstrap(Manifests.canary("linkerd", "revertOnDeletion: true", Manifests.PROGRESSIVE));
        assertThat(world.get("flagger.app/v1beta1", "Canary", "podinfo").finalizers()).contains(Canary.FINALIZER);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();

        world.kubelet.hold("podinfo");
        world.cluster.delete(CanaryWorld.canaryKey("podinfo"), DeleteOptions.background());
        world.reconcileNow("podinfo");
        // Held by the finalizer while the target scales back up.
        assertThat(world.status("podinfo").phase().wireName()).isEqualTo("Terminating");
        assertThat(world.eventMessages("podinfo")).contains("Terminating canary podinfo.test");
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isEqualTo(1);
        assertThat(world.get("v1", "Service", "podinfo").spec().path("selector").path("app").asText())
                .isEqualTo("podinfo-primary");

        // The failed reconcile is retried with backoff until the target is ready.
        world.kubelet.release("podinfo");
        world.tick(Duration.ofSeconds(2));
        assertThat(world.exists("flagger.app/v1beta1", "Canary", "podinfo")).isFalse();
        assertThat(world.eventMessages("podinfo")).contains("Terminated canary podinfo.test");
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isEqualTo(1);
        // Owned objects went with the Canary.
        assertThat(world.exists("apps/v1", "Deployment", "podinfo-primary")).isFalse();
        assertThat(world.exists("v1", "Service", "podinfo-primary")).isFalse();
        assertThat(world.listener.removed).contains(CanaryWorld.canaryKey("podinfo"));
    }

    @Test
    void revertOnDeletionGivesTheApexServiceItTookOverBackToTheTarget() {
        world.apply("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: podinfo
                  namespace: test
                spec:
                  selector:
                    app: podinfo
                  ports:
                    - name: http
                      port: 9898
                """);
        world.bootstrap(Manifests.canary("linkerd", "revertOnDeletion: true", Manifests.PROGRESSIVE));
        assertThat(world.get("v1", "Service", "podinfo").spec().path("selector").path("app").asText())
                .isEqualTo("podinfo-primary");

        world.cluster.delete(CanaryWorld.canaryKey("podinfo"), DeleteOptions.background());
        world.reconcileNow("podinfo");
        world.tick(Duration.ofSeconds(2));
        assertThat(world.exists("flagger.app/v1beta1", "Canary", "podinfo")).isFalse();
        assertThat(world.get("v1", "Service", "podinfo").spec().path("selector").path("app").asText()).isEqualTo("podinfo");
    }

    @Test
    void withoutRevertOnDeletionOwnedObjectsAreCollectedAndTheTargetStaysAtZero() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        assertThat(world.get("flagger.app/v1beta1", "Canary", "podinfo").finalizers()).doesNotContain(Canary.FINALIZER);

        world.cluster.delete(CanaryWorld.canaryKey("podinfo"), DeleteOptions.background());
        world.reconcileNow("podinfo");
        assertThat(world.exists("flagger.app/v1beta1", "Canary", "podinfo")).isFalse();
        assertThat(world.exists("apps/v1", "Deployment", "podinfo-primary")).isFalse();
        assertThat(world.exists("split.smi-spec.io/v1alpha1", "TrafficSplit", "podinfo")).isFalse();
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
    }

    @Test
    void optingOutOfRevertOnDeletionRemovesTheFinalizer() {
        world.bootstrap(Manifests.canary("linkerd", "revertOnDeletion: true", Manifests.PROGRESSIVE));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.reconcileNow("podinfo");
        assertThat(world.get("flagger.app/v1beta1", "Canary", "podinfo").finalizers()).doesNotContain(Canary.FINALIZER);
    }
}
