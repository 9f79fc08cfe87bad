package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.cluster.reconcile.WatchWiring;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which changes wake a Canary early, and the watches that deliver them. */
class CanaryWatchesIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private final CanaryWorld world = new CanaryWorld();
    private final CanaryWatches watches = new CanaryWatches(world.cluster, CanarySettings.DEFAULTS);

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void theWatchesStartACanaryAndDetectANewRevisionWithoutWaitingForTheInterval() {
        try (WatchWiring wiring = world.controller.watches(world.registered).start()) {
            world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0"));
            world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
            // No enqueue by hand: the list and watch of the Canary kind bring it in.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                world.run();
                return world.exists("apps/v1", "Deployment", "podinfo-primary");
            });
            // The primary's readiness wakes the initializing Canary: Initialized with no time passing.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                world.run();
                return world.status("podinfo").phase() == CanaryPhase.INITIALIZED;
            });

            world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                world.run();
                return world.status("podinfo").phase() == CanaryPhase.PROGRESSING;
            });
            assertThat(world.clock.instant()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        }
    }

    @Test
    void targetsWakeTheirCanaryOnNewRevisionsPrimariesOnlyWhileInitializing() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        KubeObject target = world.deployment("podinfo");
        KubeObject primary = world.deployment("podinfo-primary");
        assertThat(watches.forWorkload(target)).containsExactly(CanaryWorld.canaryKey("podinfo"));
        assertThat(watches.forWorkload(primary)).isEmpty();

        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.1"));
        world.ticks(INTERVAL, 4);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROMOTING);
        // Promotion keeps its interval: nothing wakes it early.
        assertThat(watches.forWorkload(world.deployment("podinfo"))).isEmpty();
    }

    @Test
    void fingerprintsIgnoreScalingAndStatusButNotTemplatesOrRequests() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        KubeObject target = world.deployment("podinfo");
        KubeObject scaled = target.edit(n -> n.withObjectProperty("spec").put("replicas", 3));
        KubeObject restatused = target.edit(n -> n.withObjectProperty("status").put("readyReplicas", 7));
        KubeObject newImage = target.edit(n -> n.withObjectProperty("spec").withObjectProperty("template")
                .withObjectProperty("metadata").withObjectProperty("labels").put("version", "2"));
        assertThat(CanaryWatches.WORKLOAD.of(scaled)).isEqualTo(CanaryWatches.WORKLOAD.of(target));
        assertThat(CanaryWatches.WORKLOAD.of(restatused)).isEqualTo(CanaryWatches.WORKLOAD.of(target));
        assertThat(CanaryWatches.WORKLOAD.of(newImage)).isNotEqualTo(CanaryWatches.WORKLOAD.of(target));

        KubeObject primary = world.deployment("podinfo-primary");
        KubeObject rolling = primary.edit(n -> n.withObjectProperty("status").put("availableReplicas", 0));
        assertThat(CanaryWatches.WORKLOAD.of(rolling)).isNotEqualTo(CanaryWatches.WORKLOAD.of(primary));

        KubeObject canary = world.get("flagger.app/v1beta1", "Canary", "podinfo");
        KubeObject requested = canary.edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations")
                .put(Canary.REQUESTED_ACTION, "promote@1"));
        KubeObject restatusedCanary = canary.edit(n -> n.withObjectProperty("status").put("canaryWeight", 10));
        assertThat(CanaryWatches.CANARY.of(requested)).isNotEqualTo(CanaryWatches.CANARY.of(canary));
        assertThat(CanaryWatches.CANARY.of(restatusedCanary)).isEqualTo(CanaryWatches.CANARY.of(canary));
    }

    @Test
    void configsWakeTheCanariesWhoseTargetReferencesThem() {
        world.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: podinfo-config, namespace: test}
                data: {color: blue}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: unrelated, namespace: test}
                data: {color: blue}
                """);
        world.apply(Manifests.deployment("podinfo", "ghcr.io/stefanprodan/podinfo:6.0.0",
                "volumes: [{name: c, configMap: {name: podinfo-config}}]"));
        world.bootstrapApplied();
        assertThat(watches.forConfig(world.get("v1", "ConfigMap", "podinfo-config")))
                .containsExactly(CanaryWorld.canaryKey("podinfo"));
        assertThat(watches.forConfig(world.get("v1", "ConfigMap", "unrelated"))).isEmpty();
        assertThat(new CanaryWatches(world.cluster, CanarySettings.DEFAULTS.withConfigTracking(false))
                .forConfig(world.get("v1", "ConfigMap", "podinfo-config"))).isEmpty();
    }
}
