package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;

/** Builds the notifiers of a Canary's alerts. Thread-safe. */
public interface NotifierFactory {

    /** Posts nothing: for controllers without any notifier configured. */
    NotifierFactory NONE = new NotifierFactory() {
        @Override
        public Notifier provider(AlertProvider provider, String address, String token) {
            return n -> { };
        }

        @Override
        public Notifier global() {
            return n -> { };
        }
    };

    /**
     * The notifier of one AlertProvider.
     *
     * @param address the webhook URL: the {@code address} key of the provider's Secret when it has a
     *                {@code secretRef}, else {@code spec.address}
     * @param token   the {@code token} key of that Secret, "" when none
     * @throws NotifyException when the type is not supported or the address is unusable
     */
    Notifier provider(AlertProvider provider, String address, String token) throws NotifyException;

    /** The controller's notifier for Canaries without {@code analysis.alerts} (Flagger's {@code -slack-url} ...). */
    Notifier global();
}
