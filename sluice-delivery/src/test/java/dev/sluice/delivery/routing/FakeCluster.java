package dev.sluice.delivery.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory {@link Cluster} for router tests (the real embedded store is not on main yet).
 * Server-side apply is simplified: mappings merge recursively, lists and scalars are replaced, and
 * paths this manager applied last time but no longer applies are removed. Every write is counted so
 * tests can assert idempotence. Thread-safe by synchronization.
 */
public final class FakeCluster implements Cluster {

    private final Map<ObjectKey, KubeObject> objects = new TreeMap<>();
    private final Map<ObjectKey, Map<String, Set<String>>> applied = new HashMap<>();
    private final AtomicLong versions = new AtomicLong(100);
    private final List<EventRecord> events = new ArrayList<>();
    private int writes;

    /** Stores {@code yaml} as it is (uid and resourceVersion added), as a user or another controller would. */
    public synchronized KubeObject put(String yaml) {
        return create(KubeObject.parse(yaml));
    }

    public synchronized KubeObject require(GroupKind kind, String namespace, String name) {
        return get(new ObjectKey(kind, namespace, name)).orElseThrow(() -> new AssertionError(kind + " "
                + namespace + "/" + name + " not stored; have " + objects.keySet()));
    }

    /** How many writes (create, update, apply that changed something) happened so far. */
    public synchronized int writes() {
        return writes;
    }

    public synchronized List<KubeObject> all() {
        return List.copyOf(objects.values());
    }

    @Override
    public synchronized Optional<KubeObject> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public synchronized List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return objects.values().stream().filter(o -> o.groupKind().equals(kind))
                .filter(o -> namespace.isEmpty() || o.namespace().equals(namespace))
                .filter(o -> selector.matches(o.labels())).toList();
    }

    @Override
    public synchronized ApplyResult apply(KubeObject desired, ApplyOptions options) {
        ObjectKey key = desired.key();
        KubeObject existing = objects.get(key);
        Set<String> now = leaves(desired.toNode(), "");
        if (existing == null) {
            KubeObject created = stamp(desired.toNode(), null);
            if (!options.dryRun()) {
                objects.put(key, created);
                applied.computeIfAbsent(key, k -> new HashMap<>()).put(options.fieldManager(), now);
                writes++;
            }
            return new ApplyResult(created, ApplyResult.Action.CREATED);
        }
        ObjectNode merged = existing.toNode();
        Set<String> before = applied.getOrDefault(key, Map.of()).getOrDefault(options.fieldManager(), Set.of());
        for (String path : before) {
            if (!now.contains(path) && now.stream().noneMatch(p -> p.startsWith(path + "/"))) {
                remove(merged, path);
            }
        }
        merge(merged, desired.toNode());
        KubeObject candidate = KubeObject.of(merged);
        if (same(candidate, existing)) {
            return new ApplyResult(existing, ApplyResult.Action.UNCHANGED);
        }
        KubeObject stored = stamp(merged, existing);
        if (!options.dryRun()) {
            objects.put(key, stored);
            applied.computeIfAbsent(key, k -> new HashMap<>()).put(options.fieldManager(), now);
            writes++;
        }
        return new ApplyResult(stored, ApplyResult.Action.CONFIGURED);
    }

    @Override
    public synchronized KubeObject create(KubeObject object) {
        if (objects.containsKey(object.key())) {
            throw new ClusterException(ClusterException.Reason.ALREADY_EXISTS, object.key(), object.key() + " exists");
        }
        KubeObject stored = stamp(object.toNode(), null);
        objects.put(object.key(), stored);
        writes++;
        return stored;
    }

    @Override
    public synchronized KubeObject update(KubeObject object) {
        KubeObject existing = objects.get(object.key());
        if (existing == null) {
            throw ClusterException.notFound(object.key());
        }
        if (!object.resourceVersion().isEmpty() && !object.resourceVersion().equals(existing.resourceVersion())) {
            throw ClusterException.conflict(object.key(), "stale resourceVersion " + object.resourceVersion());
        }
        ObjectNode n = object.toNode();
        if (existing.status().isObject()) {
            n.set("status", existing.status().deepCopy());
        }
        KubeObject stored = stamp(n, existing);
        objects.put(object.key(), stored);
        writes++;
        return stored;
    }

    @Override
    public synchronized KubeObject updateStatus(KubeObject object) {
        KubeObject existing = objects.get(object.key());
        if (existing == null) {
            throw ClusterException.notFound(object.key());
        }
        KubeObject stored = existing.withStatus(object.status()).withMetadata("resourceVersion",
                Long.toString(versions.incrementAndGet()));
        objects.put(object.key(), stored);
        writes++;
        return stored;
    }

    @Override
    public synchronized void delete(ObjectKey key, DeleteOptions options) {
        if (objects.remove(key) == null) {
            throw ClusterException.notFound(key);
        }
        applied.remove(key);
        writes++;
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        throw new UnsupportedOperationException("FakeCluster has no watches");
    }

    @Override
    public String currentResourceVersion() {
        return Long.toString(versions.get());
    }

    @Override
    public synchronized void recordEvent(EventRecord event) {
        events.add(event);
    }

    @Override
    public synchronized List<EventRecord> events(ObjectKey involved) {
        return events.stream().filter(e -> involved == null || e.involved().equals(involved)).toList();
    }

    private KubeObject stamp(ObjectNode n, KubeObject previous) {
        ObjectNode meta = (ObjectNode) n.with("metadata");
        meta.put("uid", previous == null ? "uid-" + n.path("metadata").path("name").asText() : previous.uid());
        meta.put("resourceVersion", Long.toString(versions.incrementAndGet()));
        long generation = previous == null ? 1 : previous.generation()
                + (previous.spec().equals(n.path("spec")) ? 0 : 1);
        meta.put("generation", generation);
        return KubeObject.of(n);
    }

    private static boolean same(KubeObject a, KubeObject b) {
        ObjectNode x = a.toNode();
        ObjectNode y = b.toNode();
        ((ObjectNode) x.with("metadata")).remove(List.of("resourceVersion", "generation", "uid"));
        ((ObjectNode) y.with("metadata")).remove(List.of("resourceVersion", "generation", "uid"));
        return x.equals(y);
    }

    private static Set<String> leaves(JsonNode n, String at) {
        Set<String> out = new HashSet<>();
        if (n.isObject() && !n.isEmpty()) {
            n.properties().forEach(e -> out.addAll(leaves(e.getValue(),
                    at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"))));
        } else if (!at.isEmpty()) {
            out.add(at);
        }
        return out;
    }

    private static void remove(ObjectNode root, String path) {
        String[] parts = path.substring(1).split("/");
        JsonNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.path(unescape(parts[i]));
        }
        if (n instanceof ObjectNode o) {
            o.remove(unescape(parts[parts.length - 1]));
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode f) {
                merge(o, f);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
