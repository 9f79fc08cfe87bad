package dev.sluice.server.embedded;

import dev.sluice.delivery.canary.ControllerSettings;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.HttpProxy;
import dev.sluice.delivery.notify.NopNotifier;
import dev.sluice.delivery.notify.NotifierFactory;
import dev.sluice.delivery.reconcile.AlertNotifiers;
import dev.sluice.delivery.reconcile.CanaryAdapters;
import dev.sluice.delivery.reconcile.CanaryController;
import dev.sluice.delivery.reconcile.CanaryMetricsListener;
import dev.sluice.delivery.reconcile.CanarySettings;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.delivery.webhook.http.HttpWebhookClient;
import dev.sluice.delivery.webhook.http.Sleeper;
import dev.sluice.delivery.webhook.http.WebhookSettings;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.delivery.EmbeddedMetricProvider;
import java.net.InetSocketAddress;
import java.util.Random;

/**
 * The progressive-delivery half of embedded mode: the load tester as a built-in app, and the canary
 * controller whose metrics come from the mesh's golden metrics and whose webhooks reach
 * cluster-internal URLs through the mesh.
 */
final class DeliveryExtensions {

    static final DeliveryExtensions INSTANCE = new DeliveryExtensions();

    void registerApps(BuiltinApps apps, InetSocketAddress mesh) {
        apps.register(LoadTesterApp.IMAGE, new LoadTesterApp());
    }

    AutoCloseable startDeliveryControllers(EmbeddedRuntime runtime, InetSocketAddress mesh) {
        var cluster = runtime.cluster();
        var clock = runtime.config().clock();
        HttpClients http = HttpClients.defaults();
        // Embedded mode has no Prometheus: the mesh answers the builtin queries itself. A Canary's
        // own metricsServer (or MetricTemplate address) still goes to the real provider.
        EmbeddedMetricProvider meshMetrics = new EmbeddedMetricProvider(runtime.mesh().history());
        MetricProviderFactory providers = new MetricProviderFactory(http, clock);
        MetricMeasurer.MetricsServer server = address -> address.isEmpty() ? meshMetrics : providers.prometheus(address);
        CanarySettings settings = CanarySettings.DEFAULTS
                .withCore(new ControllerSettings("linkerd", "embedded"))
                .withSelectorLabels(runtime.config().selectorLabels())
                .withMinInterval(runtime.config().minInterval());
        HttpWebhookClient webhooks = new HttpWebhookClient(http,
                WebhookSettings.DEFAULTS.withProxy(new HttpProxy(mesh, DeliveryExtensions::clusterInternal)), Sleeper.REAL);
        CanaryAdapters adapters = new CanaryAdapters(
                new RouterFactory(cluster, settings.core().meshProvider(), settings.ingressAnnotationsPrefix()),
                new MetricMeasurer(cluster, providers, server, settings.noCrossNamespaceRefs()),
                webhooks, AlertNotifiers.of(new NotifierFactory(http), new NopNotifier()));
        CanaryController controller = CanaryController.create(cluster, clock, new Random(), adapters, settings,
                runtime.analysisRecorder(), CanaryMetricsListener.NONE);
        CanaryController.Running running = controller.start(runtime.scheduler(), 4);
        return () -> {
            running.close();
            http.close();
        };
    }

    /** Service names (no dot, or ending in a namespace or .svc.cluster.local) go through the mesh. */
    static boolean clusterInternal(String host) {
        return !host.contains(".") || host.endsWith(".svc") || host.endsWith(".svc.cluster.local")
                || host.split("\\.").length == 2 && !host.matches(".*\\.(com|org|net|io|dev|app)$");
    }
}
