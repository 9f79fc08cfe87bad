package dev.sluice.local.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the ready replicas per workload and publishes a new {@link EndpointSnapshot} whenever they
 * change. Thread-safe: publishing and subscribing are serialized, so listeners see snapshots in
 * version order and never concurrently.
 */
public final class EndpointPublisher implements EndpointSource {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointPublisher.class);

    private final Map<String, List<ReadyEndpoint>> byWorkload = new TreeMap<>();
    private final List<Consumer<EndpointSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile EndpointSnapshot current = EndpointSnapshot.empty();

    @Override
    public EndpointSnapshot current() {
        return current;
    }

    @Override
    public synchronized Subscription subscribe(Consumer<EndpointSnapshot> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        deliver(listener, current);
        return () -> listeners.remove(listener);
    }

    /**
     * Replaces the ready replicas of one workload; an empty list removes it. Publishes only when
     * something changed.
     *
     * @return whether a new snapshot was published
     */
    public synchronized boolean publish(String namespace, String kind, String workload, List<ReadyEndpoint> ready) {
        String key = namespace + "/" + kind + "/" + workload;
        List<ReadyEndpoint> sorted = ready.stream().sorted(EndpointSnapshot.ORDER).toList();
        List<ReadyEndpoint> before = byWorkload.getOrDefault(key, List.of());
        if (before.equals(sorted)) {
            return false;
        }
        if (sorted.isEmpty()) {
            byWorkload.remove(key);
        } else {
            byWorkload.put(key, sorted);
        }
        List<ReadyEndpoint> all = new ArrayList<>();
        byWorkload.values().forEach(all::addAll);
        current = new EndpointSnapshot(current.version() + 1, all);
        for (Consumer<EndpointSnapshot> l : listeners) {
            deliver(l, current);
        }
        return true;
    }

    private static void deliver(Consumer<EndpointSnapshot> listener, EndpointSnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.warn("endpoint listener failed on snapshot {}", snapshot.version(), e);
        }
    }
}
