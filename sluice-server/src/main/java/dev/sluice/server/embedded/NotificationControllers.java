package dev.sluice.server.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.notification.alert.DispatchCounters;
import dev.sluice.gitops.notification.alert.EventDispatcher;
import dev.sluice.gitops.notification.alert.EventForwardingCluster;
import dev.sluice.gitops.notification.notifier.HttpPoster;
import dev.sluice.gitops.notification.notifier.Notifiers;
import dev.sluice.gitops.notification.receiver.ReceiverHandler;
import dev.sluice.gitops.notification.receiver.ReceiverReconciler;
import dev.sluice.server.api.ApiServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The notification-controller half of Flux, wired for embedded mode: the Receiver reconciler (woken
 * by its Receivers and by the Secrets they read), the webhook handler mounted on the API server at
 * {@code /hook/}, and the event dispatcher that the Flux-side controllers reach through
 * {@link #forwarding()}.
 */
final class NotificationControllers implements AutoCloseable {

    private static final GroupKind SECRET = GroupKind.of("", "Secret");

    private final Cluster cluster;
    private final HttpPoster poster = new HttpPoster(Duration.ofSeconds(5));
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final EventDispatcher dispatcher;
    private final WatchWiring receivers;
    private final ReceiverHandler handler;

    NotificationControllers(Cluster cluster, Scheduler scheduler, Clock clock) {
        this.cluster = cluster;
        this.dispatcher = new EventDispatcher(cluster, clock, new Notifiers(poster), deliveries,
                EventDispatcher.Options.DEFAULTS).start();
        Controller controller = scheduler.register(new ReceiverReconciler(cluster, clock));
        this.receivers = WatchWiring.of(cluster, controller).related(SECRET, this::receiversReading).start();
        this.handler = new ReceiverHandler(cluster, clock);
    }

    /** The Cluster port for the Flux-side controllers: their events also go to the Alerts. */
    Cluster forwarding() {
        return new EventForwardingCluster(cluster, dispatcher);
    }

    /** Serves the Receivers' webhooks on the API server. */
    void mount(ApiServer api) {
        api.mount("/hook/", handler);
    }

    DispatchCounters counters() {
        return dispatcher.counters();
    }

    private List<ObjectKey> receiversReading(KubeObject secret) {
        return cluster.list(ReceiverReconciler.KIND, secret.namespace(), LabelSelector.everything()).stream()
                .filter(r -> r.spec().path("secretRef").path("name").asText().equals(secret.name()))
                .map(KubeObject::key).toList();
    }

    @Override
    public void close() {
        receivers.close();
        dispatcher.close();
        deliveries.shutdownNow();
        poster.close();
    }
}
