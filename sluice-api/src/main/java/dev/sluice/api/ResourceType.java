package dev.sluice.api;

import java.util.List;

/**
 * What the API knows about a kind: its plural (for CLI arguments and URLs), whether it is
 * namespaced, the versions it is read in (newest first: the one Sluice writes) and short names.
 */
public record ResourceType(GroupKind groupKind, String plural, boolean namespaced, List<String> versions,
                           List<String> shortNames) {

    public ResourceType {
        versions = List.copyOf(versions);
        shortNames = List.copyOf(shortNames);
    }

    /** The apiVersion Sluice writes, e.g. {@code kustomize.toolkit.fluxcd.io/v1}. */
    public String storageApiVersion() {
        String v = versions.get(0);
        return groupKind.group().isEmpty() ? v : groupKind.group() + "/" + v;
    }

    public String kind() {
        return groupKind.kind();
    }

    public String group() {
        return groupKind.group();
    }
}
