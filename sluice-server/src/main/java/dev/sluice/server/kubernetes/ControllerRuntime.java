package dev.sluice.server.kubernetes;

import com.sun.net.httpserver.HttpHandler;
import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.kubernetes.InformerCluster;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.LeaderElection;
import dev.sluice.kubernetes.LeaderElectionOptions;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.gitops.drift.DriftSettings;
import dev.sluice.gitops.drift.GitDrift;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.server.controllers.NotificationControllers;
import dev.sluice.server.dashboard.PrometheusWorkloadStats;
import dev.sluice.server.dashboard.WorkloadStats;
import dev.sluice.server.drift.ClusterDriftService;
import dev.sluice.server.observe.SluiceMetrics;
import dev.sluice.server.observe.TickStore;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes mode's composition root ({@code sluice controller}): the fabric8 adapter, the informer
 * cache, {@code /metrics}, {@code /healthz} and {@code /readyz}, the Receivers' webhooks
 * ({@code --receiver-addr}), the dashboard and read/act API ({@code --dashboard-addr}, {@link HttpApi}),
 * and the controllers, run only while this replica holds the Lease when {@code --leader-elect} is set.
 * Every replica serves the HTTP endpoints (they only read, or write requests the leader acts on).
 *
 * <p>Probes follow controller-runtime: {@code /healthz} answers 200 while the process serves HTTP;
 * {@code /readyz} answers 200 once every informer has listed, whether or not this replica leads, so a
 * standby replica is Ready (it holds a warm cache and serves {@code /metrics}) and a rolling update is not
 * stuck waiting for a replica that cannot lead until the old one goes.
 *
 * <p>{@link #close()} (on SIGTERM) stops watching, lets reconciles in flight finish for up to
 * {@link ControllerConfig#shutdownGrace()}, only then releases the Lease (another replica takes over
 * at once), and closes the caches and the client. Thread-safe.
 */
public final class ControllerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);

    /** Kinds the controllers watch: their informers start at once, and {@code /readyz} waits for them. */
    static final List<GroupKind> WATCHED = List.of(
            GroupKind.of(ResourceTypes.SOURCE, "GitRepository"),
            GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"),
            GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "HelmChart"),
            GroupKind.of(ResourceTypes.HELM, "HelmRelease"),
            GroupKind.of(ResourceTypes.FLAGGER, "Canary"),
            GroupKind.of(ResourceTypes.NOTIFICATION, "Receiver"),
            GroupKind.of(ResourceTypes.NOTIFICATION, "Alert"),
            GroupKind.of(ResourceTypes.NOTIFICATION, "Provider"),
            GroupKind.of("apps", "Deployment"),
            GroupKind.of("apps", "DaemonSet"),
            GroupKind.of("", "ConfigMap"),
            GroupKind.of("", "Secret"));

    private final ControllerConfig config;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final AtomicReference<Controllers> running = new AtomicReference<>();
    private final LongAdder reconciles = new LongAdder();
    private final Map<ObjectKey, LongAdder> reconcilesByKey = new ConcurrentHashMap<>();
    private final TickStore ticks = new TickStore();
    private KubernetesCluster api;
    private InformerCluster cache;
    private CacheSync sync;
    private LeaderElection election;
    private Endpoints metricsEndpoint;
    private Endpoints healthEndpoint;
    private Endpoints receiverEndpoint;
    private HttpApi httpApi;
    private NotificationControllers notifications;
    private GitDrift drift;
    private volatile boolean closing;

    private ControllerRuntime(ControllerConfig config) {
        this.config = config;
    }

    /**
     * Connects and starts everything; returns at once (caches sync and the election runs in the
     * background). On failure, whatever started is stopped again.
     *
     * @throws IOException when an endpoint cannot bind its address
     */
    public static ControllerRuntime start(ControllerConfig config) throws IOException {
        ControllerRuntime r = new ControllerRuntime(config);
        try {
            r.startAll();
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        api = KubernetesCluster.connect(config.kubernetes(), config.identity());
        closeables.push(api);
        // Every watched kind is a cached read here: this view serves the watches, the lookups that decide
        // what to wake, and /metrics. Reconcilers read `api`, never this cache (see Controllers).
        cache = InformerCluster.over(api).cacheReads(WATCHED.toArray(GroupKind[]::new)).build();
        closeables.push(cache);
        SluiceMetrics metrics = new SluiceMetrics(cache, ticks, version(), config.canaries().core().meshProvider());
        GaugeWithCallback.builder().name("leader_election_master_status")
                .help("Whether this replica leads (1) or not (0), as controller-runtime reports it")
                .labelNames("name").callback(cb -> cb.call(isLeading() ? 1 : 0, LeaderElectionOptions.DEFAULT_LEASE))
                .register(metrics.registry());
        SchedulerListener listener = counting(metrics.schedulerListener());
        sync = CacheSync.start(cache, WATCHED);
        closeables.push(sync);
        if (config.metricsAddr().isPresent()) {
            metricsEndpoint = Endpoints.start(config.metricsAddr().get(), Map.of("/metrics", metrics.handler()));
            closeables.push(metricsEndpoint);
        }
        if (config.healthAddr().isPresent()) {
            Map<String, HttpHandler> probes = new LinkedHashMap<>();
            probes.put("/healthz", Endpoints.probe(() -> true, () -> "ok"));
            probes.put("/readyz", Endpoints.probe(this::isReady, () -> closing ? "shutting down" : sync.describe()));
            healthEndpoint = Endpoints.start(config.healthAddr().get(), probes);
            closeables.push(healthEndpoint);
        }
        // One per process: the Alerts' dispatcher and the webhook handler, and the drift analyser's Git mirrors.
        notifications = new NotificationControllers(cache, config.clock());
        closeables.push(notifications);
        metrics.registerNotifications(notifications::rejectedWebhookCalls, () -> notifications.counters().snapshot());
        drift = GitDrift.create(cache, new KustomizerManifestBuilder(), config.cacheDir().resolve("drift"), config.clock(),
                DriftSettings.DEFAULTS);
        if (config.receiverAddr().isPresent()) {
            receiverEndpoint = Endpoints.start(config.receiverAddr().get(), Map.of("/hook/", notifications.webhooks()));
            closeables.push(receiverEndpoint);
        }
        if (config.dashboardAddr().isPresent()) {
            startHttpApi(config.dashboardAddr().get());
        }
        Duration budget = lostLeaseBudget();
        if (config.leaderElect()) {
            LeaderElectionOptions options = LeaderElectionOptions.defaults(api.namespace(), config.identity())
                    .withTimings(config.lease().leaseDuration(), config.lease().renewDeadline(), config.lease().retryPeriod());
            election = LeaderElection.start(api.client(), options, () -> startControllers(listener, budget));
        } else {
            startControllers(listener, budget);
        }
        LOG.info("sluice controller {} started in namespace {} (leader election {})", config.identity(), api.namespace(),
                config.leaderElect() ? "on" : "off");
    }

    private Controllers startControllers(SchedulerListener listener, Duration budget) {
        Controllers c = Controllers.start(api, cache, config, listener, ticks, budget, notifications, drift);
        running.set(c);
        return c;
    }

    /** The dashboard and API; golden metrics from Prometheus at {@code --metrics-server} with Linkerd's PromQL. */
    private void startHttpApi(InetSocketAddress bind) throws IOException {
        HttpClients http = HttpClients.defaults();
        closeables.push(http);
        WorkloadStats workloads;
        try {
            workloads = new PrometheusWorkloadStats(new MetricProviderFactory(http, config.clock())
                    .prometheus(config.canaries().metricsServer()));
        } catch (MetricException e) {
            LOG.warn("--metrics-server {}: the dashboard shows no workload metrics: {}", config.canaries().metricsServer(),
                    e.getMessage());
            workloads = WorkloadStats.NONE;
        }
        httpApi = HttpApi.start(bind, cache, HttpApi.token(config.tokenFile()), config.clock(), ticks, workloads,
                new ClusterDriftService(cache, drift, config.clock()));
        closeables.push(httpApi);
        LOG.info("dashboard and API at {} (actions need the token in {})", httpApi.url(), config.tokenFile());
    }

    /** A replica whose lease was taken has until the lease expires for the others; keep a second spare. */
    private Duration lostLeaseBudget() {
        Duration stop = config.lease().leaseDuration().minus(config.lease().renewDeadline()).minusSeconds(1);
        return stop.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : stop;
    }

    private SchedulerListener counting(SchedulerListener inner) {
        return new SchedulerListener() {
            @Override
            public void queueDepth(String controller, int depth) {
                inner.queueDepth(controller, depth);
            }

            @Override
            public void started(String controller, ObjectKey key, Duration lag) {
                inner.started(controller, key, lag);
            }

            @Override
            public void finished(String controller, ObjectKey key, Duration took, Throwable error) {
                if (error == null) {
                    reconciles.increment();
                    reconcilesByKey.computeIfAbsent(key, k -> new LongAdder()).increment();
                }
                inner.finished(controller, key, took, error);
            }
        };
    }

    /** Whether this replica's controllers run (always, without leader election, until closed). */
    public boolean isLeading() {
        if (closing) {
            return false;
        }
        return election != null ? election.isLeading() : running.get() != null;
    }

    /** {@code /readyz}: every informer has listed, and the process is not shutting down. */
    public boolean isReady() {
        return !closing && sync != null && sync.synced();
    }

    /** Reconciles this replica finished without error so far (list-and-watch runs included). */
    public long reconciles() {
        return reconciles.sum();
    }

    /** Reconciles of one object this replica finished without error so far. */
    public long reconciles(ObjectKey key) {
        LongAdder n = reconcilesByKey.get(key);
        return n == null ? 0 : n.sum();
    }

    /** Where {@code /metrics} is served, when it is. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsEndpoint).map(Endpoints::address);
    }

    /** Where {@code /healthz} and {@code /readyz} are served, when they are. */
    public Optional<InetSocketAddress> healthAddress() {
        return Optional.ofNullable(healthEndpoint).map(Endpoints::address);
    }

    /** Where the Receivers' webhooks ({@code /hook/...}) are served, when they are. */
    public Optional<InetSocketAddress> receiverAddress() {
        return Optional.ofNullable(receiverEndpoint).map(Endpoints::address);
    }

    /** Where the dashboard and the API are served, when they are. */
    public Optional<InetSocketAddress> dashboardAddress() {
        return Optional.ofNullable(httpApi).map(HttpApi::address);
    }

    /** The uncached adapter. */
    public KubernetesCluster cluster() {
        return api;
    }

    static String version() {
        Package p = ControllerRuntime.class.getPackage();
        return p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
    }

    /** Graceful shutdown; see the class comment. Idempotent. */
    @Override
    public void close() {
        closing = true;
        Controllers c = running.get();
        if (c != null && !c.stop(config.shutdownGrace())) {
            LOG.warn("reconciles still running after {} were interrupted", config.shutdownGrace());
        }
        if (election != null) {
            election.close(); // the controllers are stopped already; this releases the Lease
        }
        while (!closeables.isEmpty()) {
            AutoCloseable a = closeables.pop();
            try {
                a.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", a, e.toString());
            }
        }
    }
}
