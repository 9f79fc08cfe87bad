package dev.sluice.cli;

import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code build ks} and {@code diff ks} find the Kustomization: the running server, or a
 * {@code --kustomization-file}, with flux's error messages.
 */
final class FluxKustomizations {

    static final GroupKind KIND = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");
    private static final KindModels MODELS = KindModels.builtIn();

    private FluxKustomizations() {
    }

    /** The stored Kustomization, or empty. */
    static Optional<KubeObject> live(Cluster cluster, String namespace, String name) {
        return cluster.get(new ObjectKey(KIND, namespace, name));
    }

    /** The error flux gives when the Kustomization is not on the server. */
    static UserException notFound(String name) {
        return new UserException("failed to get kustomization object: kustomizations.kustomize.toolkit.fluxcd.io \""
                + name + "\" not found");
    }

    /** The first Kustomization named {@code name} in {@code namespace} (or with no namespace) in a YAML file. */
    static KubeObject fromFile(Path file, String name, String namespace) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("invalid kustomization file \"" + file + "\"");
        }
        for (YamlDocument d : Yaml.readAll(file)) {
            var n = d.content();
            if (n.path("apiVersion").asText().startsWith(ResourceTypes.KUSTOMIZE + "/")
                    && n.path("kind").asText().equals("Kustomization")
                    && n.path("metadata").path("name").asText().equals(name)) {
                String ns = n.path("metadata").path("namespace").asText("");
                if (ns.isEmpty() || ns.equals(namespace)) {
                    KubeObject o = KubeObject.of(n);
                    return ns.isEmpty() ? o.withMetadata("namespace", namespace) : o;
                }
            }
        }
        throw new UserException("failed find kustomization with name '" + name + "' and namespace '" + namespace
                + "' in file '" + file + "'");
    }

    /** The typed view; an invalid spec lists every error with its field path. */
    static Kustomization parse(KubeObject o) {
        try {
            return MODELS.get(KIND, Kustomization.class).parse(MODELS.toLatest(o)).value();
        } catch (InvalidInputException e) {
            throw new UserException("Kustomization " + o.namespace() + "/" + o.name() + " is invalid: " + e.getMessage());
        }
    }

    /** flux's check of {@code --path}: an existing directory. */
    static Path directory(Path path) {
        if (path == null || !Files.isDirectory(path)) {
            throw new UserException("invalid resource path \"" + (path == null ? "" : path) + "\"");
        }
        return path.toAbsolutePath().normalize();
    }
}
