package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A path to one managed field, as {@code fieldsV1} spells its steps: {@code f:<field>} for a field
 * of a map, {@code k:<json>} for the item of an associative list with those key values,
 * {@code v:<json>} for the item of a set list. Immutable.
 */
public record ManagedPath(List<String> elements) {

    private static final ManagedPath ROOT = new ManagedPath(List.of());

    public ManagedPath {
        elements = List.copyOf(elements);
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

    public ManagedPath field(String name) {
        return child("f:" + name);
    }

    /** The item of an associative list whose key fields have these values (sorted by name, as Kubernetes does). */
    public ManagedPath key(Map<String, JsonNode> keys) {
        ObjectNode k = Json.object();
        new TreeMap<>(keys).forEach((name, value) -> k.set(name, Values.canonical(value)));
        return child("k:" + Json.write(k));
    }

    /** The item of a set list with this value. */
    public ManagedPath value(JsonNode v) {
        return child("v:" + Json.write(Values.canonical(v)));
    }

    ManagedPath child(String element) {
        List<String> next = new ArrayList<>(elements.size() + 1);
        next.addAll(elements);
        next.add(element);
        return new ManagedPath(Collections.unmodifiableList(next));
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public int size() {
        return elements.size();
    }

    public String last() {
        return elements.get(elements.size() - 1);
    }

    public ManagedPath parent() {
        return new ManagedPath(elements.subList(0, elements.size() - 1));
    }

    public boolean startsWith(ManagedPath prefix) {
        return prefix.elements.size() <= elements.size() && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
    }

    /** The field name of an {@code f:} step. */
    static String fieldName(String element) {
        return element.substring(2);
    }

    static boolean isField(String element) {
        return element.startsWith("f:");
    }

    /**
     * As Kubernetes prints paths in conflict messages:
     * {@code .spec.template.spec.containers[name="web"].image}, {@code .metadata.finalizers[="x"]}.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String e : elements) {
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
