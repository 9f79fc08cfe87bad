package dev.sluice.gitops.kustomization;

import dev.sluice.api.KubeObject;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.cluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kustomization built from a local directory instead of its source artifact, for
 * {@code sluice build ks} and {@code sluice diff ks} (what {@code flux build} and {@code flux diff}
 * do): the same kustomize build with the Kustomization's overlay as the reconciler, the
 * {@code postBuild} substitutions and the owner labels. Stateless and thread-safe.
 */
public final class LocalBuild {

    /** The directory cannot be built; the message names the file or variable at fault. */
    public static final class LocalBuildException extends Exception {
        LocalBuildException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The built objects, and the warnings met on the way (e.g. a skipped file). */
    public record Result(List<KubeObject> objects, List<String> warnings) {

        public Result {
            objects = List.copyOf(objects);
            warnings = List.copyOf(warnings);
        }
    }

    private LocalBuild() {
    }

    /**
     * The objects {@code flux build ks} prints, in kustomize's order, with the build's warnings.
     *
     * @param cluster where {@code substituteFrom} ConfigMaps and Secrets are read; empty for a dry
     *                run, which uses only the inline {@code substitute} (as flux's {@code --dry-run})
     */
    public static Result build(Path dir, Kustomization ks, Optional<Cluster> cluster) throws LocalBuildException {
        ManifestBuilder.Built built = kustomize(dir, ks);
        List<KubeObject> objects = built.objects();
        Optional<KustomizationSpec.PostBuild> postBuild = ks.spec().postBuild();
        try {
            if (postBuild.isPresent()) {
                KustomizationSpec.PostBuild pb = postBuild.get();
                Map<String, String> vars = cluster.isPresent()
                        ? Substitutions.collect(cluster.get(), ks.namespace(), pb)
                        : Substitutions.collect(null, ks.namespace(), new KustomizationSpec.PostBuild(pb.substitute(), List.of(),
                        pb.substituteStrategy()));
                objects = PostBuild.substitute(objects, vars);
            }
        } catch (Substitutions.MissingSourceException | Envsubst.SubstitutionException e) {
            throw new LocalBuildException("var substitution failed: " + e.getMessage(), e);
        }
        return new Result(objects.stream()
                .map(o -> OwnerLabels.apply(o, ks.name(), ks.namespace(), ks.spec().commonMetadata())).toList(), built.warnings());
    }

    /**
     * The objects the reconciler would apply from this directory: {@link #build} plus what the apply
     * adds (the default namespace on namespaced objects, fields owned by Canaries left out), in the
     * build's order.
     */
    public static List<KubeObject> forApply(Path dir, Kustomization ks, Cluster cluster) throws LocalBuildException {
        List<KubeObject> prepared;
        try {
            prepared = Prepare.objects(cluster, ks, kustomize(dir, ks).objects());
        } catch (Prepare.PrepareException | Envsubst.SubstitutionException e) {
            throw new LocalBuildException(e.getMessage(), e);
        }
        List<CanaryOwnedFields.Claim> claims = Prepare.canaryClaims(cluster, prepared);
        return prepared.stream().map(o -> claims.stream().anyMatch(c -> c.namespace().equals(o.namespace()))
                ? CanaryOwnedFields.strip(o, claims, cluster.get(o.key())) : o).toList();
    }

    private static ManifestBuilder.Built kustomize(Path dir, Kustomization ks) throws LocalBuildException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new LocalBuildException("invalid resource path \"" + dir + "\"", null);
        }
        try {
            // flux builds a local path without load restrictions: bases may sit anywhere on disk.
            return new KustomizerManifestBuilder().build(abs.getRoot(), abs, ks.spec());
        } catch (ManifestBuilder.BuildException e) {
            throw new LocalBuildException(e.getMessage(), e);
        }
    }
}
