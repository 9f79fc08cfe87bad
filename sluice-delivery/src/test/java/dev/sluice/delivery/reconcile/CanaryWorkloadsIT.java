package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.cluster.EventRecord;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Autoscalers, DaemonSets, Canaries migrated from Flagger, the interval, and a failing effect. */
class CanaryWorkloadsIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void thePrimaryGetsItsOwnHpaSyncedOnlyWhilePromoting() {
        world.apply(hpa(4));
        world.bootstrap(Manifests.canary("linkerd", """
                autoscalerRef:
                  apiVersion: autoscaling/v2
                  kind: HorizontalPodAutoscaler
                  name: podinfo
                  primaryScalerReplicas:
                    minReplicas: 3
                """, Manifests.PROGRESSIVE));
        KubeObject primaryHpa = world.get("autoscaling/v2", "HorizontalPodAutoscaler", "podinfo-primary");
        assertThat(primaryHpa.spec().at("/scaleTargetRef/name").asText()).isEqualTo("podinfo-primary");
        assertThat(primaryHpa.spec().path("minReplicas").asInt()).isEqualTo(3);
        assertThat(primaryHpa.spec().path("maxReplicas").asInt()).isEqualTo(4);

        world.apply(hpa(6));
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.1"));
        world.tick(INTERVAL);
        // Scaled up to the autoscaler's minimum (the target itself rests at zero).
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isEqualTo(2);
        assertThat(world.get("autoscaling/v2", "HorizontalPodAutoscaler", "podinfo-primary").spec()
                .path("maxReplicas").asInt()).isEqualTo(4);
        world.ticks(INTERVAL, 4);
        assertThat(world.status("podinfo").phase()).isIn(CanaryPhase.FINALISING, CanaryPhase.SUCCEEDED);
        assertThat(world.get("autoscaling/v2", "HorizontalPodAutoscaler", "podinfo-primary").spec()
                .path("maxReplicas").asInt()).isEqualTo(6);
    }

    @Test
    void aDaemonSetIsScaledDownByNodeSelectorAndPromoted() {
        world.apply(Manifests.daemonSet("agent:1"));
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE).replace("kind: Deployment\n    name: podinfo",
                "kind: DaemonSet\n    name: agent"));
        world.reconcileNow("podinfo");
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZED);
        KubeObject primary = world.get("apps/v1", "DaemonSet", "agent-primary");
        assertThat(primary.spec().at("/selector/matchLabels/app").asText()).isEqualTo("agent-primary");
        assertThat(target().spec().at("/template/spec/nodeSelector").toString())
                .isEqualTo("{\"kubernetes.io/os\":\"linux\",\"flagger.app/scale-to-zero\":\"true\"}");

        world.apply(Manifests.daemonSet("agent:2"));
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(target().spec().at("/template/spec/nodeSelector").toString())
                .isEqualTo("{\"kubernetes.io/os\":\"linux\"}");
        world.ticks(INTERVAL, 5);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(world.get("apps/v1", "DaemonSet", "agent-primary").spec().at("/template/spec/containers/0/image")
                .asText()).isEqualTo("agent:2");
        assertThat(world.get("apps/v1", "DaemonSet", "agent-primary").spec().at("/template/spec/nodeSelector")
                .toString()).isEqualTo("{\"kubernetes.io/os\":\"linux\"}");
        assertThat(target().spec().at("/template/spec/nodeSelector").has("flagger.app/scale-to-zero")).isTrue();
    }

    @Test
    void aCanaryMigratedFromFlaggerIsNotAnalysedAgainUntilItsTargetChanges() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        // What Flagger left behind: its own hash (FNV-32a of a go-spew dump) in the status.
        KubeObject c = world.get("flagger.app/v1beta1", "Canary", "podinfo");
        world.cluster.updateStatus(c.withStatus(((com.fasterxml.jackson.databind.node.ObjectNode) c.status().deepCopy())
                .put("phase", "Succeeded").put("lastAppliedSpec", "5bd5d48c8c").put("lastPromotedSpec", "5bd5d48c8c")));

        world.ticks(INTERVAL, 2);
        CanaryStatus s = world.status("podinfo");
        assertThat(s.phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(s.lastAppliedSpec()).isEqualTo("5bd5d48c8c");
        assertThat(world.eventMessages("podinfo")).doesNotContain("New revision detected! Scaling up podinfo.test");

        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.1"));
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(world.status("podinfo").lastAppliedSpec()).hasSize(16);
    }

    @Test
    void theNextTickComesAfterTheIntervalDownToTheControllersMinimum() {
        world.close();
        world = new CanaryWorld(CanarySettings.DEFAULTS.withMinInterval(Duration.ofSeconds(1)));
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE.replace("interval: 10s", "interval: 2s")));
        assertThat(world.scheduler.nextDue()).contains(world.clock.instant().plusSeconds(2));

        try (CanaryWorld flaggers = new CanaryWorld()) {
            flaggers.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE.replace("interval: 10s", "interval: 2s")));
            assertThat(flaggers.scheduler.nextDue()).contains(flaggers.clock.instant().plusSeconds(10));
        }
    }

    @Test
    void aFailingEffectIsAWarningAndTheTickIsRetriedAtTheInterval() {
        // SMI v1alpha1 cannot express A/B matches: the router refuses, nothing else happens this tick.
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0"));
        world.apply(Manifests.canary("linkerd", "", """
                interval: 10s
                threshold: 2
                iterations: 2
                match:
                  - headers:
                      x-canary: {exact: insider}
                """));
        world.reconcileNow("podinfo");
        world.tick(INTERVAL);
        assertThat(world.events("podinfo")).filteredOn(EventRecord::isWarning).extracting(EventRecord::message)
                .anyMatch(m -> m.startsWith("TrafficSplit podinfo.test: A/B testing (analysis.match) needs TrafficSplit matches"));
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.INITIALIZING);
        assertThat(world.scheduler.nextDue()).contains(world.clock.instant().plus(INTERVAL));
    }

    private KubeObject target() {
        return world.get("apps/v1", "DaemonSet", "agent");
    }

    private static String hpa(int max) {
        return """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: podinfo
                  namespace: test
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: podinfo
                  minReplicas: 2
                  maxReplicas: %d
                  metrics:
                    - type: Resource
                      resource:
                        name: cpu
                        target: {type: Utilization, averageUtilization: 90}
                """.formatted(max);
    }
}
