package dev.sluice.cli;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;

/** The kinds the Flux-style verbs (reconcile, suspend, resume) act on, by the names flux uses. */
enum Targets {
    SOURCE_GIT("GitRepository", GroupKind.of(ResourceTypes.SOURCE, "GitRepository"), "flux-system", "fetched revision"),
    SOURCE_HELM("HelmRepository", GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"), "flux-system", "fetched revision"),
    SOURCE_CHART("HelmChart", GroupKind.of(ResourceTypes.SOURCE, "HelmChart"), "flux-system", "pulled chart version"),
    KUSTOMIZATION("Kustomization", GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"), "flux-system", "applied revision"),
    HELMRELEASE("HelmRelease", GroupKind.of(ResourceTypes.HELM, "HelmRelease"), "flux-system", "applied revision"),
    CANARY("Canary", GroupKind.of(ResourceTypes.FLAGGER, "Canary"), "default", "");

    final String display;
    final GroupKind kind;
    final String defaultNamespace;
    final String doneWords;

    Targets(String display, GroupKind kind, String defaultNamespace, String doneWords) {
        this.display = display;
        this.kind = kind;
        this.defaultNamespace = defaultNamespace;
        this.doneWords = doneWords;
    }
}
