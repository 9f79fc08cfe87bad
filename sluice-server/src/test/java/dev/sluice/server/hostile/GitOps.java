package dev.sluice.server.hostile;

import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import java.nio.file.Path;
import java.time.Clock;

/** The GitOps controllers of embedded mode (Git sources and Kustomizations over the kustomize engine). */
final class GitOps {

    final GitRepositoryReconciler sources;
    final KustomizationReconciler kustomizations;

    GitOps(Cluster cluster, Clock clock, Path state) {
        ArtifactStore store = new ArtifactStore(state.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
        sources = new GitRepositoryReconciler(cluster, new JGitClient(), store, state.resolve("git"), clock);
        kustomizations = new KustomizationReconciler(cluster, new StoredSourceArtifacts(store), new KustomizerManifestBuilder(),
                clock, KustomizationSettings.EMBEDDED);
    }
}
