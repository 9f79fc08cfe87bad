package dev.sluice.gitops.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An event as the Flux controllers send it to notification-controller and as its {@code generic}
 * providers forward it ({@code event.toolkit.fluxcd.io/v1beta1} Event).
 *
 * @param severity  {@code info} or {@code error} (Normal and Warning Kubernetes events)
 * @param metadata  e.g. {@code kustomize.toolkit.fluxcd.io/revision}; kept sorted, as Go marshals maps
 * @param reportingInstance the controller instance, or "" (then omitted)
 */
public record FluxEvent(InvolvedObject involvedObject, String severity, Instant timestamp, String message, String reason,
                        SortedMap<String, String> metadata, String reportingController, String reportingInstance) {

    public static final String INFO = "info";
    public static final String ERROR = "error";

    /** A {@code corev1.ObjectReference}: every field is omitted when empty. */
    public record InvolvedObject(String kind, String namespace, String name, String uid, String apiVersion,
                                 String resourceVersion) {

        /** The API group of {@link #apiVersion} ("" for the core group). */
        public String group() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }

        /** {@code Kind/namespace/name}, as notification-controller names objects in its messages. */
        @Override
        public String toString() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    public FluxEvent {
        Objects.requireNonNull(involvedObject, "involvedObject");
        timestamp = timestamp.truncatedTo(ChronoUnit.SECONDS);
        metadata = new TreeMap<>(metadata);
    }

    @Override
    public SortedMap<String, String> metadata() {
        return new TreeMap<>(metadata);
    }

    /** This event with other metadata. */
    public FluxEvent withMetadata(Map<String, String> next) {
        return new FluxEvent(involvedObject, severity, timestamp, message, reason, new TreeMap<>(next), reportingController,
                reportingInstance);
    }

    /** The JSON Flux writes: Go's field order, {@code omitempty} fields left out, timestamp in RFC 3339 seconds. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ObjectNode o = n.putObject("involvedObject");
        putIfSet(o, "kind", involvedObject.kind());
        putIfSet(o, "namespace", involvedObject.namespace());
        putIfSet(o, "name", involvedObject.name());
        putIfSet(o, "uid", involvedObject.uid());
        putIfSet(o, "apiVersion", involvedObject.apiVersion());
        putIfSet(o, "resourceVersion", involvedObject.resourceVersion());
        n.put("severity", severity).put("timestamp", timestamp.toString()).put("message", message).put("reason", reason);
        if (!metadata.isEmpty()) {
            ObjectNode m = n.putObject("metadata");
            metadata.forEach(m::put);
        }
        n.put("reportingController", reportingController);
        putIfSet(n, "reportingInstance", reportingInstance);
        return n;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }
}
