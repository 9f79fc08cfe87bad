package dev.sluice.gitops.kustomization;

import dev.sluice.api.KubeObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Flux's staged apply: cluster definitions first (CRDs, Namespaces, ClusterRoles), then class kinds
 * ({@code *Class}), then everything else; each stage must be applied (and ready) before the next,
 * so that a CRD and its custom resources can live in one Kustomization. Pure.
 */
public enum ApplyStage {
    DEFINITIONS,
    CLASSES,
    RESOURCES;

    public static ApplyStage of(KubeObject o) {
        String kind = o.kind();
        if (kind.equals("CustomResourceDefinition") || kind.equals("Namespace") || kind.equals("ClusterRole")) {
            return DEFINITIONS;
        }
        if (kind.endsWith("Class")) {
            return CLASSES;
        }
        return RESOURCES;
    }

    /** The objects grouped by stage, each group in a stable order (kind, namespace, name). */
    public static Map<ApplyStage, List<KubeObject>> split(List<KubeObject> objects) {
        Map<ApplyStage, List<KubeObject>> out = new EnumMap<>(ApplyStage.class);
        for (ApplyStage s : values()) {
            out.put(s, new ArrayList<>());
        }
        for (KubeObject o : objects) {
            out.get(of(o)).add(o);
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(KubeObject::key)));
        return out;
    }
}
