package dev.sluice.gitops.notification.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.notification.CrossNamespaceObjectReference;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks objects to reconcile now, as a valid webhook call does: sets
 * {@code reconcile.fluxcd.io/requestedAt} on each of a Receiver's resources (one by name, or every
 * object of the kind in the namespace matching {@code matchLabels} when the name is {@code *}).
 * The controllers' watches count a new value of that annotation as a change, so the reconcile
 * starts at once. Thread-safe.
 */
public final class ReconcileRequests {

    public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    /** The field manager of the annotation write, as notification-controller. */
    public static final String MANAGER = "notification-controller";
    private static final int CONFLICT_RETRIES = 5;

    /**
     * Flux's defaults for an omitted apiVersion (notification-controller's list), plus the
     * Kustomization and HelmRelease, whose kind is as unambiguous.
     */
    private static final Map<String, String> DEFAULT_API_VERSIONS = Map.of(
            "GitRepository", "source.toolkit.fluxcd.io/v1",
            "OCIRepository", "source.toolkit.fluxcd.io/v1",
            "HelmRepository", "source.toolkit.fluxcd.io/v1",
            "HelmChart", "source.toolkit.fluxcd.io/v1",
            "Bucket", "source.toolkit.fluxcd.io/v1",
            "ImageRepository", "image.toolkit.fluxcd.io/v1",
            "Kustomization", ResourceTypes.KUSTOMIZE + "/v1",
            "HelmRelease", ResourceTypes.HELM + "/v2");

    /** A target that could not be asked; the message names it. */
    public static final class RequestException extends Exception {
        RequestException(String message) {
            super(message);
        }
    }

    private final Cluster cluster;

    public ReconcileRequests(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Annotates every object {@code ref} selects.
     *
     * @param ownNamespace the Receiver's namespace, used when {@code ref} names none
     * @param requestedAt  the annotation's value (a timestamp)
     * @return the objects annotated
     * @throws RequestException when the apiVersion cannot be told, an object does not exist, or
     *                          {@code *} comes without matchLabels
     */
    public List<ObjectKey> request(CrossNamespaceObjectReference ref, String ownNamespace, String requestedAt)
            throws RequestException {
        String namespace = ref.namespaceOr(ownNamespace);
        String apiVersion = ref.apiVersion().isEmpty() ? DEFAULT_API_VERSIONS.get(ref.kind()) : ref.apiVersion();
        if (apiVersion == null) {
            throw new RequestException("apiVersion must be specified for kind \"" + ref.kind() + "\"");
        }
        GroupKind kind = GroupKind.fromApiVersion(apiVersion, ref.kind());
        List<ObjectKey> targets = new ArrayList<>();
        if (ref.isWildcard()) {
            if (ref.matchLabels().isEmpty()) {
                throw new RequestException("matchLabels field not set when using wildcard '*' as name");
            }
            cluster.list(kind, namespace, LabelSelector.matching(ref.matchLabels())).forEach(o -> targets.add(o.key()));
        } else {
            targets.add(new ObjectKey(kind, namespace, ref.name()));
        }
        for (ObjectKey key : targets) {
            annotate(key, requestedAt);
        }
        return targets;
    }

    private void annotate(ObjectKey key, String requestedAt) throws RequestException {
        for (int attempt = 0; ; attempt++) {
            Optional<KubeObject> found = cluster.get(key);
            if (found.isEmpty()) {
                throw new RequestException("unable to read " + key.groupKind().kind() + " \"" + key.namespace() + "/"
                        + key.name() + "\": not found");
            }
            KubeObject next = found.get().edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations")
                    .put(REQUESTED_AT, requestedAt));
            try {
                cluster.update(next, MANAGER);
                return;
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.CONFLICT) || attempt >= CONFLICT_RETRIES) {
                    throw new RequestException("unable to annotate " + key + ": " + e.getMessage());
                }
                // Someone wrote the object meanwhile (a status update): read it again and retry.
            }
        }
    }
}
