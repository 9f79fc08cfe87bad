package dev.sluice.gitops.notification.alert;

import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.ForwardingCluster;
import java.util.function.Consumer;

/**
 * The {@link Cluster} port of the Flux-side controllers (GitRepository, Kustomization): everything
 * goes to {@code delegate}, and every event they record is also handed to {@code sink} (the
 * {@link EventDispatcher}), as Flux's event recorder posts each event both to the API server and
 * to notification-controller. The sink must return at once; its failures never reach the
 * controller. Thread-safe when the delegate and the sink are.
 */
public final class EventForwardingCluster extends ForwardingCluster {

    private final Cluster delegate;
    private final Consumer<EventRecord> sink;

    public EventForwardingCluster(Cluster delegate, Consumer<EventRecord> sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    @Override
    public void recordEvent(EventRecord event) {
        try {
            delegate.recordEvent(event);
        } finally {
            try {
                sink.accept(event);
            } catch (RuntimeException ignored) {
                // Notifications are best effort; the controller's work must go on.
            }
        }
    }

    @Override
    protected Cluster delegate() {
        return delegate;
    }
}
