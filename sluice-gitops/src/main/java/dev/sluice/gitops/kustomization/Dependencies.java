package dev.sluice.gitops.kustomization;

import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.api.meta.References.DependencyReference;
import dev.sluice.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's {@code dependsOn} rule: each dependency must exist, have conditions, have observed its
 * generation, be Ready, and, when it uses the same source, have applied the same revision. Cycles
 * are found over all Kustomizations and reported to every member (Flux waits forever instead).
 */
final class Dependencies {

    static final GroupKind KIND = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");

    private Dependencies() {
    }

    /** The cycle {@code ks} is part of, as {@code a -> b -> a}, if any. */
    static Optional<String> cycle(Cluster cluster, Kustomization ks) {
        if (ks.spec().dependsOn().isEmpty()) {
            return Optional.empty();
        }
        Map<ObjectKey, List<ObjectKey>> edges = new LinkedHashMap<>();
        for (KubeObject o : cluster.list(KIND, "", LabelSelector.everything())) {
            List<ObjectKey> deps = new ArrayList<>();
            for (var d : o.spec().path("dependsOn")) {
                deps.add(new ObjectKey(KIND, d.path("namespace").asText(o.namespace()), d.path("name").asText()));
            }
            edges.put(o.key(), deps);
        }
        List<ObjectKey> cycle = new DependencyGraph<>(edges).sort().cycleOf(ks.object().key());
        if (cycle.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        cycle.forEach(k -> names.add(k.namespace() + "/" + k.name()));
        names.add(names.get(0));
        return Optional.of(String.join(" -> ", names));
    }

    /** Why the dependencies are not ready yet, or empty when they all are. */
    static Optional<String> notReady(Cluster cluster, Kustomization ks, String sourceRevision) {
        for (DependencyReference ref : ks.spec().dependsOn()) {
            String ns = ref.namespaceOr(ks.namespace());
            ObjectKey key = new ObjectKey(KIND, ns, ref.name());
            Optional<KubeObject> dep = cluster.get(key);
            String id = "'" + ns + "/" + ref.name() + "'";
            if (dep.isEmpty()) {
                return Optional.of("dependency " + id + " not found");
            }
            KubeObject d = dep.get();
            List<Condition> conditions = Conditions.of(d.status());
            Optional<Condition> ready = conditions.stream().filter(c -> c.type().equals("Ready")).findFirst();
            if (conditions.isEmpty() || d.status().path("observedGeneration").asLong(0) != d.generation()
                    || ready.isEmpty() || !ready.get().isTrue()) {
                return Optional.of("dependency " + id + " is not ready");
            }
            boolean sameSource = d.spec().path("sourceRef").path("name").asText().equals(ks.spec().sourceRef().name())
                    && d.spec().path("sourceRef").path("namespace").asText(d.namespace())
                    .equals(ks.spec().sourceRef().namespaceOr(ks.namespace()));
            if (sameSource && !d.status().path("lastAppliedRevision").asText().equals(sourceRevision)) {
                return Optional.of("dependency " + id + " revision is not up to date");
            }
        }
        return Optional.empty();
    }
}
