package dev.sluice.cluster;

import dev.sluice.api.ObjectKey;
import java.time.Instant;
import java.util.Map;

/**
 * A Kubernetes Event about an object, as Flux and Flagger emit them.
 *
 * @param type                "Normal" or "Warning"
 * @param reason              e.g. {@code ReconciliationSucceeded}, {@code Synced}
 * @param reportingController e.g. {@code kustomize-controller}, {@code flagger}
 * @param annotations         event metadata, e.g. {@code kustomize.toolkit.fluxcd.io/revision}
 * @param count               how many times the same (object, reason, message) was seen
 * @param firstTimestamp      the first occurrence
 * @param lastTimestamp       the latest occurrence
 */
public record EventRecord(ObjectKey involved, String type, String reason, String message, String reportingController,
                          Map<String, String> annotations, int count, Instant firstTimestamp, Instant lastTimestamp) {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    public EventRecord {
        annotations = Map.copyOf(annotations);
    }

    public static EventRecord normal(ObjectKey involved, String reason, String message, String controller, Instant at) {
        return new EventRecord(involved, NORMAL, reason, message, controller, Map.of(), 1, at, at);
    }

    public static EventRecord warning(ObjectKey involved, String reason, String message, String controller, Instant at) {
        return new EventRecord(involved, WARNING, reason, message, controller, Map.of(), 1, at, at);
    }

    public boolean isWarning() {
        return WARNING.equals(type);
    }
}
