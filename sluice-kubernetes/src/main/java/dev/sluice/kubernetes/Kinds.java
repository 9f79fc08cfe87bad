package dev.sluice.kubernetes;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ClusterException;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a kind into the REST coordinates fabric8 needs (version, plural, scope). Kinds in
 * {@link ResourceTypes} are resolved from it; the version of a kind outside the core group is the
 * first of its versions the API server serves (Linkerd's SMI extension serves TrafficSplit
 * {@code v1alpha2}, not the newest {@code v1alpha4}), found once by discovery. Kinds nobody registered
 * are found by discovery and registered. Only successes are cached, so a CRD installed later is found.
 * Thread-safe.
 */
final class Kinds {

    private final KubernetesClient client;
    private final ResourceTypes types;
    private final Map<GroupKind, ResourceDefinitionContext> preferred = new ConcurrentHashMap<>();
    private final Map<String, List<String>> servedVersions = new ConcurrentHashMap<>();

    Kinds(KubernetesClient client, ResourceTypes types) {
        this.client = client;
        this.types = types;
    }

    /** The coordinates of {@code kind} in the version to read it in. */
    ResourceDefinitionContext of(GroupKind kind) {
        ResourceDefinitionContext known = preferred.get(kind);
        if (known != null) {
            return known;
        }
        ResourceDefinitionContext resolved = resolve(kind);
        preferred.put(kind, resolved);
        return resolved;
    }

    /** The coordinates of {@code kind} in a given version (that of an object being written). */
    ResourceDefinitionContext of(GroupKind kind, String version) {
        ResourceType t = types.get(kind).orElseGet(() -> discover(kind, List.of(version)));
        return context(t, version);
    }

    /** Whether objects of {@code kind} live in namespaces. */
    boolean namespaced(GroupKind kind) {
        return of(kind).isNamespaceScoped();
    }

    private ResourceDefinitionContext resolve(GroupKind kind) {
        ResourceType t = types.get(kind).orElse(null);
        if (t != null && kind.group().isEmpty()) {
            return context(t, t.versions().get(0));
        }
        List<String> served = served(kind.group());
        if (t == null) {
            t = discover(kind, served);
        }
        for (String v : t.versions()) {
            if (served.contains(v)) {
                return context(t, v);
            }
        }
        // Discovery said nothing useful (an aggregated API that is down, or a test server): use the newest.
        return context(t, served.isEmpty() ? t.versions().get(0) : served.get(0));
    }

    /** The versions the server serves for a group, preferred first; empty when discovery fails. */
    private List<String> served(String group) {
        List<String> cached = servedVersions.get(group);
        if (cached != null) {
            return cached;
        }
        try {
            APIGroup g = client.getApiGroup(group);
            if (g == null || g.getVersions() == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            if (g.getPreferredVersion() != null) {
                out.add(g.getPreferredVersion().getVersion());
            }
            for (GroupVersionForDiscovery v : g.getVersions()) {
                if (!out.contains(v.getVersion())) {
                    out.add(v.getVersion());
                }
            }
            servedVersions.put(group, List.copyOf(out));
            return out;
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    /** Finds an unregistered kind in the API server's resource lists and registers it. */
    private ResourceType discover(GroupKind kind, List<String> versions) {
        for (String v : versions) {
            String gv = kind.group().isEmpty() ? v : kind.group() + "/" + v;
            APIResourceList list;
            try {
                list = client.getApiResources(gv);
            } catch (KubernetesClientException e) {
                continue;
            }
            if (list == null || list.getResources() == null) {
                continue;
            }
            for (APIResource r : list.getResources()) {
                if (kind.kind().equals(r.getKind()) && !r.getName().contains("/")) {
                    List<String> all = new ArrayList<>(versions);
                    ResourceType t = new ResourceType(kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced()),
                            all, r.getShortNames() == null ? List.of() : r.getShortNames());
                    types.register(t);
                    return t;
                }
            }
        }
        throw new ClusterException(ClusterException.Reason.NOT_FOUND, null,
                "the API server serves no kind " + kind + (versions.isEmpty() ? "" : " in versions " + versions)
                        + "; is its CustomResourceDefinition installed?");
    }

    private static ResourceDefinitionContext context(ResourceType t, String version) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(t.group())
                .withVersion(version)
                .withKind(t.kind())
                .withPlural(t.plural())
                .withNamespaced(t.namespaced())
                .build();
    }
}
