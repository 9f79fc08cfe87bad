package dev.sluice.delivery.reconcile;

import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.delivery.webhook.WebhookClient;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The one entry point to wire the canary controller into a process: the {@link CanaryReconciler} and
 * the watches that feed it. Typical use in a composition root:
 *
 * <pre>{@code
 * CanaryController canaries = CanaryController.create(cluster, clock, random,
 *         CanaryController.adapters(cluster, clock, http, settings, webhookClient, notifiers),
 *         settings, recorder, metricsListener);
 * CanaryController.Running running = canaries.start(scheduler, 4);   // register + watch
 * ...
 * running.close();
 * }</pre>
 *
 * Tests that step the scheduler by hand may register {@link #reconciler()} themselves and enqueue keys
 * without watches.
 */
public final class CanaryController {

    /** The scheduler's name of the canary controller (metrics, logs). */
    public static final String NAME = "canary";

    private final Cluster cluster;
    private final CanarySettings settings;
    private final CanaryReconciler reconciler;

    private CanaryController(Cluster cluster, CanarySettings settings, CanaryReconciler reconciler) {
        this.cluster = cluster;
        this.settings = settings;
        this.reconciler = reconciler;
    }

    /**
     * @param random   for session-affinity cookie values and {@code flagger-id} annotations
     * @param recorder receives every tick's analysis record (the dashboard's charts)
     * @param metrics  receives what Flagger exports as {@code flagger_canary_*} metrics
     */
    public static CanaryController create(Cluster cluster, Clock clock, RandomGenerator random, CanaryAdapters adapters,
                                          CanarySettings settings, AnalysisRecorder recorder,
                                          CanaryMetricsListener metrics) {
        return new CanaryController(cluster, settings, new CanaryReconciler(cluster, clock, random, adapters, settings,
                recorder, metrics));
    }

    /**
     * The standard adapters: Sluice's routers over {@code cluster}, Prometheus at
     * {@link CanarySettings#metricsServer()} for builtin and inline checks, MetricTemplate providers over
     * {@code http}. Embedded mode builds its own {@link MetricMeasurer} with the mesh's metrics server
     * instead.
     */
    public static CanaryAdapters adapters(Cluster cluster, Clock clock, HttpClients http, CanarySettings settings,
                                          WebhookClient webhooks, AlertNotifiers notifiers) {
        MetricProviderFactory providers = new MetricProviderFactory(http, clock);
        return new CanaryAdapters(
                new RouterFactory(cluster, settings.core().meshProvider(), settings.ingressAnnotationsPrefix()),
                new MetricMeasurer(cluster, providers, MetricMeasurer.prometheus(providers, settings.metricsServer()),
                        settings.noCrossNamespaceRefs()),
                webhooks, notifiers);
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /**
     * The watches of {@code controller} (which must run {@link #reconciler()}): the Canary kind and the
     * related Deployments, DaemonSets, ConfigMaps and Secrets (see {@link CanaryWatches}). Not started.
     */
    public WatchWiring watches(Controller controller) {
        return watches(controller, cluster);
    }

    /**
     * {@link #watches(Controller)} with the watches, and the lookups that decide which Canary to wake,
     * going to {@code watched} (Kubernetes mode: the informer cache) while the reconciler keeps reading
     * its own cluster (the API server, always fresh). Not started.
     */
    public WatchWiring watches(Controller controller, Cluster watched) {
        CanaryWatches w = new CanaryWatches(watched, settings);
        return WatchWiring.of(watched, controller)
                .primaryChanges(CanaryWatches.CANARY)
                .related(Observer.DEPLOYMENT, CanaryWatches.WORKLOAD, w::forWorkload)
                .related(Observer.DAEMON_SET, CanaryWatches.WORKLOAD, w::forWorkload)
                .related(ConfigTracker.CONFIG_MAP, CanaryWatches.CONFIG, w::forConfig)
                .related(ConfigTracker.SECRET, CanaryWatches.CONFIG, w::forConfig);
    }

    /**
     * Registers the reconciler with {@code scheduler} and starts its watches.
     *
     * @param maxConcurrent Canaries ticking at once (within the scheduler's global cap); a tick waits
     *                      on webhooks and metric queries, so a few in parallel keep slow ones from
     *                      delaying the others (Flagger #638)
     */
    public Running start(Scheduler scheduler, int maxConcurrent) {
        return start(scheduler, maxConcurrent, cluster);
    }

    /** {@link #start(Scheduler, int)} with the watches on {@code watched} (see {@link #watches(Controller, Cluster)}). */
    public Running start(Scheduler scheduler, int maxConcurrent, Cluster watched) {
        Controller controller = scheduler.register(NAME, reconciler, maxConcurrent);
        return new Running(controller, watches(controller, watched).start());
    }

    /** A started canary controller; closing stops its watches and unregisters it. */
    public record Running(Controller controller, WatchWiring watches) implements AutoCloseable {
        @Override
        public void close() {
            watches.close();
            controller.scheduler().remove(controller);
        }
    }
}
