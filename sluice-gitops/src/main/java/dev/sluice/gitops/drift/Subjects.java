package dev.sluice.gitops.drift;

import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.api.source.GitRepository;
import dev.sluice.api.source.GitRepositoryModel;
import dev.sluice.api.source.GitRepositoryRef;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.source.GitRevision;
import java.util.Optional;

/**
 * Reads, for one Canary, the objects drift analysis needs: target, primary, the Kustomization that
 * applied the target (found by Flux's owner labels on it), its GitRepository and the failed
 * revision. Reads only.
 */
final class Subjects {

    static final String KS_NAME = "kustomize.toolkit.fluxcd.io/name";
    static final String KS_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";
    static final GroupKind KUSTOMIZATION = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");

    private static final KindModels MODELS = KindModels.builtIn();
    private static final CanaryKindModel CANARIES = new CanaryKindModel();
    private static final GitRepositoryModel SOURCES = new GitRepositoryModel();

    /** A subject, or why there is none (an {@link Analysis} other than Drifted). */
    record Resolution(Optional<Subject> subject, Analysis otherwise) {
        static Resolution of(Subject s) {
            return new Resolution(Optional.of(s), null);
        }

        static Resolution not(Analysis a) {
            return new Resolution(Optional.empty(), a);
        }
    }

    private Subjects() {
    }

    static Canary canary(KubeObject canaryObject) {
        return CANARIES.parse(CANARIES.toLatest(canaryObject)).value();
    }

    static Resolution resolve(Cluster cluster, KubeObject canaryObject) {
        Canary canary;
        try {
            canary = canary(canaryObject);
        } catch (InvalidInputException e) {
            return Resolution.not(new Analysis.Incomplete("invalid Canary: " + e.getMessage()));
        }
        if (canary.status().phase() != CanaryPhase.FAILED) {
            return Resolution.not(new Analysis.NoDrift("the canary is " + phaseName(canary) + ", not Failed"));
        }
        var ref = canary.spec().targetRef();
        GroupKind targetKind = GroupKind.fromApiVersion(ref.apiVersion().isEmpty() ? "apps/v1" : ref.apiVersion(), ref.kind());
        Optional<KubeObject> target = cluster.get(new ObjectKey(targetKind, canary.namespace(), ref.name()));
        Optional<KubeObject> primary = cluster.get(new ObjectKey(targetKind, canary.namespace(), canary.primaryName()));
        if (target.isEmpty() || primary.isEmpty()) {
            return Resolution.not(new Analysis.NotManaged((target.isEmpty() ? "target " : "primary ")
                    + targetKind.kind() + " " + canary.namespace() + "/"
                    + (target.isEmpty() ? ref.name() : canary.primaryName()) + " not found"));
        }
        String ksName = target.get().labels().getOrDefault(KS_NAME, "");
        String ksNamespace = target.get().labels().getOrDefault(KS_NAMESPACE, "");
        if (ksName.isEmpty() || ksNamespace.isEmpty()) {
            return Resolution.not(new Analysis.NotManaged("the target has no " + KS_NAME + " label: no Kustomization applied it"));
        }
        Optional<KubeObject> ksObject = cluster.get(new ObjectKey(KUSTOMIZATION, ksNamespace, ksName));
        if (ksObject.isEmpty()) {
            return Resolution.not(new Analysis.Incomplete("Kustomization " + ksNamespace + "/" + ksName
                    + " (from the target's labels) not found"));
        }
        Kustomization ks;
        try {
            ks = MODELS.get(KUSTOMIZATION, Kustomization.class).parse(MODELS.toLatest(ksObject.get())).value();
        } catch (InvalidInputException e) {
            return Resolution.not(new Analysis.Incomplete("invalid Kustomization " + ksNamespace + "/" + ksName + ": " + e.getMessage()));
        }
        var sourceRef = ks.spec().sourceRef();
        if (!"GitRepository".equals(sourceRef.kind())) {
            return Resolution.not(new Analysis.NotManaged("Kustomization " + ksNamespace + "/" + ksName + " takes its files from a "
                    + sourceRef.kind() + ", not a GitRepository"));
        }
        ObjectKey sourceKey = new ObjectKey(GitRepository.KIND, ks.sourceNamespace(), sourceRef.name());
        Optional<KubeObject> sourceObject = cluster.get(sourceKey);
        if (sourceObject.isEmpty()) {
            return Resolution.not(new Analysis.Incomplete("GitRepository " + sourceKey.namespace() + "/" + sourceKey.name() + " not found"));
        }
        GitRepository source;
        try {
            source = SOURCES.parse(SOURCES.toLatest(sourceObject.get())).value();
        } catch (InvalidInputException e) {
            return Resolution.not(new Analysis.Incomplete("invalid GitRepository " + sourceKey.namespace() + "/"
                    + sourceKey.name() + ": " + e.getMessage()));
        }
        if (!(source.spec().ref().effective() instanceof GitRepositoryRef.Selected.Branch b)) {
            return Resolution.not(new Analysis.Incomplete("GitRepository " + sourceKey.namespace() + "/" + sourceKey.name()
                    + " does not follow a branch (spec.ref); only branches can be analysed and reverted"));
        }
        // The newest revision the Kustomization applied objects of: lastAttemptedRevision, when its
        // apply went through but its health check is still waiting (or failed: the canary held the
        // target back), else lastAppliedRevision. The analyzer falls back to the applied one.
        String applied = ksObject.get().status().path("lastAppliedRevision").asText("");
        String attempted = ksObject.get().status().path("lastAttemptedRevision").asText("");
        String revision = GitRevision.commitOf(attempted).isEmpty() ? applied : attempted;
        String commit = GitRevision.commitOf(revision);
        if (commit.isEmpty()) {
            return Resolution.not(new Analysis.Incomplete("Kustomization " + ksNamespace + "/" + ksName
                    + " has no lastAppliedRevision with a commit yet"));
        }
        WorkloadSpec failed = WorkloadSpec.live(target.get(), cluster::get);
        WorkloadSpec promoted = WorkloadSpec.primary(primary.get(), ref.name(), cluster::get);
        return Resolution.of(new Subject(canaryObject, canary, target.get(), primary.get(), ksObject.get(), ks,
                sourceObject.get(), source, b.branch(), revision, commit, failed, promoted, applied));
    }

    private static String phaseName(Canary c) {
        return c.status().phase() == CanaryPhase.NONE ? "not initialized" : c.status().phase().wireName();
    }
}
