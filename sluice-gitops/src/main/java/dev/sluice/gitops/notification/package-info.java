/**
 * The notification-controller part of Flux.
 *
 * <h2>Receivers ({@code receiver})</h2>
 * {@link dev.sluice.gitops.notification.receiver.ReceiverReconciler} gives each Receiver its
 * {@code status.webhookPath} ({@code /hook/} + hex(sha256(token + name + namespace))) and Ready
 * condition. {@link dev.sluice.gitops.notification.receiver.ReceiverHandler} is the HTTP handler
 * that answers on those paths: it authenticates the call by the Receiver's type
 * ({@link dev.sluice.gitops.notification.receiver.WebhookCheck}, pure, constant-time comparisons)
 * and annotates the Receiver's resources with {@code reconcile.fluxcd.io/requestedAt}, which the
 * controllers' watches turn into a reconcile at once. Embedded mode mounts it on the API server;
 * Kubernetes mode can serve it on its own port.
 *
 * <h2>Alerts ({@code alert}, {@code notifier})</h2>
 * {@link dev.sluice.gitops.notification.alert.EventForwardingCluster} wraps the {@code Cluster} port
 * given to the Flux-side controllers: every event they record is also handed, without blocking, to
 * the {@link dev.sluice.gitops.notification.alert.EventDispatcher}, which turns it into Flux's event
 * shape ({@link dev.sluice.gitops.notification.FluxEvent}), drops duplicates for five minutes,
 * matches it against the Alerts ({@link dev.sluice.gitops.notification.alert.AlertFilter}, pure) and
 * posts it to their Providers through a
 * {@link dev.sluice.gitops.notification.notifier.Notifier} with the payload notification-controller
 * sends. Delivery failures are logged, counted and recorded as Warning events on the Alert.
 */
package dev.sluice.gitops.notification;
