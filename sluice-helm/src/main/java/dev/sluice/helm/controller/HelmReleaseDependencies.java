package dev.sluice.helm.controller;

import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.helm.HelmRelease;
import dev.sluice.api.meta.References.DependencyReference;
import dev.sluice.cluster.Cluster;
import java.util.Optional;

/**
 * helm-controller's {@code dependsOn} rule: every HelmRelease depended on must exist, have observed
 * its generation and be Ready. ({@code readyExpr} CEL expressions are not evaluated yet; the
 * Ready rule still applies.)
 */
final class HelmReleaseDependencies {

    private HelmReleaseDependencies() {
    }

    /** Why the dependencies are not ready, in Flux's words, or empty. */
    static Optional<String> notReady(Cluster cluster, HelmRelease hr) {
        for (DependencyReference ref : hr.spec().dependsOn()) {
            String ns = ref.namespaceOr(hr.namespace());
            Optional<KubeObject> dep = cluster.get(new ObjectKey(HelmReleaseReconciler.KIND, ns, ref.name()));
            if (dep.isEmpty()) {
                return Optional.of("unable to get '" + ns + "/" + ref.name() + "' dependency: helmreleases.helm.toolkit.fluxcd.io \""
                        + ref.name() + "\" not found");
            }
            KubeObject d = dep.get();
            boolean ready = Conditions.find(d.status(), "Ready").map(Condition::isTrue).orElse(false);
            if (d.status().path("observedGeneration").asLong(0) != d.generation() || !ready) {
                return Optional.of("dependency '" + ns + "/" + ref.name() + "' is not ready");
            }
        }
        return Optional.empty();
    }
}
