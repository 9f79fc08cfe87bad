package dev.sluice.delivery.notify;

import dev.sluice.api.flagger.AlertSeverity;
import java.util.List;

/**
 * One alert about a Canary, as Flagger posts it: the Canary, a message, extra fields and a severity
 * (Slack colours it: info and warn "good"... error "danger").
 *
 * @param name      the Canary's name (shown as author {@code name.namespace})
 * @param fields    extra key/value lines, e.g. Target, Failed checks threshold, Progress deadline,
 *                  Traffic routing, and Cluster when the controller has a cluster name
 */
public record Notification(String name, String namespace, String message, List<Field> fields,
                           AlertSeverity severity) {

    /** One key/value line of a notification. */
    public record Field(String name, String value) {
    }

    public Notification {
        fields = List.copyOf(fields);
    }
}
