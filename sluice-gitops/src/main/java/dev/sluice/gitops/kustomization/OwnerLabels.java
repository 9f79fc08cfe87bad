package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.References.CommonMetadata;
import java.util.Map;

/**
 * The labels Flux puts on every object a Kustomization applies ({@code
 * kustomize.toolkit.fluxcd.io/name} and {@code /namespace}), and {@code spec.commonMetadata},
 * applied after the build and winning over what the build produced. Pure.
 */
final class OwnerLabels {

    static final String NAME = "kustomize.toolkit.fluxcd.io/name";
    static final String NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";

    private OwnerLabels() {
    }

    static KubeObject apply(KubeObject o, String ksName, String ksNamespace,
                            java.util.Optional<CommonMetadata> common) {
        return o.edit(n -> {
            ObjectNode meta = (ObjectNode) n.with("metadata");
            common.ifPresent(c -> {
                putAll(meta.with("labels"), c.labels());
                putAll(meta.with("annotations"), c.annotations());
                if (meta.path("annotations").isEmpty()) {
                    meta.remove("annotations");
                }
            });
            ObjectNode labels = meta.with("labels");
            labels.put(NAME, ksName);
            labels.put(NAMESPACE, ksNamespace);
        });
    }

    /** True when {@code o} carries the owner labels of this Kustomization (prune only those). */
    static boolean ownedBy(KubeObject o, String ksName, String ksNamespace) {
        Map<String, String> l = o.labels();
        return ksName.equals(l.get(NAME)) && ksNamespace.equals(l.get(NAMESPACE));
    }

    private static void putAll(ObjectNode target, Map<String, String> values) {
        values.forEach(target::put);
    }
}
