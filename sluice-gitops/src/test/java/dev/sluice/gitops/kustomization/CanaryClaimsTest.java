package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which Canaries' claims a Kustomization's objects look at: only those that may claim one of them. */
class CanaryClaimsTest {

    private final EmbeddedCluster cluster = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new Random(1));

    @BeforeEach
    void namespaces() {
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: a}}"));
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: b}}"));
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void onlyCanariesNamingOneOfTheObjectsInItsNamespaceAreClaims() {
        cluster.create(canary("a", "web", "web", ""));
        cluster.create(canary("a", "other", "other", ""));
        cluster.create(canary("b", "web", "web", ""));
        cluster.create(canary("a", "front-door", "api", "front"));

        List<CanaryOwnedFields.Claim> claims = Prepare.canaryClaims(cluster, List.of(
                object("apps/v1", "Deployment", "a", "web"), object("v1", "Service", "a", "front"),
                object("v1", "ConfigMap", "a", "other")));

        assertThat(claims).containsExactlyInAnyOrder(
                new CanaryOwnedFields.Claim("a", "Deployment", "web", "web"),
                new CanaryOwnedFields.Claim("a", "Deployment", "api", "front"));
    }

    @Test
    void objectsNoCanaryCanClaimLookAtNoCanary() {
        cluster.create(canary("a", "web", "web", ""));

        assertThat(Prepare.canaryClaims(cluster, List.of(object("v1", "ConfigMap", "a", "web"),
                object("v1", "ServiceAccount", "a", "web")))).isEmpty();
    }

    @Test
    void anInvalidCanaryClaimsNothingAndHidesNoOther() {
        cluster.create(KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: broken, namespace: a}
                spec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, service: {port: "not a port"}}
                """));
        cluster.create(canary("a", "web", "web", ""));

        assertThat(Prepare.canaryClaims(cluster, List.of(object("apps/v1", "Deployment", "a", "web"))))
                .containsExactly(new CanaryOwnedFields.Claim("a", "Deployment", "web", "web"));
    }

    private static KubeObject canary(String namespace, String name, String target, String serviceName) {
        return KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: %s, namespace: %s}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}
                  service: {port: 80%s}
                  analysis: {interval: 10s, threshold: 2, stepWeight: 25, maxWeight: 50}
                """.formatted(name, namespace, target, serviceName.isEmpty() ? "" : ", name: " + serviceName));
    }

    private static KubeObject object(String apiVersion, String kind, String namespace, String name) {
        return KubeObject.parse("{apiVersion: %s, kind: %s, metadata: {name: %s, namespace: %s}}"
                .formatted(apiVersion, kind, name, namespace));
    }
}
