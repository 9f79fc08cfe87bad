package dev.sluice.server.controllers;

import com.sun.net.httpserver.HttpHandler;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The notification-controller half of Flux, for either mode: the event dispatcher that the Flux-side
 * controllers reach through {@link #forwarding(Cluster)} (their events also go to the Alerts'
 * Providers), the Receivers' webhook handler ({@link #webhooks()}, served at {@code /hook/}), and
 * the Receiver reconciler ({@link #startReceivers}), woken by its Receivers and by the Secrets they
 * read.
 *
 * <p>The dispatcher and the handler live as long as the process (in Kubernetes mode every replica
 * serves webhooks: the Service picks any pod); the Receiver reconciler runs on a scheduler, so in
 * Kubernetes mode only while this replica leads. Thread-safe.
 */
public final class NotificationControllers implements AutoCloseable {

    private static final GroupKind SECRET = GroupKind.of("", "Secret");

    private final Clock clock;
    private final HttpPoster poster = new HttpPoster(Duration.ofSeconds(5));
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final EventDispatcher dispatcher;
    private final ReceiverHandler handler;

    /**
     * @param cluster where Alerts, Providers and Receivers are read and the webhooks' reconcile
     *                requests written (Kubernetes mode: the informer cache, whose writes go to the API)
     */
    public NotificationControllers(Cluster cluster, Clock clock) {
        this.clock = clock;
        this.dispatcher = new EventDispatcher(cluster, clock, new Notifiers(poster), deliveries,
                EventDispatcher.Options.DEFAULTS).start();
        this.handler = new ReceiverHandler(cluster, clock);
    }

    /** The Cluster port for the Flux-side controllers: everything goes to {@code delegate}, and their events also to the Alerts. */
    public Cluster forwarding(Cluster delegate) {
        return new EventForwardingCluster(delegate, dispatcher);
    }

    /**
     * Registers the Receiver reconciler on {@code scheduler} and starts its watches.
     *
     * @param cluster what the reconciler reads and writes
     * @param watched what its watches and the Secret-to-Receiver lookup read (may be {@code cluster})
     * @return stops the watches (the caller shuts the scheduler down)
     */
    public AutoCloseable startReceivers(Cluster cluster, Cluster watched, Scheduler scheduler) {
        Controller controller = scheduler.register(new ReceiverReconciler(cluster, clock));
        WatchWiring wiring = WatchWiring.of(watched, controller).related(SECRET, s -> receiversReading(watched, s)).start();
        return wiring::close;
    }

    /** The Receivers' webhooks: mount at {@code /hook/}. */
    public HttpHandler webhooks() {
        return handler;
    }

    /** Webhook calls refused since start because their signature or token did not check. */
    public long rejectedWebhookCalls() {
        return handler.rejectedCalls();
    }

    public DispatchCounters counters() {
        return dispatcher.counters();
    }

    private static List<ObjectKey> receiversReading(Cluster cluster, KubeObject secret) {
        return cluster.list(ReceiverReconciler.KIND, secret.namespace(), LabelSelector.everything()).stream()
                .filter(r -> r.spec().path("secretRef").path("name").asText().equals(secret.name()))
                .map(KubeObject::key).toList();
    }

    @Override
    public void close() {
        dispatcher.close();
        deliveries.shutdownNow();
        poster.close();
    }
}
