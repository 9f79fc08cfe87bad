package dev.sluice.delivery.notify;

/** Drops alerts: the global notifier when no URL is configured (Flagger's NopNotifier). */
public final class NopNotifier implements Notifier {

    @Override
    public void post(Notification notification) {
    }
}
