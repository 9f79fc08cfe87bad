package dev.sluice.gitops.drift;

import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Drift analysis and write-back wired to one set of Git mirrors: make one per process in the
 * composition root and share it (the canary reconciler and the API's drift endpoints), so that
 * uses of a mirror are serialized by one lock.
 *
 * @param analyzer  finds and describes drift ({@link DriftAnalyzer})
 * @param writeBack writes reverts back to Git ({@link GitWriteBack})
 */
public record GitDrift(DriftAnalyzer analyzer, GitWriteBack writeBack) {

    /**
     * @param builder  the Kustomization reconciler's own builder (e.g. {@code KustomizerManifestBuilder})
     * @param stateDir where the mirrors live ({@code <stateDir>/<namespace>/<name>.git})
     */
    public static GitDrift create(Cluster cluster, ManifestBuilder builder, Path stateDir, Clock clock,
                                  DriftSettings settings) {
        GitMirrors mirrors = new GitMirrors(stateDir, cluster);
        return new GitDrift(new DriftAnalyzer(cluster, builder, mirrors, clock, settings),
                new GitWriteBack(cluster, builder, mirrors, clock, settings));
    }
}
