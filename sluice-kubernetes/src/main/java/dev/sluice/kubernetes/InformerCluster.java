package dev.sluice.kubernetes;

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
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link KubernetesCluster} with one shared fabric8 informer per watched kind, as
 * controller-runtime's cache: {@link #watch} registers a handler on the kind's informer (created on
 * first use, listing and watching from then on, re-listing by itself after a 410), and {@code get} and
 * {@code list} of the kinds named in {@link Builder#cacheReads} are answered from the informer's store
 * without a request. Everything else, and reads of other kinds, go to the API server.
 *
 * <p>What bypasses the cache, on purpose: reads of kinds not in {@code cacheReads}. Flagger reads the
 * Canary from the API server on every tick and Flux reads a Kustomization's dependencies uncached, so
 * the controllers' own kinds are normally left out; related kinds that only trigger work (Deployments,
 * Services, ConfigMaps) are the ones worth caching. Writes always go to the API server, so a read from
 * the cache right after a write may be older than the write; reconcilers must tolerate that (they do:
 * status is the only memory and writes carry resourceVersions).
 *
 * <p>Watch semantics differ from the raw adapter in one way: the {@code resourceVersion} argument is
 * ignored and a new handler first receives an ADDED event for every object in the store, then changes.
 * {@code WatchWiring}'s fingerprints fold those replays, so its list-then-watch works unchanged and a
 * 410 never reaches it. The informer's resync re-delivers every object as MODIFIED at the resync
 * period; fingerprints fold those too (periodic reconciles come from each reconciler's interval).
 *
 * <p>The shard selector applies to the informers of the controllers' own kinds, so the cache holds
 * only this shard. Thread-safe.
 */
public final class InformerCluster implements Cluster, AutoCloseable {

    private final KubernetesCluster api;
    private final Set<GroupKind> cachedReads;
    private final String namespace;
    private final Duration resync;
    private final Duration syncTimeout;
    private final Map<GroupKind, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();

    private InformerCluster(Builder b) {
        this.api = b.api;
        this.cachedReads = Set.copyOf(b.cachedReads);
        this.namespace = b.namespace;
        this.resync = b.resync;
        this.syncTimeout = b.syncTimeout;
    }

    /** Starts configuring a cache over {@code api}. */
    public static Builder over(KubernetesCluster api) {
        return new Builder(api);
    }

    /** Configuration of an {@link InformerCluster}. Not thread-safe. */
    public static final class Builder {
        private final KubernetesCluster api;
        private final Set<GroupKind> cachedReads = new HashSet<>();
        private String namespace = "";
        private Duration resync = Duration.ZERO;
        private Duration syncTimeout = Duration.ofMinutes(2);

        private Builder(KubernetesCluster api) {
            this.api = Objects.requireNonNull(api, "api");
        }

        /** Serve {@code get} and {@code list} of these kinds from the informers. */
        public Builder cacheReads(GroupKind... kinds) {
            cachedReads.addAll(List.of(kinds));
            return this;
        }

        /** Inform one namespace only (a controller with {@code --watch-all-namespaces=false}); "" for all. */
        public Builder namespace(String ns) {
            namespace = Objects.requireNonNull(ns, "namespace");
            return this;
        }

        /** The informers' resync period; zero (the default) turns resync off. */
        public Builder resync(Duration period) {
            if (period.isNegative()) {
                throw new IllegalArgumentException("the resync period must not be negative, got " + period);
            }
            resync = period;
            return this;
        }

        /** How long a cached read waits for the informer's first list. */
        public Builder syncTimeout(Duration timeout) {
            syncTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public InformerCluster build() {
            return new InformerCluster(this);
        }
    }

    /** The uncached adapter, for reads that must see the latest stored state. */
    public KubernetesCluster api() {
        return api;
    }

    /** Kinds with a running informer. */
    public Set<GroupKind> informedKinds() {
        return Set.copyOf(informers.keySet());
    }

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        if (!cachedReads.contains(key.groupKind()) || !covers(key.namespace())) {
            return api.get(key);
        }
        SharedIndexInformer<GenericKubernetesResource> inf = informer(key.groupKind());
        String storeKey = key.namespace().isEmpty() ? key.name() : key.namespace() + "/" + key.name();
        return Optional.ofNullable(inf.getStore().getByKey(storeKey)).map(api::toObject);
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String ns, LabelSelector selector) {
        if (!cachedReads.contains(kind) || !covers(ns)) {
            return api.list(kind, ns, selector);
        }
        List<KubeObject> out = new ArrayList<>();
        for (GenericKubernetesResource r : informer(kind).getStore().list()) {
            KubeObject o = api.toObject(r);
            // Set-based selectors are evaluated here, exactly (the store holds the whole kind).
            if ((ns.isEmpty() || ns.equals(o.namespace())) && selector.matches(o.labels())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Whether the informers (scoped to {@link Builder#namespace}) hold the objects of {@code ns}. */
    private boolean covers(String ns) {
        return namespace.isEmpty() || namespace.equals(ns);
    }

    @Override
    public Watch watch(GroupKind kind, String ns, String resourceVersion, WatchListener listener) {
        if (!covers(ns)) {
            return api.watch(kind, ns, resourceVersion, listener);
        }
        SharedIndexInformer<GenericKubernetesResource> inf = informer(kind);
        ResourceEventHandler<GenericKubernetesResource> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                deliver(WatchEvent.Type.ADDED, obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                deliver(WatchEvent.Type.MODIFIED, newObj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                deliver(WatchEvent.Type.DELETED, obj);
            }

            private void deliver(WatchEvent.Type type, GenericKubernetesResource r) {
                if (ns.isEmpty() || ns.equals(r.getMetadata().getNamespace())) {
                    listener.onEvent(new WatchEvent(type, api.toObject(r)));
                }
            }
        };
        inf.addEventHandler(handler);
        return () -> inf.removeEventHandler(handler);
    }

    /** The kind's informer, started and synced on first use. */
    private SharedIndexInformer<GenericKubernetesResource> informer(GroupKind kind) {
        SharedIndexInformer<GenericKubernetesResource> inf = informers.computeIfAbsent(kind, this::create);
        if (!inf.hasSynced()) {
            awaitSync(kind, inf);
        }
        return inf;
    }

    private SharedIndexInformer<GenericKubernetesResource> create(GroupKind kind) {
        var ctx = api.kinds().of(kind);
        var op = Resources.collection(api.client(), ctx, namespace);
        String labels = api.selectorFor(kind, LabelSelector.everything());
        var filtered = labels.isEmpty() ? op : op.withLabelSelector(labels);
        SharedIndexInformer<GenericKubernetesResource> inf = filtered.runnableInformer(resync.toMillis());
        inf.start();
        return inf;
    }

    private void awaitSync(GroupKind kind, SharedIndexInformer<GenericKubernetesResource> inf) {
        try {
            inf.start().toCompletableFuture().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            informers.remove(kind, inf);
            inf.stop();
            Throwable cause = e.getCause();
            if (cause instanceof KubernetesClientException k) {
                throw Errors.map("inform " + kind, null, k);
            }
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null,
                    "the informer of " + kind + " could not list: " + cause, List.of(), cause);
        } catch (TimeoutException e) {
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null,
                    "the informer of " + kind + " has not synced within " + syncTimeout, List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "interrupted", List.of(), e);
        }
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        return api.apply(desired, options);
    }

    @Override
    public KubeObject create(KubeObject object) {
        return api.create(object);
    }

    @Override
    public KubeObject update(KubeObject object) {
        return api.update(object);
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return api.updateStatus(object);
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        api.delete(key, options);
    }

    @Override
    public String currentResourceVersion() {
        return api.currentResourceVersion();
    }

    @Override
    public void recordEvent(EventRecord event) {
        api.recordEvent(event);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return api.events(involved);
    }

    /** Stops every informer (not the underlying client). Idempotent. */
    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::stop);
        informers.clear();
    }
}
