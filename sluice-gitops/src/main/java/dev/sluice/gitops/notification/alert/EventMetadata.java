package dev.sluice.gitops.notification.alert;

import dev.sluice.api.notification.Alert;
import dev.sluice.gitops.notification.FluxEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * notification-controller's handling of event metadata. Pure and thread-safe.
 *
 * <ol>
 * <li>{@link #received}: on arrival only keys prefixed with {@code event.toolkit.fluxcd.io/} or
 * with the involved object's API group (e.g. {@code kustomize.toolkit.fluxcd.io/revision}) are
 * kept; the group's {@code checksum} and {@code digest} and (after rate limiting) {@code token}
 * keys are dropped.</li>
 * <li>{@link #forAlert}: the metadata sent to a provider (Flux RFC 0008): event-group keys with the
 * prefix stripped, then the Alert's {@code eventMetadata}, then its deprecated {@code summary},
 * then the object-group keys with the prefix stripped ({@code revision}), later sources winning.</li>
 * </ol>
 */
public final class EventMetadata {

    static final String EVENT_GROUP = "event.toolkit.fluxcd.io/";

    private EventMetadata() {
    }

    /** What the event server keeps of the metadata a controller sent. */
    public static FluxEvent received(FluxEvent e) {
        String objectGroup = e.involvedObject().group() + "/";
        List<String> excluded = List.of(objectGroup + "checksum", objectGroup + "digest");
        Map<String, String> kept = new TreeMap<>();
        e.metadata().forEach((k, v) -> {
            if (excluded.stream().noneMatch(k::equalsIgnoreCase) && (k.startsWith(EVENT_GROUP) || k.startsWith(objectGroup))) {
                kept.put(k, v);
            }
        });
        return e.withMetadata(kept);
    }

    /** Drops the internal {@code <group>/token} key (after the rate limiter has used it). */
    public static FluxEvent withoutInternal(FluxEvent e) {
        Map<String, String> m = e.metadata();
        m.remove(e.involvedObject().group() + "/token");
        return e.withMetadata(m);
    }

    /** The metadata sent to the Alert's provider. When nothing is combined, the event's own is kept (as Flux). */
    public static FluxEvent forAlert(FluxEvent e, Alert alert) {
        Map<String, String> out = new TreeMap<>();
        e.metadata().forEach((k, v) -> {
            if (k.startsWith(EVENT_GROUP)) {
                out.put(k.substring(EVENT_GROUP.length()), v);
            }
        });
        out.putAll(alert.spec().eventMetadata());
        if (!alert.spec().summary().isEmpty()) {
            out.put("summary", alert.spec().summary());
        }
        String objectGroup = e.involvedObject().group() + "/";
        e.metadata().forEach((k, v) -> {
            if (k.startsWith(objectGroup)) {
                out.put(k.substring(objectGroup.length()), v);
            }
        });
        return out.isEmpty() ? e : e.withMetadata(out);
    }
}
