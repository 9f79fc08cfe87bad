package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A path to one managed field, as {@code fieldsV1} spells its steps: {@code f:<field>} for a field
 * of a map, {@code k:<json>} for the item of an associative list with those key values,
 * {@code v:<json>} for the item of a set list. Immutable; a child shares its parent (paths are built
 * by the thousand while walking objects), and its hash is computed once.
 */
public final class ManagedPath {

    private static final ManagedPath ROOT = new ManagedPath(null, null);

    private final ManagedPath parent;
    private final String element;
    private final int size;
    private final int hash;

    private ManagedPath(ManagedPath parent, String element) {
        this.parent = parent;
        this.element = element;
        this.size = parent == null ? 0 : parent.size + 1;
        this.hash = parent == null ? 1 : 31 * parent.hash + element.hashCode();
    }

    public static ManagedPath root() {
        return ROOT;
    }

    /** A path of field names only, e.g. {@code of("spec", "replicas")}. */
    public static ManagedPath of(String... fields) {
        ManagedPath p = ROOT;
        for (String f : fields) {
            p = p.field(f);
        }
        return p;
    }

    /** A path of raw steps such as {@code f:spec}, {@code k:{"name":"x"}}. */
    public static ManagedPath ofElements(List<String> elements) {
        ManagedPath p = ROOT;
        for (String e : elements) {
            p = p.child(e);
        }
        return p;
    }

    public ManagedPath field(String name) {
        return child("f:" + name);
    }

    /** The item of an associative list whose key fields have these values (sorted by name, as Kubernetes does). */
    public ManagedPath key(Map<String, JsonNode> keys) {
        return child(keyElement(keys));
    }

    static String keyElement(Map<String, JsonNode> keys) {
        ObjectNode k = Json.object();
        new TreeMap<>(keys).forEach((name, value) -> k.set(name, Values.canonical(value)));
        return "k:" + Json.write(k);
    }

    /** The item of a set list with this value. */
    public ManagedPath value(JsonNode v) {
        return child(valueElement(v));
    }

    static String valueElement(JsonNode v) {
        return "v:" + Json.write(Values.canonical(v));
    }

    ManagedPath child(String e) {
        return new ManagedPath(this, e);
    }

    /** The steps from the root. */
    public List<String> elements() {
        String[] out = new String[size];
        ManagedPath p = this;
        for (int i = size - 1; i >= 0; i--) {
            out[i] = p.element;
            p = p.parent;
        }
        return Arrays.asList(out);
    }

    public boolean isRoot() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public String last() {
        return element;
    }

    public ManagedPath parent() {
        return parent;
    }

    /** The prefix of this path with {@code n} steps. */
    public ManagedPath prefix(int n) {
        ManagedPath p = this;
        while (p.size > n) {
            p = p.parent;
        }
        return p;
    }

    public boolean startsWith(ManagedPath prefix) {
        return prefix.size <= size && prefix(prefix.size).equals(prefix);
    }

    /** The field name of an {@code f:} step. */
    static String fieldName(String element) {
        return element.substring(2);
    }

    static boolean isField(String element) {
        return element.startsWith("f:");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ManagedPath other) || other.hash != hash || other.size != size) {
            return false;
        }
        ManagedPath a = this;
        ManagedPath b = other;
        while (a != b && a.size > 0) {
            if (!a.element.equals(b.element)) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * As Kubernetes prints paths in conflict messages:
     * {@code .spec.template.spec.containers[name="web"].image}, {@code .metadata.finalizers[="x"]}.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String e : elements()) {
            String body = e.substring(2);
            switch (e.charAt(0)) {
                case 'f' -> b.append('.').append(body);
                case 'k' -> {
                    b.append('[');
                    ObjectNode keys = Json.parseObject(body);
                    List<String> parts = new ArrayList<>();
                    keys.properties().forEach(p -> parts.add(p.getKey() + "=" + p.getValue()));
                    b.append(String.join(",", parts)).append(']');
                }
                case 'v' -> b.append("[=").append(body).append(']');
                default -> b.append('[').append(body).append(']');
            }
        }
        return b.isEmpty() ? "." : b.toString();
    }
}
