package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of managed paths: what one field manager owns. Converts to and from Kubernetes'
 * {@code fieldsV1} format, where each path is a chain of nested keys, an owned leaf is {@code {}},
 * and {@code ".": {}} marks an owned node that also has owned children (a list item). Immutable.
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet(Set.of());

    private final Set<ManagedPath> paths;

    private FieldSet(Set<ManagedPath> paths) {
        this.paths = paths;
    }

    public static FieldSet empty() {
        return EMPTY;
    }

    public static FieldSet of(Collection<ManagedPath> paths) {
        return paths.isEmpty() ? EMPTY : new FieldSet(Collections.unmodifiableSet(new LinkedHashSet<>(paths)));
    }

    public static FieldSet of(ManagedPath... paths) {
        return of(java.util.List.of(paths));
    }

    public Set<ManagedPath> paths() {
        return paths;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    public boolean contains(ManagedPath p) {
        return paths.contains(p);
    }

    public FieldSet union(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        Set<ManagedPath> out = new LinkedHashSet<>(paths);
        out.addAll(other.paths);
        return of(out);
    }

    public FieldSet minus(Collection<ManagedPath> other) {
        if (other.isEmpty() || paths.isEmpty()) {
            return this;
        }
        Set<ManagedPath> out = new LinkedHashSet<>(paths);
        out.removeAll(other);
        return out.size() == paths.size() ? this : of(out);
    }

    public FieldSet minus(FieldSet other) {
        return minus(other.paths);
    }

    public FieldSet intersect(Collection<ManagedPath> other) {
        Set<ManagedPath> out = new LinkedHashSet<>();
        for (ManagedPath p : paths) {
            if (other.contains(p)) {
                out.add(p);
            }
        }
        return of(out);
    }

    /** Every path of this set and every prefix of one: "is anything at or below this path owned?". */
    Set<ManagedPath> withPrefixes() {
        Set<ManagedPath> out = new HashSet<>();
        for (ManagedPath p : paths) {
            ManagedPath q = p;
            while (!q.isRoot() && out.add(q)) {
                q = q.parent();
            }
        }
        return out;
    }

    /** The {@code fieldsV1} tree, keys sorted as the API server writes them. */
    public ObjectNode toFieldsV1() {
        Node root = new Node();
        for (ManagedPath p : paths) {
            Node n = root;
            for (String e : p.elements()) {
                n = n.children.computeIfAbsent(e, k -> new Node());
            }
            n.member = true;
        }
        return root.toJson();
    }

    /**
     * Reads a {@code fieldsV1} tree.
     *
     * @throws IllegalArgumentException when a key is not an {@code f:}, {@code k:}, {@code v:} or
     *                                  {@code i:} step or a value is not a mapping
     */
    public static FieldSet fromFieldsV1(JsonNode tree) {
        Set<ManagedPath> out = new LinkedHashSet<>();
        if (tree != null && tree.isObject()) {
            read(tree, ManagedPath.root(), out);
        }
        return of(out);
    }

    private static void read(JsonNode node, ManagedPath at, Set<ManagedPath> out) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("fieldsV1 at " + at + ": expected a mapping, got " + node.getNodeType());
        }
        if (node.isEmpty() && !at.isRoot()) {
            out.add(at);
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String k = e.getKey();
            if (k.equals(".")) {
                if (!at.isRoot()) {
                    out.add(at);
                }
            } else if (k.length() > 2 && k.charAt(1) == ':' && "fkvi".indexOf(k.charAt(0)) >= 0) {
                read(e.getValue(), at.child(k), out);
            } else {
                throw new IllegalArgumentException("fieldsV1 at " + at + ": '" + k
                        + "' is not a path step; expected f:<field>, k:<keys>, v:<value> or i:<index>");
            }
        }
    }

    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        boolean member;

        ObjectNode toJson() {
            ObjectNode o = Json.object();
            if (member && !children.isEmpty()) {
                o.putObject(".");
            }
            children.forEach((k, v) -> o.set(k, v.toJson()));
            return o;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && f.paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }

    @Override
    public String toString() {
        return paths.toString();
    }
}
