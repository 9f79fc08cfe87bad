package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import dev.sluice.testkit.ManualClock;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A GitOps loop on the embedded store, driven step by step: a real Git repository, the GitRepository
 * and Kustomization reconcilers, and a fake kubelet that reports Deployments as rolled out.
 */
final class GitOpsFixture implements AutoCloseable {

    static final GroupKind KS = KustomizationReconciler.KIND;
    static final GroupKind GIT = GroupKind.of(ResourceTypes.SOURCE, "GitRepository");

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(7));
    final TestRepo repo;
    final GitRepositoryReconciler git;
    final KustomizationReconciler kustomizations;
    /** Kustomizations in the order they first became Ready. */
    final List<String> readyOrder = new ArrayList<>();

    GitOpsFixture(Path dir) {
        repo = TestRepo.init(dir.resolve("repo"), "main");
        ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
        git = new GitRepositoryReconciler(cluster, new JGitClient(), store, dir.resolve("git-cache"), clock);
        kustomizations = new KustomizationReconciler(cluster, new StoredSourceArtifacts(store), new KustomizerManifestBuilder(),
                clock, KustomizationSettings.EMBEDDED);
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
    }

    /** The GitRepository {@code flux-system} on the test repository and the root Kustomization, as bootstrap makes them. */
    void bootstrap(String path) {
        cluster.create(KubeObject.parse("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: flux-system, namespace: flux-system}
                spec: {interval: 1m, url: "%s", ref: {branch: main}}
                """.formatted(repo.url())));
        cluster.create(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: flux-system, namespace: flux-system}
                spec: {interval: 10m, path: "%s", prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
                """.formatted(path)));
    }

    /** Runs every reconciler until nothing changes any more (at most {@code rounds} passes). */
    void settle(int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            String before = snapshot();
            for (KubeObject g : cluster.list(GIT, "", LabelSelector.everything())) {
                try {
                    git.reconcile(g.key());
                } catch (Exception e) {
                    // A failing source backs off in the scheduler; here the next pass tries again.
                }
            }
            for (KubeObject k : cluster.list(KS, "", LabelSelector.everything())) {
                kustomizations.reconcile(k.key());
                if (ready(k.name()) && !readyOrder.contains(k.name())) {
                    readyOrder.add(k.name());
                }
            }
            kubelet();
            clock.advance(Duration.ofSeconds(3));
            if (before.equals(snapshot())) {
                return;
            }
        }
    }

    private String snapshot() {
        StringBuilder b = new StringBuilder();
        for (GroupKind gk : List.of(GIT, KS)) {
            cluster.list(gk, "", LabelSelector.everything()).forEach(o -> b.append(o.key()).append(o.status()));
        }
        cluster.list(GroupKind.of("apps", "Deployment"), "", LabelSelector.everything()).forEach(o -> b.append(o.key()).append(o.resourceVersion()));
        return b.toString();
    }

    /** Marks every Deployment as fully rolled out, as the Deployment controller and kubelet would. */
    void kubelet() {
        for (KubeObject d : cluster.list(GroupKind.of("apps", "Deployment"), "", LabelSelector.everything())) {
            if (d.status().path("observedGeneration").asLong() == d.generation()) {
                continue;
            }
            int replicas = d.spec().path("replicas").asInt(1);
            ObjectNode s = Json.object().put("observedGeneration", d.generation()).put("replicas", replicas)
                    .put("updatedReplicas", replicas).put("readyReplicas", replicas).put("availableReplicas", replicas);
            String t = clock.instant().toString();
            s.putArray("conditions")
                    .add(new Condition("Available", "True", "MinimumReplicasAvailable", "", t, 0).toNode())
                    .add(new Condition("Progressing", "True", "NewReplicaSetAvailable", "", t, 0).toNode());
            cluster.updateStatus(d.withStatus(s));
        }
    }

    Optional<KubeObject> get(String group, String kind, String ns, String name) {
        return cluster.get(ObjectKey.of(group, kind, ns, name));
    }

    KubeObject ks(String name) {
        return get(ResourceTypes.KUSTOMIZE, "Kustomization", "flux-system", name).orElseThrow(
                () -> new AssertionError("no Kustomization " + name));
    }

    boolean ready(String ks) {
        return Conditions.find(ks(ks).status(), "Ready").map(Condition::isTrue).orElse(false);
    }

    Condition readyCondition(String ks) {
        return Conditions.find(ks(ks).status(), "Ready").orElseThrow(() -> new AssertionError("no Ready on " + ks + ": " + ks(ks).status()));
    }

    Cluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        repo.close();
        cluster.close();
    }
}
