package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.delivery.notify.NopNotifier;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifierFactory;
import dev.sluice.delivery.notify.NotifyException;
import java.util.Map;

/**
 * The notifiers the canary reconciler posts alerts to: one per AlertProvider a Canary's
 * {@code analysis.alerts} name, and the controller's global one for Canaries without alerts.
 * Thread-safe. {@link #of} adapts Sluice's {@link NotifierFactory}; tests record instead.
 */
public interface AlertNotifiers {

    /** Posts nothing: for controllers without any notifier configured. */
    AlertNotifiers NONE = new AlertNotifiers() {
        @Override
        public Notifier forProvider(AlertProvider provider, Map<String, String> secret) {
            return new NopNotifier();
        }

        @Override
        public Notifier global() {
            return new NopNotifier();
        }
    };

    /**
     * The notifier of one AlertProvider.
     *
     * @param secret the decoded keys of the provider's {@code secretRef} ({@code address}, {@code token}
     *               override the spec), empty when it has none
     * @throws NotifyException when the type is not supported or there is no usable address
     */
    Notifier forProvider(AlertProvider provider, Map<String, String> secret) throws NotifyException;

    /** The controller's notifier for Canaries without {@code analysis.alerts} (Flagger's {@code -slack-url} ...). */
    Notifier global();

    /** Sluice's notifiers: {@code factory} for AlertProviders, {@code global} for the rest. */
    static AlertNotifiers of(NotifierFactory factory, Notifier global) {
        return new AlertNotifiers() {
            @Override
            public Notifier forProvider(AlertProvider provider, Map<String, String> secret) throws NotifyException {
                return factory.forProvider(provider, secret);
            }

            @Override
            public Notifier global() {
                return global;
            }
        };
    }
}
