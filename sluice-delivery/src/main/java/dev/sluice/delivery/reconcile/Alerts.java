package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.api.flagger.AlertRef;
import dev.sluice.api.flagger.Canary;
import dev.sluice.cluster.Cluster;
import dev.sluice.delivery.canary.Effect;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.NotifyException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flagger's alert(): each of the Canary's {@code analysis.alerts} whose severity receives the alert's
 * gets it through its AlertProvider (with the decoded keys of the provider's Secret when it names one);
 * a Canary without alerts uses the controller's global notifier. Best effort: a provider that is
 * missing, invalid or unreachable is logged and skipped. Thread-safe.
 */
final class Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final Cluster cluster;
    private final AlertNotifiers notifiers;

    Alerts(Cluster cluster, AlertNotifiers notifiers) {
        this.cluster = cluster;
        this.notifiers = notifiers;
    }

    void post(Canary canary, List<AlertRef> alerts, Effect.Alert alert) {
        Notification n = new Notification(canary.name(), canary.namespace(), alert.message(), alert.fields(),
                alert.severity());
        if (alerts.isEmpty()) {
            try {
                notifiers.global().post(n);
            } catch (NotifyException | RuntimeException e) {
                LOG.warn("alert of canary {} can't be sent: {}", canary.displayName(), e.getMessage());
            }
            return;
        }
        for (AlertRef ref : alerts) {
            if (!ref.severity().receives(alert.severity())) {
                continue;
            }
            String ns = ref.providerRef().namespaceOr(canary.namespace());
            try {
                AlertProvider provider = References.alertProvider(cluster, ref.providerRef(), canary.namespace());
                Map<String, String> secret = provider.secretRef().isEmpty() ? Map.of()
                        : References.secret(cluster, ns, provider.secretRef().get(),
                        "alert provider " + provider.name() + "." + ns);
                notifiers.forProvider(provider, secret).post(n);
            } catch (References.ReferenceException | NotifyException | RuntimeException e) {
                LOG.warn("alert provider {}.{} of canary {} error: {}", ref.providerRef().name(), ns,
                        canary.displayName(), e.getMessage());
            }
        }
    }
}
