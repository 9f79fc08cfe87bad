package dev.sluice.server.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The index behind GitOpsControllers' triggers, on the embedded store. */
class KustomizationIndexTest {

    private final EmbeddedCluster cluster = EmbeddedCluster.inMemory(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")),
            new SplittableRandom(1));
    private final List<ObjectKey> woken = new CopyOnWriteArrayList<>();
    private final KustomizationIndex index = new KustomizationIndex(cluster, woken::add, () -> { });

    @AfterEach
    void close() {
        index.close();
        cluster.close();
    }

    private KubeObject ks(String name, String source, String... dependsOn) {
        StringBuilder deps = new StringBuilder();
        for (String d : dependsOn) {
            deps.append("{name: ").append(d).append("},");
        }
        return cluster.create(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: %s, namespace: flux-system}
                spec: {interval: 1m, path: ./, prune: true, sourceRef: {kind: GitRepository, name: %s}, dependsOn: [%s]}
                """.formatted(name, source, deps)));
    }

    private static ObjectKey key(String name) {
        return ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", name);
    }

    private void status(String name, String json) {
        KubeObject k = cluster.get(key(name)).orElseThrow();
        cluster.updateStatus(k.withStatus(Json.parseObject(json)));
    }

    @Test
    void usersWhosePathAFileChangedInComeFirst() {
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
        for (String app : List.of("a", "b", "c", "d")) {
            cluster.create(KubeObject.parse("""
                    apiVersion: kustomize.toolkit.fluxcd.io/v1
                    kind: Kustomization
                    metadata: {name: %s, namespace: flux-system}
                    spec: {interval: 1m, path: ./apps/%s, prune: true, sourceRef: {kind: GitRepository, name: repo}}
                    """.formatted(app, app)));
        }
        index.restart();
        KubeObject repo = KubeObject.parse("""
                {apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository, metadata: {name: repo, namespace: flux-system}}""");
        assertThat(index.usersOf(repo, java.util.Set.of("apps/c/cm.yaml"))).hasSize(4).first().isEqualTo(key("c"));
        assertThat(index.usersOf(repo, java.util.Set.of("apps/d/x.yaml", "apps/b/y.yaml")).subList(0, 2))
                .containsExactlyInAnyOrder(key("b"), key("d"));
        assertThat(index.usersOf(repo, java.util.Set.of("apps/cc/x.yaml"))).as("apps/c is not apps/cc: no one moves ahead")
                .isEqualTo(index.usersOf(repo));
    }

    @Test
    void directoriesAreNormalized() {
        assertThat(KustomizationIndex.directory("./apps/web")).isEqualTo("apps/web/");
        assertThat(KustomizationIndex.directory("apps/web/")).isEqualTo("apps/web/");
        assertThat(KustomizationIndex.directory("./")).isEmpty();
        assertThat(KustomizationIndex.directory("")).isEmpty();
    }

    @Test
    void findsUsersAndWakesDependentsOnlyWhenReadinessChanges() {
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
        ks("infra", "repo");
        index.restart(); // lists what exists, then watches
        ks("apps", "repo", "infra");
        ks("other", "elsewhere");
        KubeObject repo = KubeObject.parse("""
                {apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository, metadata: {name: repo, namespace: flux-system}}""");
        await().atMost(Duration.ofSeconds(5)).until(() -> index.usersOf(repo).size() == 2);
        assertThat(index.usersOf(repo)).containsExactlyInAnyOrder(key("infra"), key("apps"));
        assertThat(index.dependentsOf(key("infra"))).containsExactly(key("apps"));
        woken.clear();

        status("infra", "{\"observedGeneration\": 1, \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\", \"reason\": \"ReconciliationSucceeded\"}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> woken.contains(key("apps")));

        woken.clear();
        status("infra", "{\"observedGeneration\": 1, \"lastAttemptedRevision\": \"x\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\", \"reason\": \"ReconciliationSucceeded\"}]}");
        status("other", "{\"observedGeneration\": 1}");
        cluster.delete(key("infra"), DeleteOptions.background());
        // Events of one watch arrive in order: once the deletion is indexed, the status changes were too.
        await().atMost(Duration.ofSeconds(5)).until(() -> index.usersOf(repo).equals(List.of(key("apps"))));
        assertThat(woken).as("a status change that is not readiness wakes nobody; the deletion does").containsExactly(key("apps"));
    }
}
