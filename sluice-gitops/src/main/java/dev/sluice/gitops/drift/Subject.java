package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.api.source.GitRepository;

/**
 * Everything drift analysis and write-back work on, read from the cluster for one failed Canary.
 *
 * @param failedRevision the Kustomization's {@code lastAppliedRevision}, e.g. {@code main@sha1:<sha>}
 * @param failedCommit   the commit id of that revision
 * @param branch         the branch the GitRepository tracks
 * @param failed         what the target runs (the spec that failed its analysis)
 * @param promoted       what the primary runs (the promoted spec), in the target's form
 */
public record Subject(KubeObject canaryObject, Canary canary, KubeObject target, KubeObject primary,
                      KubeObject kustomizationObject, Kustomization kustomization, KubeObject sourceObject,
                      GitRepository source, String branch, String failedRevision, String failedCommit,
                      WorkloadSpec failed, WorkloadSpec promoted, String appliedRevision) {

    /** The same subject with the Kustomization's lastAppliedRevision as the failed revision, if it differs. */
    public java.util.Optional<Subject> atAppliedRevision() {
        String commit = dev.sluice.gitops.source.GitRevision.commitOf(appliedRevision);
        if (commit.isEmpty() || commit.equals(failedCommit)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Subject(canaryObject, canary, target, primary, kustomizationObject, kustomization,
                sourceObject, source, branch, appliedRevision, commit, failed, promoted, appliedRevision));
    }

    public ObjectKey targetKey() {
        return target.key();
    }

    /** {@code <ns>/<name>} of the Canary. */
    public String canaryRef() {
        return canary.namespace() + "/" + canary.name();
    }
}
