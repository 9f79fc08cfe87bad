package dev.sluice.delivery.reconcile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.embedded.StoreOptions;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An embedded cluster with the canary controller on a stepped scheduler and a manual clock, a fake
 * kubelet, a scripted metrics server, recording webhooks and notifiers. Nothing runs in the
 * background except the store's watch delivery, which these tests do not use: each step moves the
 * clock, lets the kubelet settle, and runs every due reconcile to completion.
 */
final class CanaryWorld implements AutoCloseable {

    static final String NS = "test";
    static final String FLUX = "kustomize-controller";

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster cluster = EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(7))
            .options(StoreOptions.defaults().withInitialNamespaces(List.of("default", NS))).build();
    final Scheduler scheduler = new Scheduler(SchedulerOptions.defaults().withIntervalJitterPercent(0), clock,
            new SplittableRandom(3), SchedulerListener.NONE);
    final FakeKubelet kubelet = new FakeKubelet(cluster, clock);
    final FakeMetricsServer metrics = new FakeMetricsServer();
    final FakeWebhooks webhooks = new FakeWebhooks();
    final RecordingNotifiers notifiers = new RecordingNotifiers();
    final List<AnalysisTick> ticks = new CopyOnWriteArrayList<>();
    final RecordingMetricsListener listener = new RecordingMetricsListener();
    final CanaryController controller;
    final Controller registered;
    private final HttpClients http = HttpClients.defaults();

    CanaryWorld() {
        this(CanarySettings.DEFAULTS);
    }

    CanaryWorld(CanarySettings settings) {
        this(settings, Duration.ofSeconds(5), (providers, fake) -> address -> fake);
    }

    /**
     * Chooses the metrics server: {@code server} gets the provider factory (with {@code metricTimeout}
     * per query) and the fake server.
     */
    CanaryWorld(CanarySettings settings, Duration metricTimeout,
                java.util.function.BiFunction<MetricProviderFactory, FakeMetricsServer, MetricMeasurer.MetricsServer> server) {
        MetricProviderFactory providers = new MetricProviderFactory(http, clock, metricTimeout);
        CanaryAdapters adapters = new CanaryAdapters(new RouterFactory(cluster, settings.core().meshProvider(), ""),
                new MetricMeasurer(cluster, providers, server.apply(providers, metrics), false), webhooks, notifiers);
        controller = CanaryController.create(cluster, clock, new SplittableRandom(11), adapters, settings, ticks::add,
                listener);
        registered = scheduler.register(CanaryController.NAME, controller.reconciler(), 4);
    }

    /** Applies manifests as Flux would (server-side apply as kustomize-controller). */
    void apply(String yaml) {
        for (String doc : yaml.split("(?m)^---$")) {
            if (!doc.isBlank()) {
                cluster.apply(KubeObject.parse(doc), ApplyOptions.as(FLUX));
            }
        }
    }

    static ObjectKey canaryKey(String name) {
        return new ObjectKey(CanaryKindModel.KIND, NS, name);
    }

    /** Asks for a reconcile of the Canary now (what the watch would do), then runs. */
    void reconcileNow(String canary) {
        registered.enqueue(canaryKey(canary));
        run();
    }

    /** The kubelet settles, then every due reconcile runs. */
    void run() {
        kubelet.settle();
        scheduler.runUntilIdle(1_000);
    }

    /** One analysis interval passes. */
    void tick(Duration interval) {
        clock.advance(interval);
        run();
    }

    void ticks(Duration interval, int n) {
        for (int i = 0; i < n; i++) {
            tick(interval);
        }
    }

    KubeObject get(String apiVersion, String kind, String name) {
        return cluster.get(new ObjectKey(dev.sluice.api.GroupKind.fromApiVersion(apiVersion, kind), NS, name))
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not stored"));
    }

    boolean exists(String apiVersion, String kind, String name) {
        return cluster.get(new ObjectKey(dev.sluice.api.GroupKind.fromApiVersion(apiVersion, kind), NS, name))
                .isPresent();
    }

    KubeObject deployment(String name) {
        return get("apps/v1", "Deployment", name);
    }

    CanaryStatus status(String canary) {
        return CanaryStatus.fromNode(get("flagger.app/v1beta1", "Canary", canary).status());
    }

    List<EventRecord> events(String canary) {
        return cluster.events(canaryKey(canary));
    }

    List<String> eventMessages(String canary) {
        return events(canary).stream().map(EventRecord::message).toList();
    }

    /** The stored Canary, parsed. */
    dev.sluice.api.flagger.Canary canary(String name) {
        CanaryKindModel model = new CanaryKindModel();
        return model.parse(get("flagger.app/v1beta1", "Canary", name)).value();
    }

    /** The routes as the Canary's router reads them from the stored routing objects. */
    dev.sluice.delivery.routing.TrafficSplit routes(String name) {
        dev.sluice.api.flagger.Canary c = canary(name);
        try {
            return new RouterFactory(cluster, "istio", "").trafficRouter(c).routes(c);
        } catch (dev.sluice.delivery.routing.RoutingException e) {
            throw new AssertionError(e);
        }
    }

    /** Applies podinfo and its Canary and runs until the Canary is Initialized (two reconciles). */
    void bootstrap(String canaryYaml) {
        apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.0"));
        apply(canaryYaml);
        reconcileNow("podinfo");
        tick(Duration.ofSeconds(10));
        if (!status("podinfo").phase().equals(dev.sluice.api.flagger.CanaryPhase.INITIALIZED)) {
            throw new AssertionError("podinfo not initialized: " + status("podinfo") + "; events " + eventMessages("podinfo"));
        }
    }

    /** What {@code kubectl annotate} does: the annotation set on the stored object, nothing else changed. */
    void annotate(String apiVersion, String kind, String name, String key, String value) {
        KubeObject o = get(apiVersion, kind, name);
        cluster.update(o.edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations").put(key, value)));
    }

    /** What {@code sluice promote|abort|...} does: a new manual request on the Canary. */
    void request(String canary, String value) {
        annotate("flagger.app/v1beta1", "Canary", canary, dev.sluice.api.flagger.Canary.REQUESTED_ACTION, value);
    }

    /** Applies podinfo's progressive Canary over an already applied Deployment and initializes it. */
    void bootstrapApplied() {
        apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        reconcileNow("podinfo");
        tick(Duration.ofSeconds(10));
    }

    String image(String deployment) {
        return deployment(deployment).spec().at("/template/spec/containers/0/image").asText();
    }

    @Override
    public void close() {
        scheduler.shutdown(Duration.ofSeconds(5));
        cluster.close();
        http.close();
    }
}
