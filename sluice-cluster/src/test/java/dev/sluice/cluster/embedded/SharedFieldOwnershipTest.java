package dev.sluice.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.testkit.ManualClock;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * GitOps and a canary controller share a Deployment: the Kustomization stops applying
 * {@code spec.replicas} once a Canary owns it; the replicas the canary controller set must stay.
 */
class SharedFieldOwnershipTest {

    private static final String DEPLOY = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: face, namespace: faces}
            spec:
              %s
              selector: {matchLabels: {app: face}}
              template:
                metadata: {labels: {app: face}}
                spec: {containers: [{name: face, image: "dwflynn/faces-service:0.8.0"}]}
            """;

    @Test
    void replicasSetByAnotherManagerSurviveTheAppliersLettingGo() {
        try (EmbeddedCluster c = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new Random(1))) {
            c.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: faces}}"));
            c.apply(KubeObject.parse(DEPLOY.formatted("replicas: 1")), ApplyOptions.as("kustomize-controller"));
            ObjectKey key = ObjectKey.of("apps", "Deployment", "faces", "face");
            KubeObject live = c.get(key).orElseThrow();
            c.update(live.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec")).put("replicas", 0)), "sluice");
            c.apply(KubeObject.parse(DEPLOY.formatted("minReadySeconds: 0")), ApplyOptions.as("kustomize-controller"));
            assertThat(c.get(key).orElseThrow().spec().path("replicas").isMissingNode())
                    .as("replicas must not be removed: %s", c.get(key).orElseThrow().metadata().path("managedFields"))
                    .isFalse();
            assertThat(c.get(key).orElseThrow().spec().path("replicas").asInt()).isZero();
        }
    }
}
