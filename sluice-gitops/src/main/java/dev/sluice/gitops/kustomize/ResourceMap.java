package dev.sluice.gitops.kustomize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources accumulated by a build, in order, indexed by current id and by every previous id
 * so that lookups stay O(1) however large the build. Mutable, owned by one build.
 */
final class ResourceMap {

    private final List<Resource> list = new ArrayList<>();
    private Map<String, List<Resource>> byAnyId; // lazily rebuilt after renames

    List<Resource> resources() {
        return list;
    }

    int size() {
        return list.size();
    }

    /** Adds a resource; an equal current id already present is an error, as in kustomize. */
    void append(Resource r) {
        ResId id = r.id();
        for (Resource other : lookup(id)) {
            if (other.id().sameAs(id)) {
                throw new KustomizeException("may not add resource with an already registered id: " + id);
            }
        }
        list.add(r);
        if (byAnyId != null) {
            index(r);
        }
    }

    void appendAll(ResourceMap other) {
        for (Resource r : other.list) {
            append(r);
        }
    }

    void remove(Resource r) {
        list.remove(r);
        byAnyId = null;
    }

    /** Resources whose current or any previous id equals {@code id}. */
    List<Resource> matchingAnyId(ResId id) {
        List<Resource> out = new ArrayList<>(1);
        for (Resource r : lookup(id)) {
            if (r.hasAnyId(id) && !out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Call after renaming or re-namespacing resources. */
    void invalidate() {
        byAnyId = null;
    }

    void clear() {
        list.clear();
        byAnyId = null;
    }

    private List<Resource> lookup(ResId id) {
        if (byAnyId == null) {
            byAnyId = new HashMap<>(list.size() * 2);
            for (Resource r : list) {
                index(r);
            }
        }
        return byAnyId.getOrDefault(id.key(), List.of());
    }

    private void index(Resource r) {
        byAnyId.computeIfAbsent(r.id().key(), k -> new ArrayList<>(1)).add(r);
        for (ResId p : r.prevIds) {
            byAnyId.computeIfAbsent(p.key(), k -> new ArrayList<>(1)).add(r);
        }
    }
}
