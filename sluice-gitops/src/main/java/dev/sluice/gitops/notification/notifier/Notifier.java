package dev.sluice.gitops.notification.notifier;

import dev.sluice.gitops.notification.FluxEvent;

/**
 * Sends one event to one provider (Slack, Teams, a generic webhook, ...). Implementations are
 * immutable and thread-safe; a post makes one attempt bounded by the provider's timeout.
 */
public interface Notifier {

    /**
     * @throws NotifyException when the provider cannot be reached or answers outside 2xx
     */
    void post(FluxEvent event) throws NotifyException;
}
