package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Kubernetes object of any kind, held as an unstructured JSON tree. Immutable: the tree is copied
 * in and never changed; {@link #edit} returns a changed copy. Every field a user wrote is kept, so
 * objects round-trip without loss. The typed records in the {@code dev.sluice.api.*} packages are
 * read-only views parsed from it.
 */
public final class KubeObject {

    private final ObjectNode node;

    private KubeObject(ObjectNode node) {
        this.node = node;
    }

    /**
     * A copy of {@code tree} as an object.
     *
     * @throws InvalidInputException when it is not an object with apiVersion, kind and metadata.name
     */
    public static KubeObject of(JsonNode tree) {
        if (!(tree instanceof ObjectNode o)) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.root(),
                    "expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got "
                            + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase())));
        }
        List<Diagnostic> problems = new ArrayList<>();
        requireText(o, "apiVersion", FieldPath.root().child("apiVersion"), problems);
        requireText(o, "kind", FieldPath.root().child("kind"), problems);
        JsonNode meta = o.path("metadata");
        if (!meta.isObject()) {
            problems.add(Diagnostic.error(FieldPath.root().child("metadata"), "required mapping with at least a name"));
        } else if (!meta.path("name").isTextual() || meta.path("name").asText().isEmpty()) {
            problems.add(Diagnostic.error(FieldPath.of("metadata.name"),
                    "required non-empty string, got " + describe(meta.path("name"))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new KubeObject(o.deepCopy());
    }

    /**
     * Like {@link #of}, without copying: the caller hands {@code tree} over and must neither keep
     * nor change it afterwards. For code that has just built or parsed the tree (a store reading
     * 100,000 objects back, a write path that edits a private copy).
     *
     * @throws InvalidInputException when it is not an object with apiVersion, kind and metadata.name
     */
    public static KubeObject ofOwned(ObjectNode tree) {
        if (tree.path("apiVersion").isTextual() && tree.path("kind").isTextual()
                && tree.path("metadata").path("name").isTextual() && !tree.path("apiVersion").asText().isEmpty()
                && !tree.path("kind").asText().isEmpty() && !tree.path("metadata").path("name").asText().isEmpty()) {
            return new KubeObject(tree);
        }
        return of(tree);
    }

    /** Parses one YAML or JSON document. */
    public static KubeObject parse(String yaml) {
        return of(Yaml.readOne(yaml, "").content());
    }

    private static void requireText(ObjectNode o, String field, FieldPath path, List<Diagnostic> problems) {
        JsonNode v = o.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            problems.add(Diagnostic.error(path, "required non-empty string, got " + describe(v)));
        }
    }

    private static String describe(JsonNode v) {
        return v.isMissingNode() ? "nothing" : v.isTextual() ? "'" + v.asText() + "'" : v.toString();
    }

    public String apiVersion() {
        return node.path("apiVersion").asText();
    }

    public String kind() {
        return node.path("kind").asText();
    }

    public GroupKind groupKind() {
        return GroupKind.fromApiVersion(apiVersion(), kind());
    }

    public String group() {
        return GroupKind.groupOf(apiVersion());
    }

    public String version() {
        return GroupKind.versionOf(apiVersion());
    }

    public String name() {
        return metadata().path("name").asText();
    }

    /** The namespace, or "" when none is set. */
    public String namespace() {
        return metadata().path("namespace").asText("");
    }

    public ObjectKey key() {
        return new ObjectKey(groupKind(), namespace(), name());
    }

    public JsonNode metadata() {
        return node.path("metadata");
    }

    public String uid() {
        return metadata().path("uid").asText("");
    }

    public String resourceVersion() {
        return metadata().path("resourceVersion").asText("");
    }

    public long generation() {
        return metadata().path("generation").asLong(0);
    }

    public Optional<String> deletionTimestamp() {
        JsonNode t = metadata().path("deletionTimestamp");
        return t.isTextual() ? Optional.of(t.asText()) : Optional.empty();
    }

    public boolean isDeleting() {
        return deletionTimestamp().isPresent();
    }

    public Map<String, String> labels() {
        return stringMap(metadata().path("labels"));
    }

    public Map<String, String> annotations() {
        return stringMap(metadata().path("annotations"));
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(labels().get(key));
    }

    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations().get(key));
    }

    public List<String> finalizers() {
        List<String> out = new ArrayList<>();
        metadata().path("finalizers").forEach(f -> out.add(f.asText()));
        return Collections.unmodifiableList(out);
    }

    public List<OwnerReference> ownerReferences() {
        List<OwnerReference> out = new ArrayList<>();
        for (JsonNode r : metadata().path("ownerReferences")) {
            out.add(OwnerReference.from(r));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The value at a JSON pointer such as {@code /spec/replicas}, or a missing node. The returned
     * node belongs to this object: read it, never change it.
     */
    public JsonNode at(String pointer) {
        return node.at(pointer);
    }

    /** A top-level field such as {@code spec} or {@code status}; a missing node when absent. Read only. */
    public JsonNode field(String name) {
        JsonNode v = node.get(name);
        return v == null ? MissingNode.getInstance() : v;
    }

    public JsonNode spec() {
        return field("spec");
    }

    public JsonNode status() {
        return field("status");
    }

    /** A deep copy of the whole tree, free to change. */
    public ObjectNode toNode() {
        return node.deepCopy();
    }

    /** A copy changed by {@code editor}; this object stays as it is. */
    public KubeObject edit(Consumer<ObjectNode> editor) {
        ObjectNode copy = node.deepCopy();
        editor.accept(copy);
        return ofOwned(copy);
    }

    /** A copy with {@code metadata.<field>} set to a string. */
    public KubeObject withMetadata(String field, String value) {
        return edit(n -> ((ObjectNode) n.with("metadata")).put(field, value));
    }

    /** A copy whose {@code status} is replaced by {@code status}. */
    public KubeObject withStatus(JsonNode status) {
        return edit(n -> n.set("status", status.deepCopy()));
    }

    public String toJson() {
        return Json.write(node);
    }

    private static Map<String, String> stringMap(JsonNode n) {
        if (!n.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(out);
    }

    /** Appends {@code value} to the array at {@code field} of {@code parent}, creating it. */
    public static ArrayNode arrayOf(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        if (existing instanceof ArrayNode a) {
            return a;
        }
        return parent.putArray(field);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KubeObject k && k.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return kind() + "/" + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }
}
