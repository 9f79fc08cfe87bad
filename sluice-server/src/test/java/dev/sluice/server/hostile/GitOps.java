package dev.sluice.server.hostile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.kustomize.BuildResult;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
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
        kustomizations = new KustomizationReconciler(cluster, new StoredSourceArtifacts(store), GitOps::build, clock,
                KustomizationSettings.EMBEDDED);
    }

    private static ManifestBuilder.Built build(Path root, Path dir, KustomizationSpec spec) throws ManifestBuilder.BuildException {
        try {
            BuildResult r = new Kustomizer().build(dir, KustomizeOptions.flux(root));
            return new ManifestBuilder.Built(r.objects().stream().map(KubeObject::of).toList(), r.warnings());
        } catch (KustomizeException e) {
            throw new ManifestBuilder.BuildException(e.getMessage(), e);
        }
    }
}
