package dev.sluice.delivery.notify;

/**
 * Posts alerts to one chat or alerting service (Flagger's {@code notifier.Interface}): Slack,
 * Microsoft Teams, Discord (Slack body to {@code <url>/slack}), Rocket.Chat, Google Chat, or a log.
 * Implementations are thread-safe, bound each call (5s by default) and never retry on their own.
 *
 * <p>Which notifiers receive an alert is decided by the caller: each of the Canary's
 * {@code analysis.alerts} whose severity {@link dev.sluice.api.flagger.AlertSeverity#receives
 * receives} the alert's severity gets it through its AlertProvider; a Canary without alerts uses the
 * controller's global notifier. A delivery failure is logged by the caller and never changes the
 * rollout.
 */
public interface Notifier {

    void post(Notification notification) throws NotifyException;
}
