package dev.sluice.delivery.routing.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.OwnerReference;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.delivery.routing.RoutingException;
import java.util.Optional;

/**
 * The routers' view of the {@link Cluster}: reads, server-side applies as field manager
 * {@value #FIELD_MANAGER} (forced, as a controller owns what it writes), replacing updates, and the
 * controller owner reference to a Canary. Every cluster failure becomes a {@link RoutingException}
 * naming the object, in Flagger's wording ("TrafficSplit podinfo.test get query error: ..."). Thread-safe.
 */
public final class RouterCluster {

    /** The field manager of every object the routers write. */
    public static final String FIELD_MANAGER = "sluice";

    private final Cluster cluster;

    public RouterCluster(Cluster cluster) {
        this.cluster = java.util.Objects.requireNonNull(cluster, "cluster");
    }

    public Optional<KubeObject> get(GroupKind kind, String namespace, String name) throws RoutingException {
        try {
            return cluster.get(new ObjectKey(kind, namespace, name));
        } catch (ClusterException e) {
            throw new RoutingException(kind.kind() + " " + name + "." + namespace + " get query error: "
                    + e.getMessage(), e);
        }
    }

    /** The object, or a RoutingException saying it is missing. */
    public KubeObject require(GroupKind kind, String namespace, String name) throws RoutingException {
        return get(kind, namespace, name).orElseThrow(() -> new RoutingException(kind.kind() + " " + name + "."
                + namespace + " get query error: not found"));
    }

    /** Server-side apply of {@code desired} as {@value #FIELD_MANAGER}; returns the stored object. */
    public KubeObject apply(ObjectNode desired) throws RoutingException {
        KubeObject o = KubeObject.of(desired);
        try {
            return cluster.apply(o, ApplyOptions.as(FIELD_MANAGER)).object();
        } catch (ClusterException e) {
            throw new RoutingException(o.kind() + " " + o.name() + "." + o.namespace() + " apply error: "
                    + e.getMessage(), e);
        }
    }

    /** Replaces an object read before (optimistic locking on its resourceVersion). */
    public KubeObject update(KubeObject changed) throws RoutingException {
        try {
            return cluster.update(changed);
        } catch (ClusterException e) {
            throw new RoutingException(changed.kind() + " " + changed.name() + "." + changed.namespace()
                    + " update error: " + e.getMessage(), e);
        }
    }

    /**
     * {@code metadata.ownerReferences[0]} for objects owned by {@code canary}: Flagger's controller
     * reference ({@code controller} and {@code blockOwnerDeletion} true), so the store's garbage
     * collector removes them with the Canary. Reads the stored Canary for its uid.
     */
    public ObjectNode ownerReference(Canary canary) throws RoutingException {
        KubeObject stored = get(CanaryKindModel.KIND, canary.namespace(), canary.name()).orElseThrow(() ->
                new RoutingException("Canary " + canary.displayName() + " is not stored, so the objects routing its "
                        + "traffic cannot name it as their owner"));
        return new OwnerReference(CanaryKindModel.API_VERSION, "Canary", canary.name(), stored.uid(), true, true)
                .toNode();
    }

    /**
     * The owner reference to write on an object: always for an object Sluice creates, and for one
     * it created before; {@code null} for an object someone else created and Sluice took over, so
     * that deleting the Canary does not delete it (as Flagger sets owners only on creation).
     */
    public ObjectNode ownerReferenceFor(Canary canary, Optional<KubeObject> existing) throws RoutingException {
        if (existing.isPresent() && !controlledBy(existing.get(), canary.name())) {
            return null;
        }
        return ownerReference(canary);
    }

    /** Whether {@code o} is controlled by the Canary named {@code canaryName} (Flagger's isOwnedByCanary). */
    public static boolean controlledBy(KubeObject o, String canaryName) {
        return o.ownerReferences().stream().anyMatch(r -> r.controller() && "Canary".equals(r.kind())
                && canaryName.equals(r.name()));
    }

    /** Whether {@code o} has a controller reference to any Canary. */
    public static boolean controlledByACanary(KubeObject o) {
        return o.ownerReferences().stream().anyMatch(r -> r.controller() && "Canary".equals(r.kind()));
    }
}
