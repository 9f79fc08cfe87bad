package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The differences between two {@link WorkloadSpec}s, field by field, for people: lists of named
 * items (containers, env vars, volumes, ports) are matched by name and shown as
 * {@code spec.containers[face].env[COLOR].value}; config data as {@code configmap/face-config.data.COLOR}.
 * A Secret's values are never shown, only that they differ. Pure.
 */
public final class SpecDiff {

    /** A field and its value on each side; null when a side does not have it. */
    public record Difference(String field, String git, String cluster) {
    }

    /** kustomize's name hash suffix ({@code -<10 characters>}), to pair a generated config across revisions. */
    private static final Pattern HASH_SUFFIX = Pattern.compile("-[a-z0-9]{10}$");

    private SpecDiff() {
    }

    /** What Git declares ({@code git}) against what the cluster runs ({@code cluster}). */
    public static List<Difference> between(WorkloadSpec git, WorkloadSpec cluster) {
        List<Difference> out = new ArrayList<>();
        walk("", git.template(), cluster.template(), out);
        configs(git.configs(), cluster.configs(), out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a == null && b == null) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            if (named(a) && named(b)) {
                Set<String> names = new LinkedHashSet<>();
                a.forEach(x -> names.add(x.path("name").asText()));
                b.forEach(x -> names.add(x.path("name").asText()));
                for (String n : names) {
                    walk(path + "[" + n + "]", byName(a, n), byName(b, n), out);
                }
            } else if (a.size() == b.size()) {
                for (int i = 0; i < a.size(); i++) {
                    walk(path + "[" + i + "]", a.get(i), b.get(i), out);
                }
            } else {
                out.add(new Difference(path, show(a), show(b)));
            }
            return;
        }
        if (a == null || b == null || !PodTemplates.covers(a, b) || !PodTemplates.covers(b, a)) {
            out.add(new Difference(path, show(a), show(b)));
        }
    }

    private static void configs(Map<String, ConfigData> git, Map<String, ConfigData> cluster, List<Difference> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigData g : git.values()) {
            Optional<ConfigData> c = Optional.ofNullable(cluster.get(g.key())).or(() -> pair(g, cluster));
            if (c.isEmpty()) {
                out.add(new Difference(g.key(), g.checksum(), null));
                continue;
            }
            seen.add(c.get().key());
            String label = g.key().equals(c.get().key()) ? g.key() : g.key() + " (cluster: " + c.get().name() + ")";
            if (g.isSecret()) {
                if (!g.data().equals(c.get().data())) {
                    out.add(new Difference(label + ".data", "checksum " + g.checksum(), "checksum " + c.get().checksum()));
                }
                continue;
            }
            Set<String> keys = new LinkedHashSet<>(g.data().keySet());
            keys.addAll(c.get().data().keySet());
            for (String k : keys) {
                String gv = g.data().get(k);
                String cv = c.get().data().get(k);
                if (gv == null || !gv.equals(cv)) {
                    out.add(new Difference(label + ".data." + k, gv, cv));
                }
            }
        }
        cluster.values().stream().filter(c -> !git.containsKey(c.key()) && !seen.contains(c.key()))
                .forEach(c -> out.add(new Difference(c.key(), null, c.checksum())));
    }

    /** The cluster's config of the same kind whose name differs only by the hash suffix, if exactly one. */
    private static Optional<ConfigData> pair(ConfigData g, Map<String, ConfigData> cluster) {
        String base = HASH_SUFFIX.matcher(g.key()).replaceFirst("");
        List<ConfigData> same = cluster.values().stream()
                .filter(c -> HASH_SUFFIX.matcher(c.key()).replaceFirst("").equals(base)).toList();
        return same.size() == 1 ? Optional.of(same.get(0)) : Optional.empty();
    }

    private static boolean named(JsonNode array) {
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode x : array) {
            if (!x.path("name").isTextual() || !names.add(x.path("name").asText())) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode x : array) {
            if (x.path("name").asText().equals(name)) {
                return x;
            }
        }
        return null;
    }

    private static String show(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : Json.write(n);
    }
}
