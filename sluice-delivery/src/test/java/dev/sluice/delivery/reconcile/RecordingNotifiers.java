package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every alert, by the AlertProvider it went to ("global" for the controller's notifier). */
final class RecordingNotifiers implements NotifierFactory {

    record Sent(String provider, String address, Notification notification) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public Notifier provider(AlertProvider provider, String address, String token) {
        return n -> sent.add(new Sent(provider.name(), address, n));
    }

    @Override
    public Notifier global() {
        return n -> sent.add(new Sent("global", "", n));
    }

    List<String> messages(String provider) {
        return sent.stream().filter(s -> s.provider().equals(provider)).map(s -> s.notification().message()).toList();
    }
}
