package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every alert, by the AlertProvider it went to ("global" for the controller's notifier). */
final class RecordingNotifiers implements AlertNotifiers {

    /** @param address the address the alert would be posted to (the Secret's, else the spec's) */
    record Sent(String provider, String address, Notification notification) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public Notifier forProvider(AlertProvider provider, Map<String, String> secret) {
        String address = secret.getOrDefault("address", provider.address());
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
