package dev.sluice.cluster;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * The port every controller talks to: a Kubernetes-like store of unstructured objects. Implemented
 * by the embedded store (embedded mode) and by the fabric8 adapter (Kubernetes mode); controllers
 * never know which. All methods are thread-safe.
 *
 * <p>Semantics follow the Kubernetes API server: {@code resourceVersion} optimistic locking on every
 * write (for the main resource and for status alike), {@code metadata.generation} bumped only on
 * spec changes, the status subresource written only through {@link #updateStatus}, deletion
 * honouring finalizers ({@code deletionTimestamp} first, removal when the last finalizer goes) and
 * owner-reference garbage collection. Failures are {@link ClusterException}s whose
 * {@link ClusterException.Reason} tells them apart.
 */
public interface Cluster {

    /** The object, or empty when it does not exist. */
    Optional<KubeObject> get(ObjectKey key);

    /**
     * Objects of one kind.
     *
     * @param namespace the namespace, or "" for all namespaces (and for cluster-scoped kinds)
     */
    List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector);

    /**
     * Server-side apply: {@code desired} holds the fields {@code options.fieldManager()} wants to
     * own. Fields this manager applied before and no longer applies are removed unless another
     * manager owns them; fields owned by other managers are kept. A field owned by another manager
     * with a different value is a {@link ClusterException.Reason#CONFLICT} unless
     * {@code options.force()}. With {@code options.dryRun()} nothing is stored. Idempotent: applying
     * the same object twice gives {@link ApplyResult.Action#UNCHANGED} and no new resourceVersion.
     */
    ApplyResult apply(KubeObject desired, ApplyOptions options);

    /** Creates an object; {@link ClusterException.Reason#ALREADY_EXISTS} if it exists. */
    KubeObject create(KubeObject object);

    /**
     * {@link #create(KubeObject)} recording {@code fieldManager} as the owner of every field written
     * (an {@code Update} operation in {@code metadata.managedFields}, as the API server's
     * {@code fieldManager} parameter does). Implementations that do not track field managers may
     * ignore it, as this default does.
     */
    default KubeObject create(KubeObject object, String fieldManager) {
        return create(object);
    }

    /**
     * Replaces metadata and spec (not status). When {@code object} carries a resourceVersion it must
     * match the stored one, else {@link ClusterException.Reason#CONFLICT}.
     */
    KubeObject update(KubeObject object);

    /**
     * {@link #update(KubeObject)} as {@code fieldManager}: the fields it changes become that manager's
     * (an {@code Update} operation), taken from whoever owned them, so that a later server-side apply
     * of those fields by another manager conflicts, as on a real API server (e.g. Flagger scaling
     * {@code spec.replicas} of a Deployment Flux applies). The default ignores the manager.
     */
    default KubeObject update(KubeObject object, String fieldManager) {
        return update(object);
    }

    /** Replaces only the status subresource, with the same optimistic locking as {@link #update}. */
    KubeObject updateStatus(KubeObject object);

    /** {@link #updateStatus(KubeObject)} as {@code fieldManager} (recorded with subresource status). */
    default KubeObject updateStatus(KubeObject object, String fieldManager) {
        return updateStatus(object);
    }

    /**
     * Deletes an object: with finalizers it only gets a deletionTimestamp; dependents are garbage
     * collected as {@code options.propagation()} says. Deleting a missing object is
     * {@link ClusterException.Reason#NOT_FOUND}.
     */
    void delete(ObjectKey key, DeleteOptions options);

    /**
     * Watches one kind. Events after {@code resourceVersion} are delivered in order, never
     * concurrently for one watch, on a thread owned by the implementation; listeners must return
     * quickly. An empty resourceVersion means "from now". A resourceVersion too old to serve is
     * {@link ClusterException.Reason#EXPIRED} (HTTP 410): list again, then watch from the list's
     * version.
     *
     * @param namespace the namespace, or "" for all
     */
    Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener);

    /** The store's current resourceVersion, for list-then-watch. */
    String currentResourceVersion();

    /** Records an event about an object (Kubernetes Events, aggregated by reason and message). */
    void recordEvent(EventRecord event);

    /** Events about one object, oldest first; {@code involved == null} lists all events. */
    List<EventRecord> events(ObjectKey involved);
}
