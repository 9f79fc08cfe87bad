package dev.sluice.api.validation;

import dev.sluice.api.GroupKind;
import java.util.List;
import java.util.Optional;

/**
 * Everything Sluice knows about the shape of one kind: names, scope and the schema of every
 * version it reads, newest first (the newest is the one Sluice stores and writes).
 *
 * @param crd whether the kind is an API resource with a CustomResourceDefinition; false for
 *            file formats such as kustomize's kustomization.yaml
 */
public record KindSchema(GroupKind groupKind, Names names, boolean namespaced, boolean crd,
                         List<VersionSchema> versions) {

    public KindSchema {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(groupKind + " has no versions");
        }
    }

    /** The plural, singular, short names and categories of a kind, as in a CRD's {@code spec.names}. */
    public record Names(String plural, String singular, List<String> shortNames, List<String> categories) {

        public Names {
            shortNames = List.copyOf(shortNames);
            categories = List.copyOf(categories);
        }
    }

    public VersionSchema latest() {
        return versions.get(0);
    }

    public Optional<VersionSchema> version(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public List<String> versionNames() {
        return versions.stream().map(VersionSchema::name).toList();
    }

    /** {@code group/version} of the newest version. */
    public String latestApiVersion() {
        return apiVersion(latest().name());
    }

    public String apiVersion(String version) {
        return groupKind.group().isEmpty() ? version : groupKind.group() + "/" + version;
    }

    public String kind() {
        return groupKind.kind();
    }
}
