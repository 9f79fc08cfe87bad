package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.kustomization.Prepare;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds one Kustomization from a directory of source files exactly as its reconciler applies it:
 * the kustomize build of {@code spec.path} with the Kustomization's overlay, then variable
 * substitution and Flux's labels ({@link Prepare}). Thread-safe if the builder is.
 */
final class KustomizationBuild {

    /** The outcome of one build. */
    sealed interface Outcome {
    }

    record Built(List<KubeObject> objects) implements Outcome {
        Built {
            objects = List.copyOf(objects);
        }

        Optional<KubeObject> find(ObjectKey key) {
            return objects.stream().filter(o -> o.key().equals(key)).findFirst();
        }
    }

    record Failed(String message) implements Outcome {
    }

    private final Cluster cluster;
    private final ManifestBuilder builder;
    private final Kustomization ks;

    KustomizationBuild(Cluster cluster, ManifestBuilder builder, Kustomization ks) {
        this.cluster = cluster;
        this.builder = builder;
        this.ks = ks;
    }

    Kustomization kustomization() {
        return ks;
    }

    Outcome build(Path root) {
        try {
            Path dir = root.resolve(relative(ks.spec().path())).normalize();
            if (!dir.startsWith(root)) {
                return new Failed("path '" + ks.spec().path() + "' leaves the source");
            }
            if (!java.nio.file.Files.isDirectory(dir)) {
                return new Failed("path '" + ks.spec().path() + "' not found");
            }
            ManifestBuilder.Built built = builder.build(root, dir, ks.spec());
            return new Built(Prepare.objects(cluster, ks, built.objects()));
        } catch (ManifestBuilder.BuildException | Prepare.PrepareException e) {
            return new Failed(e.getMessage());
        } catch (RuntimeException e) {
            // A build is user input: any failure is a failed build, never a crash of the caller.
            return new Failed(e.toString());
        }
    }

    /** {@code ./apps/x} → {@code apps/x}, as the reconciler reads {@code spec.path}. */
    static String relative(String path) {
        String p = path.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.startsWith("/") ? p.substring(1) : p;
    }
}
