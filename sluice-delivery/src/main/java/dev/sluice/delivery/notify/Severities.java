package dev.sluice.delivery.notify;

import dev.sluice.api.flagger.AlertRef;
import dev.sluice.api.flagger.AlertSeverity;
import java.util.List;

/** The severity filter of Canary alerts: info receives everything, warn receives warn and error, error only error. */
public final class Severities {

    private Severities() {
    }

    /** The alerts of {@code analysis.alerts} that receive a message of {@code severity}, in spec order. */
    public static List<AlertRef> recipients(List<AlertRef> alerts, AlertSeverity severity) {
        return alerts.stream().filter(a -> a.severity().receives(severity)).toList();
    }
}
