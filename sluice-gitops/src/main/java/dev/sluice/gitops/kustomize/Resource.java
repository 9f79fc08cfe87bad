package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One object in a build, with what the build remembers about it: the ids it had before renames
 * (so references to old names can be rewritten), the prefixes and suffixes applied, and for
 * generated ConfigMaps and Secrets whether a content hash is still to be appended. Mutable, owned
 * by one build.
 */
final class Resource {

    ObjectNode obj;
    final List<ResId> prevIds = new ArrayList<>();
    final List<String> prefixes = new ArrayList<>();
    final List<String> suffixes = new ArrayList<>();
    boolean needsHash;
    /** Names of the (deprecated) vars whose value comes from this object. */
    final List<String> refVarNames = new ArrayList<>();
    /** Generator behavior (create, merge, replace) if generated, else null. */
    String behavior;

    Resource(ObjectNode obj) {
        this.obj = obj;
    }

    ResId id() {
        return ResId.of(obj);
    }

    /** The first id this resource had in the build. */
    ResId orgId() {
        return prevIds.isEmpty() ? id() : prevIds.get(0);
    }

    /** Remembers the current id before a rename or a namespace change. */
    void storePreviousId() {
        prevIds.add(id());
    }

    /** True if the current id or any previous one is {@code id}. */
    boolean hasAnyId(ResId id) {
        if (id().sameAs(id)) {
            return true;
        }
        for (ResId p : prevIds) {
            if (p.sameAs(id)) {
                return true;
            }
        }
        return false;
    }

    String name() {
        return obj.path("metadata").path("name").asText("");
    }

    String kind() {
        return obj.path("kind").asText("");
    }

    ObjectNode metadata() {
        return Json.childObject(obj, "metadata");
    }

    void setName(String name) {
        metadata().put("name", name);
    }

    Resource deepCopy() {
        Resource r = new Resource(obj.deepCopy());
        r.prevIds.addAll(prevIds);
        r.prefixes.addAll(prefixes);
        r.suffixes.addAll(suffixes);
        r.refVarNames.addAll(refVarNames);
        r.needsHash = needsHash;
        r.behavior = behavior;
        return r;
    }

    /** kustomize's PrefixesSuffixesEquals. */
    boolean prefixesSuffixesEqual(Resource o, boolean allowEmpty) {
        boolean p = (allowEmpty && (prefixes.isEmpty() || o.prefixes.isEmpty())) || sameEnding(prefixes, o.prefixes);
        boolean s = (allowEmpty && (suffixes.isEmpty() || o.suffixes.isEmpty())) || sameEnding(suffixes, o.suffixes);
        return p && s;
    }

    /** The shorter list is the tail of the longer one. */
    private static boolean sameEnding(List<String> a, List<String> b) {
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = a.size() <= b.size() ? b : a;
        return longer.subList(longer.size() - shorter.size(), longer.size()).equals(shorter);
    }
}
