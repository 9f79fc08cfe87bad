package dev.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The structural knowledge Sluice has about the built-in Kubernetes kinds, loaded from the data
 * file {@code kubernetes-schema.yaml} next to this class: list merge keys, set lists, cluster
 * scope, name references and namespace-bearing fields.
 *
 * <p>Immutable and thread-safe. {@link #builtin()} loads the file once; {@link #withListKeys}
 * derives an instance with extra keys (for custom kinds described by CRDs or kustomize {@code
 * configurations}).
 */
public final class KubeSchema {

    private static volatile KubeSchema builtin;

    /** "group/Kind" → pod spec path. */
    private final Map<String, List<String>> podSpecs;
    /** "group/Kind|a/b/c" (or "*|a/b") → merge key. */
    private final Map<String, String> listKeys;
    private final Set<String> setLists;
    private final Set<String> clusterScoped;
    private final List<NameReference> nameReferences;
    private final List<NamespaceField> namespaceFields;

    private KubeSchema(
            Map<String, List<String>> podSpecs,
            Map<String, String> listKeys,
            Set<String> setLists,
            Set<String> clusterScoped,
            List<NameReference> nameReferences,
            List<NamespaceField> namespaceFields) {
        this.podSpecs = Map.copyOf(podSpecs);
        this.listKeys = Map.copyOf(listKeys);
        this.setLists = Set.copyOf(setLists);
        this.clusterScoped = Set.copyOf(clusterScoped);
        this.nameReferences = List.copyOf(nameReferences);
        this.namespaceFields = List.copyOf(namespaceFields);
    }

    /** The schema of the built-in kinds. */
    public static KubeSchema builtin() {
        KubeSchema s = builtin;
        if (s == null) {
            synchronized (KubeSchema.class) {
                s = builtin;
                if (s == null) {
                    s = load();
                    builtin = s;
                }
            }
        }
        return s;
    }

    /**
     * The merge key of the list at {@code path} (field names from the object root, no indices) in
     * objects of the given group and kind, if that list is merged by key.
     */
    public Optional<String> listKey(String group, String kind, List<String> path) {
        String p = String.join("/", path);
        String key = listKeys.get(group + "/" + kind + "|" + p);
        if (key == null) {
            key = listKeys.get("*|" + p);
        }
        return Optional.ofNullable(key);
    }

    /** How the list at {@code path} combines under a patch. */
    public ListStrategy listStrategy(String group, String kind, List<String> path) {
        if (listKey(group, kind, path).isPresent()) {
            return ListStrategy.MERGE_BY_KEY;
        }
        String p = String.join("/", path);
        if (setLists.contains(group + "/" + kind + "|" + p) || setLists.contains("*|" + p)) {
            return ListStrategy.SET;
        }
        return ListStrategy.ATOMIC;
    }

    /** True if objects of this group and kind have no namespace. Unknown kinds are namespaced. */
    public boolean isClusterScoped(String group, String kind) {
        return clusterScoped.contains(group + "/" + kind);
    }

    /** The path of the pod spec in objects of this kind, if they hold one. */
    public Optional<List<String>> podSpecPath(String group, String kind) {
        return Optional.ofNullable(podSpecs.get(group + "/" + kind));
    }

    /** Every known name reference, with pod spec paths expanded per workload kind. */
    public List<NameReference> nameReferences() {
        return nameReferences;
    }

    /** Fields that carry a namespace besides {@code metadata.namespace}. */
    public List<NamespaceField> namespaceFields() {
        return namespaceFields;
    }

    /**
     * A copy with extra list keys for the given kind: {@code keys} maps a path ("spec/items") to
     * the key field name. Used for custom kinds.
     */
    public KubeSchema withListKeys(String group, String kind, Map<String, String> keys) {
        Map<String, String> lk = new HashMap<>(listKeys);
        keys.forEach((path, key) -> lk.put(group + "/" + kind + "|" + path, key));
        return new KubeSchema(podSpecs, lk, setLists, clusterScoped, nameReferences, namespaceFields);
    }

    /**
     * A copy that knows no list merge keys and no set lists (scope and name references kept): what
     * kustomize does when a kustomization brings its own OpenAPI schema, which replaces the built-in one.
     */
    public KubeSchema withoutListKeys() {
        return new KubeSchema(podSpecs, Map.of(), Set.of(), clusterScoped, nameReferences, namespaceFields);
    }

    /** A copy with extra name references (kustomize {@code configurations}). */
    public KubeSchema withNameReferences(List<NameReference> extra) {
        List<NameReference> all = new ArrayList<>(nameReferences);
        all.addAll(extra);
        return new KubeSchema(podSpecs, listKeys, setLists, clusterScoped, all, namespaceFields);
    }

    /** A copy in which the given group and kind are cluster-scoped (from a CRD's scope). */
    public KubeSchema withClusterScoped(String group, String kind) {
        Set<String> cs = new HashSet<>(clusterScoped);
        cs.add(group + "/" + kind);
        return new KubeSchema(podSpecs, listKeys, setLists, cs, nameReferences, namespaceFields);
    }

    // ---- loading ----

    private static KubeSchema load() {
        JsonNode root;
        try (InputStream in = KubeSchema.class.getResourceAsStream("kubernetes-schema.yaml")) {
            if (in == null) {
                throw new IllegalStateException("kubernetes-schema.yaml missing from the classpath");
            }
            root = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> podSpecs = new HashMap<>();
        root.get("podSpecs").properties().forEach(e -> podSpecs.put(e.getKey(), SchemaPaths.split(e.getValue().asText())));

        Map<String, String> listKeys = new HashMap<>();
        root.get("listKeys").properties().forEach(e -> {
            for (String owner : expandOwner(e.getKey(), podSpecs)) {
                String[] parts = owner.split("\\|", 2);
                e.getValue().properties().forEach(f -> {
                    String path = parts.length > 1 ? parts[1] + "/" + f.getKey() : f.getKey();
                    listKeys.put(parts[0] + "|" + path, f.getValue().asText());
                });
            }
        });
        Set<String> setLists = new HashSet<>();
        root.get("setLists").properties().forEach(e -> e.getValue().forEach(p -> setLists.add(e.getKey() + "|" + p.asText())));
        Set<String> clusterScoped = new HashSet<>();
        root.get("clusterScoped").forEach(n -> clusterScoped.add(n.asText()));

        List<NameReference> refs = new ArrayList<>();
        for (JsonNode ref : root.get("nameReferences")) {
            KindPattern referral = KindPattern.parse(ref.get("referral").asText());
            for (JsonNode f : ref.get("fields")) {
                String referrer = f.get("referrer").asText();
                List<String> path = SchemaPaths.split(f.get("path").asText());
                if ("{podSpec}".equals(referrer)) {
                    podSpecs.forEach((gk, spec) -> {
                        KindPattern kp = KindPattern.parse(gk);
                        refs.add(new NameReference(referral, new KindPattern("*", kp.kind()), SchemaPaths.concat(spec, path)));
                    });
                } else {
                    refs.add(new NameReference(referral, KindPattern.parse(referrer), path));
                }
            }
        }
        List<NamespaceField> nsFields = new ArrayList<>();
        for (JsonNode f : root.get("namespaceFields")) {
            String when = f.has("when") ? f.get("when").get("kind").asText() : "";
            nsFields.add(new NamespaceField(KindPattern.parse(f.get("referrer").asText()), SchemaPaths.split(f.get("path").asText()), when));
        }
        return new KubeSchema(podSpecs, listKeys, setLists, clusterScoped, dedupe(refs), nsFields);
    }

    /** Pod spec paths differ only by group for some kinds; keep one reference per kind and path. */
    private static List<NameReference> dedupe(List<NameReference> refs) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(refs));
    }

    /** "{podSpec}" becomes one owner per workload kind, each "group/Kind|prefix". */
    private static List<String> expandOwner(String owner, Map<String, List<String>> podSpecs) {
        if (!"{podSpec}".equals(owner)) {
            return List.of(owner);
        }
        List<String> out = new ArrayList<>();
        podSpecs.forEach((gk, path) -> out.add(gk + "|" + String.join("/", path)));
        return out;
    }
}
