package dev.sluice.api.kustomize;

import dev.sluice.api.KubeObject;

/**
 * A Flux Kustomization ({@code kustomize.toolkit.fluxcd.io/v1}) read from its object: a path in a
 * source artifact to build, apply, prune and health-check at an interval.
 *
 * @param object the object it was read from (metadata, annotations, the tree as written)
 */
public record Kustomization(KubeObject object, KustomizationSpec spec, KustomizationStatus status) {

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }

    /** The namespace of the source, defaulting to this Kustomization's. */
    public String sourceNamespace() {
        return spec.sourceRef().namespaceOr(namespace());
    }
}
