package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.delivery.canary.WorkloadReadiness.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkloadReadinessTest {

    static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");

    static KubeObject deployment(String name, long generation, String status, int specReplicas) {
        return KubeObject.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: test, generation: %d}
                spec: {replicas: %d}
                status: %s
                """.formatted(name, generation, specReplicas, status));
    }

    @Test
    void readyDeployment() {
        KubeObject d = deployment("podinfo", 2, "{observedGeneration: 2, replicas: 2, updatedReplicas: 2, "
                + "availableReplicas: 2}", 2);
        assertThat(WorkloadReadiness.deployment(d, Role.CANARY, 600, 100, NOW)).isEqualTo(Readiness.ready());
    }

    @Test
    void deploymentMessages() {
        assertThat(WorkloadReadiness.deployment(deployment("podinfo", 3, "{observedGeneration: 2}", 2), Role.CANARY,
                600, 100, NOW)).isEqualTo(Readiness.waiting("canary deployment podinfo.test not ready: waiting for "
                + "rollout to finish: observed deployment generation less than desired generation"));
        assertThat(WorkloadReadiness.deployment(deployment("podinfo-primary", 2, "{observedGeneration: 2, replicas: 3, "
                + "updatedReplicas: 1}", 3), Role.PRIMARY, 600, 100, NOW)).isEqualTo(Readiness.waiting(
                "podinfo-primary.test not ready: waiting for rollout to finish: 1 out of 3 new replicas have been "
                        + "updated"));
        assertThat(WorkloadReadiness.deployment(deployment("podinfo", 2, "{observedGeneration: 2, replicas: 4, "
                + "updatedReplicas: 3}", 3), Role.CANARY, 600, 100, NOW).message()).endsWith(
                "1 old replicas are pending termination");
        assertThat(WorkloadReadiness.deployment(deployment("podinfo", 2, "{observedGeneration: 2, replicas: 3, "
                + "updatedReplicas: 3, availableReplicas: 1}", 3), Role.CANARY, 600, 90, NOW).message()).endsWith(
                "1 of 2 (readyThreshold 90%) updated replicas are available");
    }

    @Test
    void progressDeadlineExceededIsNotRetriable() {
        KubeObject d = deployment("podinfo", 2, """
                {observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 0,
                 conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded}]}""", 1);
        assertThat(WorkloadReadiness.deployment(d, Role.CANARY, 600, 100, NOW)).isEqualTo(Readiness.failed(
                "canary deployment podinfo.test not ready: deployment \"podinfo\" exceeded its progress deadline"));
    }

    @Test
    void minimumReplicasUnavailableForLongerThanTheDeadlineIsNotRetriable() {
        String status = """
                {observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 0,
                 conditions: [{type: Progressing, status: "True", reason: NewReplicaSetAvailable},
                   {type: Available, status: "False", reason: MinimumReplicasUnavailable,
                    lastUpdateTime: "2026-01-01T00:50:00Z"}]}""";
        KubeObject d = deployment("podinfo", 2, status, 1);
        assertThat(WorkloadReadiness.deployment(d, Role.CANARY, 60, 100, NOW).isRetriable()).isFalse();
        assertThat(WorkloadReadiness.deployment(d, Role.CANARY, 3600, 100, NOW).isRetriable()).isTrue();
        assertThat(WorkloadReadiness.deployment(d, Role.CANARY, 60, 100, NOW).message()).endsWith(
                "0 of 1 (readyThreshold 100%) updated replicas are available");
    }

    @Test
    void daemonSets() {
        KubeObject ds = KubeObject.parse("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: test, generation: 1}
                status: {observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 2}
                """);
        Instant since = Instant.parse("2026-01-01T00:59:00Z");
        assertThat(WorkloadReadiness.daemonSet(ds, Role.CANARY, 600, 100, since, NOW)).isEqualTo(Readiness.waiting(
                "canary damonset agent.test not ready with retryable true: waiting for rollout to finish: 2 out of 3 "
                        + "new pods have been updated"));
        assertThat(WorkloadReadiness.daemonSet(ds, Role.PRIMARY, 30, 100, since, NOW)).isEqualTo(Readiness.failed(
                "primary daemonset agent.test not ready: exceeded its progressDeadlineSeconds: 30"));
    }
}
