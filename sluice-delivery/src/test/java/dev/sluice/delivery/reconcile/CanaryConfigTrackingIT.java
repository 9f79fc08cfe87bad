package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ConfigMaps and Secrets the target references are tracked, copied to -primary and promoted with it. */
class CanaryConfigTrackingIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: podinfo-config
              namespace: test
            data:
              color: %s
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: podinfo-token
              namespace: test
            type: Opaque
            data:
              token: c2VjcmV0
            """;
    private static final String USES_CONFIG = """
            volumes:
              - name: config
                configMap:
                  name: podinfo-config
            """;
    private static final String USES_TOKEN = """
            initContainers:
              - name: init
                image: busybox
                envFrom:
                  - secretRef:
                      name: podinfo-token
            """;

    @AfterEach
    void close() {
        world.close();
    }

    private final CanaryWorld world = new CanaryWorld();

    @Test
    void aConfigChangeIsANewRevisionAndItsCopyIsPromoted() {
        world.apply(CONFIG.formatted("blue"));
        world.apply(Manifests.deployment("podinfo", "ghcr.io/stefanprodan/podinfo:6.0.0", USES_CONFIG));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.reconcileNow("podinfo");
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZED);
        assertThat(world.status("podinfo").trackedConfigs()).containsOnlyKeys("configmap/podinfo-config");
        assertThat(world.get("v1", "ConfigMap", "podinfo-config-primary").field("data").path("color").asText())
                .isEqualTo("blue");
        assertThat(world.deployment("podinfo-primary").spec().at("/template/spec/volumes/0/configMap/name").asText())
                .isEqualTo("podinfo-config-primary");
        assertThat(world.get("v1", "ConfigMap", "podinfo-config-primary").ownerReferences())
                .anyMatch(r -> r.kind().equals("Canary") && r.controller());

        world.apply(CONFIG.formatted("green"));
        world.tick(INTERVAL);
        assertThat(world.eventMessages("podinfo")).contains("New revision detected! Scaling up podinfo.test");
        world.ticks(INTERVAL, 3);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROMOTING);
        assertThat(world.get("v1", "ConfigMap", "podinfo-config-primary").field("data").path("color").asText())
                .isEqualTo("green");
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    }

    @Test
    void withConfigTrackingOffThePrimaryUsesTheTargetsConfigs() {
        world.close();
        try (CanaryWorld off = new CanaryWorld(CanarySettings.DEFAULTS.withConfigTracking(false))) {
            off.apply(CONFIG.formatted("blue"));
            off.apply(Manifests.deployment("podinfo", "ghcr.io/stefanprodan/podinfo:6.0.0", USES_TOKEN));
            off.bootstrapApplied();
            assertThat(off.status("podinfo").trackedConfigs()).isEmpty();
            assertThat(off.exists("v1", "Secret", "podinfo-token-primary")).isFalse();
            assertThat(off.deployment("podinfo-primary").spec()
                    .at("/template/spec/initContainers/0/envFrom/0/secretRef/name").asText()).isEqualTo("podinfo-token");
        }
    }

    @Test
    void aTrackedSecretIsCopiedWithItsType() {
        world.apply(CONFIG.formatted("blue"));
        world.apply(Manifests.deployment("podinfo", "ghcr.io/stefanprodan/podinfo:6.0.0", USES_TOKEN));
        world.bootstrapApplied();
        assertThat(world.status("podinfo").trackedConfigs()).containsOnlyKeys("secret/podinfo-token");
        assertThat(world.get("v1", "Secret", "podinfo-token-primary").field("type").asText()).isEqualTo("Opaque");
        assertThat(world.get("v1", "Secret", "podinfo-token-primary").field("data").path("token").asText())
                .isEqualTo("c2VjcmV0");
        assertThat(world.deployment("podinfo-primary").spec()
                .at("/template/spec/initContainers/0/envFrom/0/secretRef/name").asText()).isEqualTo("podinfo-token-primary");
    }
}
