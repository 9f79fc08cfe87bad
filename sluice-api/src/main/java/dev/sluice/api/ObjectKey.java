package dev.sluice.api;

import java.util.Objects;

/**
 * Identifies one stored object. {@code namespace} is the empty string for cluster-scoped objects.
 */
public record ObjectKey(GroupKind groupKind, String namespace, String name) implements Comparable<ObjectKey> {

    public ObjectKey {
        Objects.requireNonNull(groupKind, "groupKind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    public static ObjectKey of(String group, String kind, String namespace, String name) {
        return new ObjectKey(new GroupKind(group, kind), namespace, name);
    }

    public boolean clusterScoped() {
        return namespace.isEmpty();
    }

    /**
     * Flux's inventory id: {@code <namespace>_<name>_<group>_<Kind>}, e.g.
     * {@code default_podinfo_apps_Deployment} or {@code _foo__Namespace}.
     */
    public String inventoryId() {
        return namespace + "_" + name + "_" + groupKind.group() + "_" + groupKind.kind();
    }

    /** Parses {@link #inventoryId()}; names and namespaces never contain '_', kinds and groups neither. */
    public static ObjectKey fromInventoryId(String id) {
        String[] parts = id.split("_", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("inventory id '" + id + "' must have the form <namespace>_<name>_<group>_<Kind>");
        }
        return new ObjectKey(new GroupKind(parts[2], parts[3]), parts[0], parts[1]);
    }

    /** {@code Kind/namespace/name} or {@code Kind/name}, as {@code flux tree} prints it. */
    @Override
    public String toString() {
        return namespace.isEmpty()
                ? groupKind.kind() + "/" + name
                : groupKind.kind() + "/" + namespace + "/" + name;
    }

    @Override
    public int compareTo(ObjectKey o) {
        int c = groupKind.compareTo(o.groupKind);
        if (c != 0) {
            return c;
        }
        c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }
}
