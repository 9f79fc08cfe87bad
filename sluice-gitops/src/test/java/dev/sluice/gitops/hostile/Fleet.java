package dev.sluice.gitops.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The GitOps half of embedded mode on one persisted EmbeddedCluster: the GitRepository reconciler
 * (real JGit, real artifact store) and the Kustomization reconciler over the kustomize engine. Tests
 * drive the reconcilers directly, so that every call's outcome (it must return, never throw) is seen.
 */
final class Fleet implements AutoCloseable {

    static final GroupKind GIT = GroupKind.of("source.toolkit.fluxcd.io", "GitRepository");
    static final GroupKind KS = GroupKind.of("kustomize.toolkit.fluxcd.io", "Kustomization");
    static final String NS = "flux-system";

    final Path state;
    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster cluster;
    final ArtifactStore store;
    final GitRepositoryReconciler sources;
    final KustomizationReconciler kustomizations;

    Fleet(Path state) {
        this.state = state;
        this.cluster = open(state, clock);
        this.store = new ArtifactStore(state.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
        this.sources = new GitRepositoryReconciler(cluster, new JGitClient(), store, state.resolve("git"), clock);
        this.kustomizations = new KustomizationReconciler(cluster, new StoredSourceArtifacts(store),
                new KustomizerManifestBuilder(), clock, KustomizationSettings.EMBEDDED);
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: " + NS + "}}"));
    }

    static EmbeddedCluster open(Path state, java.time.Clock clock) {
        return EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(10)).stateDirectory(state.resolve("store")).build();
    }

    ObjectKey gitRepository(String name, String url) {
        return cluster.create(KubeObject.parse("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec: {url: '" + url + "', interval: 5m, ref: {branch: main}}\n")).key();
    }

    ObjectKey kustomization(String name, String source, String path, String extraSpec) {
        return cluster.create(KubeObject.parse("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
                + "metadata: {name: " + name + ", namespace: " + NS + "}\n"
                + "spec:\n  interval: 10m\n  prune: true\n  path: '" + path + "'\n"
                + "  sourceRef: {kind: GitRepository, name: " + source + "}\n" + extraSpec)).key();
    }

    /** Reconciles a source; a failure to fetch is the reconciler's to report in status, not the test's. */
    void fetch(ObjectKey key) {
        try {
            sources.reconcile(key);
        } catch (Exception e) {
            throw new AssertionError("fetching " + key + " failed: " + e, e);
        }
    }

    /** Reconciles a Kustomization: it must return (never throw), whatever its input. */
    void reconcile(ObjectKey key) {
        try {
            assertThat(kustomizations.reconcile(key)).isNotNull();
        } catch (Exception e) {
            throw new AssertionError("the reconciler threw on " + key + " instead of reporting in status", e);
        }
    }

    Condition ready(ObjectKey key) {
        KubeObject o = cluster.get(key).orElseThrow();
        return Conditions.find(o.status(), "Ready").orElseThrow(() -> new AssertionError("no Ready condition on " + key
                + ": " + o.status()));
    }

    static ObjectKey key(GroupKind kind, String name) {
        return new ObjectKey(kind, NS, name);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
