package dev.sluice.delivery.routing;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchListener;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The real embedded store (in memory, server-side apply with field managers, optimistic locking)
 * with a few conveniences for router tests: storing YAML as another actor would, requiring an
 * object, and counting writes through the store's resourceVersion (an apply that changes nothing
 * writes nothing).
 */
public final class TestCluster implements Cluster {

    private final EmbeddedCluster store = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new SplittableRandom(7));

    /** A store with the namespaces the tests use. */
    public TestCluster() {
        for (String ns : List.of("test", "monitoring")) {
            store.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}"));
        }
    }

    /** Creates {@code yaml} as it is, as a user or another controller would. */
    public KubeObject put(String yaml) {
        return create(KubeObject.parse(yaml));
    }

    public KubeObject require(GroupKind kind, String namespace, String name) {
        return get(new ObjectKey(kind, namespace, name)).orElseThrow(() -> new AssertionError(kind + " "
                + namespace + "/" + name + " not stored"));
    }

    /** A number that grows with every write the store performs. */
    public int writes() {
        return Integer.parseInt(store.currentResourceVersion());
    }

    /** Every object of the kinds routers write and read. */
    public List<KubeObject> all() {
        return java.util.stream.Stream.of(GroupKind.of("", "Service"), GroupKind.of("split.smi-spec.io", "TrafficSplit"),
                        GroupKind.of("specs.smi-spec.io", "HTTPRouteGroup"), GroupKind.of("gateway.networking.k8s.io", "HTTPRoute"),
                        GroupKind.of("networking.k8s.io", "Ingress"), GroupKind.of("networking.istio.io", "VirtualService"),
                        GroupKind.of("networking.istio.io", "DestinationRule"))
                .flatMap(k -> store.list(k, "", LabelSelector.everything()).stream()).toList();
    }

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        return store.get(key);
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return store.list(kind, namespace, selector);
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        return store.apply(desired, options);
    }

    @Override
    public KubeObject create(KubeObject object) {
        return store.create(object);
    }

    @Override
    public KubeObject update(KubeObject object) {
        return store.update(object);
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return store.updateStatus(object);
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        store.delete(key, options);
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        return store.watch(kind, namespace, resourceVersion, listener);
    }

    @Override
    public String currentResourceVersion() {
        return store.currentResourceVersion();
    }

    @Override
    public void recordEvent(EventRecord event) {
        store.recordEvent(event);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return store.events(involved);
    }
}
