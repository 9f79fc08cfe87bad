/**
 * Alert port: {@link dev.sluice.delivery.notify.Notifier} posts a
 * {@link dev.sluice.delivery.notify.Notification} to one AlertProvider type (slack, msteams, discord,
 * rocket, gchat) or to the controller's global notifier.
 */
package dev.sluice.delivery.notify;
