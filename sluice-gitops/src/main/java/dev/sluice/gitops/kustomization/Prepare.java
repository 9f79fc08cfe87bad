package dev.sluice.gitops.kustomization;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.Cluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns built objects into what is applied: variables substituted, owner labels and
 * commonMetadata set, a namespace given to namespaced objects that have none, duplicates refused.
 * Public for drift analysis, which must build a Kustomization exactly as it is applied.
 */
public final class Prepare {

    static final GroupKind CANARY = GroupKind.of(ResourceTypes.FLAGGER, "Canary");
    private static final ResourceTypes TYPES = ResourceTypes.builtIn();
    private static final KindModels MODELS = KindModels.builtIn();
    /** The API server's request limit, which one object must fit in. */
    static final int MAX_OBJECT_CHARS = dev.sluice.api.Yaml.MAX_DOCUMENT_BYTES;

    /** The built objects cannot be applied as they are; the message says which and why. */
    public static final class PrepareException extends Exception {
        PrepareException(String message) {
            super(message);
        }
    }

    private Prepare() {
    }

    public static List<KubeObject> objects(Cluster cluster, Kustomization ks, List<KubeObject> built) throws PrepareException {
        List<KubeObject> objects = built;
        if (ks.spec().postBuild().isPresent()) {
            Map<String, String> vars;
            try {
                vars = Substitutions.collect(cluster, ks.namespace(), ks.spec().postBuild().get());
            } catch (Substitutions.MissingSourceException e) {
                throw new PrepareException(e.getMessage());
            }
            try {
                objects = PostBuild.substitute(objects, vars);
            } catch (Envsubst.SubstitutionException e) {
                throw new PrepareException("post build failed: " + e.getMessage());
            }
        }
        List<KubeObject> out = new ArrayList<>(objects.size());
        Set<String> seen = new HashSet<>();
        for (KubeObject o : objects) {
            KubeObject p = OwnerLabels.apply(o, ks.name(), ks.namespace(), ks.spec().commonMetadata());
            ResourceType t = TYPES.getOrGuess(p.groupKind(), !p.namespace().isEmpty());
            if (t.namespaced() && p.namespace().isEmpty()) {
                p = p.withMetadata("namespace", "default");
            } else if (!t.namespaced() && TYPES.get(p.groupKind()).isPresent() && !p.namespace().isEmpty()) {
                p = p.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("metadata")).remove("namespace"));
            }
            int size = dev.sluice.api.Json.write(p.toNode()).length();
            if (size > MAX_OBJECT_CHARS) {
                // The API server refuses such a request (413); the embedded store would take it, so say it here.
                throw new PrepareException(p.key() + " is " + size + " bytes as JSON; the Kubernetes API accepts at most "
                        + MAX_OBJECT_CHARS + " bytes per object (the object is too large to apply)");
            }
            if (!seen.add(p.key().toString())) {
                throw new PrepareException("duplicate object " + p.key() + " in the build output");
            }
            out.add(p);
        }
        return out;
    }

    /**
     * What the Canaries that may claim one of {@code objects} claim (target replicas, apex Service
     * selector). Only Canaries in the namespace of a workload or Service among the objects, whose
     * {@code targetRef.name} or {@code service.name} names one of them, are parsed: parsing every
     * Canary in the cluster made each Kustomization reconcile cost one Canary parse per Canary (with
     * 1,000 Canaries, a commit that requeues 1,000 Kustomizations parsed a million of them).
     */
    static List<CanaryOwnedFields.Claim> canaryClaims(Cluster cluster, List<KubeObject> objects) {
        Map<String, Set<String>> claimable = new HashMap<>(); // namespace -> names a Canary may claim
        for (KubeObject o : objects) {
            if (!o.namespace().isEmpty() && (o.group().equals("apps") || o.group().isEmpty() && o.kind().equals("Service"))) {
                claimable.computeIfAbsent(o.namespace(), n -> new HashSet<>()).add(o.name());
            }
        }
        List<CanaryOwnedFields.Claim> claims = new ArrayList<>();
        for (Map.Entry<String, Set<String>> ns : claimable.entrySet()) {
            for (KubeObject o : cluster.list(CANARY, ns.getKey(), LabelSelector.everything())) {
                if (!ns.getValue().contains(o.spec().path("targetRef").path("name").asText())
                        && !ns.getValue().contains(o.spec().path("service").path("name").asText())) {
                    continue;
                }
                try {
                    Canary c = MODELS.get(CANARY, Canary.class).parse(MODELS.toLatest(o)).value();
                    claims.add(new CanaryOwnedFields.Claim(c.namespace(), c.spec().targetRef().kind(), c.targetName(), c.apexName()));
                } catch (RuntimeException e) {
                    // An invalid Canary claims nothing; its own reconciler reports the error.
                }
            }
        }
        return claims;
    }
}
