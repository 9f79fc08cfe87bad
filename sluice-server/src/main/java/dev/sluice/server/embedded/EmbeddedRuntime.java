package dev.sluice.server.embedded;

import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.api.source.GitRepository;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.drift.DriftSettings;
import dev.sluice.gitops.drift.GitDrift;
import dev.sluice.gitops.drift.GitDriftReconciler;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.server.drift.ClusterDriftService;
import dev.sluice.server.drift.DriftService;
import dev.sluice.server.drift.DriftEndpoints;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.mesh.MeshProxy;
import dev.sluice.local.mesh.MeshProxyConfig;
import dev.sluice.local.runtime.WorkloadRunner;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.context.ServerContext;
import dev.sluice.helm.HelmControllers;
import dev.sluice.helm.controller.HelmSettings;
import dev.sluice.server.controllers.GitOpsControllers;
import dev.sluice.server.controllers.GitOpsSettings;
import dev.sluice.server.controllers.NotificationControllers;
import dev.sluice.server.logs.LogsEndpoint;
import dev.sluice.server.dashboard.Dashboard;
import dev.sluice.server.dashboard.DashboardSources;
import dev.sluice.server.dashboard.LoadTesterGates;
import dev.sluice.server.dashboard.MeshWorkloadStats;
import dev.sluice.server.observe.TickStore;
import dev.sluice.server.observe.SluiceMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode's composition root: the store, the scheduler and every controller, the workload
 * runner, the mesh, the API and the dashboard, in one process. {@link #close()} stops them in the
 * reverse order (workload processes included).
 */
public final class EmbeddedRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);

    /** The longest a start waits for restarted workloads before the controllers run. */
    static final java.time.Duration WORKLOADS_SETTLE = java.time.Duration.ofSeconds(30);

    private final EmbeddedConfig config;
    private final SchedulerListener observer;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private EmbeddedCluster cluster;
    private Scheduler scheduler;
    private ClusterDriftService driftService;
    private MeshProxy mesh;
    private WorkloadRunner runner;
    private ApiServer api;
    private Dashboard dashboard;
    private TokenAuth auth;
    private final TickStore ticks = new TickStore();

    private EmbeddedRuntime(EmbeddedConfig config, SchedulerListener observer) {
        this.config = config;
        this.observer = observer;
    }

    /** Starts everything; on failure, whatever started is stopped again. */
    public static EmbeddedRuntime start(EmbeddedConfig config) throws IOException, InterruptedException {
        return start(config, SchedulerListener.NONE);
    }

    /**
     * As {@link #start(EmbeddedConfig)}, with {@code observer} also told of every reconcile (after the
     * built-in metrics); benchmarks use it to measure reconcile latencies. It must be thread-safe and quick.
     */
    public static EmbeddedRuntime start(EmbeddedConfig config, SchedulerListener observer)
            throws IOException, InterruptedException {
        EmbeddedRuntime r = new EmbeddedRuntime(config, observer);
        try {
            r.startAll();
            return r;
        } catch (IOException | InterruptedException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Random random = new Random();
        ResourceTypes types = ResourceTypes.builtIn();
        cluster = EmbeddedCluster.builder().clock(config.clock()).random(random).resourceTypes(types)
                .stateDirectory(config.stateDir().resolve("store")).build();
        closeables.push(cluster);
        auth = TokenAuth.loadOrCreate(config.stateDir().resolve("token"));
        SluiceMetrics metrics = new SluiceMetrics(cluster, ticks, version(), "linkerd");
        scheduler = new Scheduler(SchedulerOptions.defaults().withConcurrency(8), config.clock(), random,
                both(metrics.schedulerListener(), observer));
        closeables.push(() -> scheduler.shutdown(java.time.Duration.ofSeconds(5)));

        // A one-second metric history lets short analysis windows (the demo's 10s) see traffic at
        // once, with the same rate() semantics as a Prometheus scraping every second.
        mesh = MeshProxy.start(MeshProxyConfig.defaults().withPorts(config.meshPort(), 0)
                .withClock(config.clock(), java.time.Duration.ofSeconds(1)));
        closeables.push(mesh);
        InetSocketAddress meshAddress = new InetSocketAddress("127.0.0.1", mesh.port());
        MeshSync meshSync = new MeshSync(cluster, mesh);
        closeables.push(meshSync);
        BuiltinApps apps = BuiltinApps.standard(config.clock(), random);
        closeables.push(apps);
        extensions().registerApps(apps, meshAddress);
        runner = new WorkloadRunner(cluster, config.clock(), config.stateDir().resolve("workloads"),
                Optional.of(meshAddress), apps);
        closeables.push(runner);
        runner.endpoints().subscribe(meshSync::endpoints);

        // Flux's notification half: Receivers, and Alerts fed by the events of the Flux-side controllers.
        NotificationControllers notifications = new NotificationControllers(cluster, config.clock());
        closeables.push(notifications);
        closeables.push(notifications.startReceivers(cluster, cluster, scheduler));
        metrics.registerNotifications(notifications::rejectedWebhookCalls, () -> notifications.counters().snapshot());
        GitOpsControllers gitops = GitOpsControllers.start(notifications.forwarding(cluster), cluster, scheduler, config.clock(),
                GitOpsSettings.embedded(config.stateDir()));
        closeables.push(gitops);
        // helm-controller's half: HelmRepository, HelmChart and HelmRelease, rendered with the Helm SDK.
        HelmControllers.create(notifications.forwarding(cluster), config.clock(), config.stateDir(), Optional.of(gitops.artifacts()),
                HelmSettings.EMBEDDED).register(scheduler, cluster).forEach(closeables::push);
        closeables.push(extensions().startDeliveryControllers(this, meshAddress));

        api = ApiServer.start(config.api(), cluster, types, auth);
        closeables.push(api);
        closeables.push(startGitDrift());
        closeables.push(LogsEndpoint.mount(api, runner, auth));
        api.mount("/hook/", notifications.webhooks());
        dashboard = Dashboard.mount(api, cluster, DashboardSources.of(auth, config.clock(), ticks)
                .withWorkloads(new MeshWorkloadStats(mesh.history())).withMetrics(metrics)
                .withGates(meshGates(meshAddress)));
        closeables.push(dashboard);

        if (config.repo() != null) {
            Bootstrap.apply(cluster, Bootstrap.url(config.repo()), config.branch(), config.path(), config.interval());
        }
        meshSync.start();
        runner.start();
        // After a restart the workloads start again with the process: controllers that ran at once would
        // judge canaries whose load tester and replicas are not up yet (failed checks no cluster sees).
        if (!runner.awaitSettled(WORKLOADS_SETTLE)) {
            LOG.info("some workloads are not ready after {}s; starting the controllers anyway", WORKLOADS_SETTLE.toSeconds());
        }
        scheduler.start();
        new ServerContext(java.net.URI.create(api.baseUrl()), auth.token(), config.stateDir().toString()).save();
        LOG.info("embedded mode running: API {} mesh 127.0.0.1:{}", api.baseUrl(), mesh.port());
    }

    /**
     * Git-consistent rollback: a failed Canary gets a GitDrift condition naming the commit that
     * introduced the failed spec, and write-back when the Canary or its GitRepository opts in.
     */
    private AutoCloseable startGitDrift() {
        DriftSettings settings = DriftSettings.DEFAULTS;
        GitDrift drift = GitDrift.create(cluster, new KustomizerManifestBuilder(), config.stateDir().resolve("drift"),
                config.clock(), settings);
        Controller controller = scheduler.register(GitDriftReconciler.NAME,
                new GitDriftReconciler(cluster, drift, config.clock(), settings), 1);
        driftService = new ClusterDriftService(cluster, drift, config.clock());
        DriftEndpoints.mount(api, driftService, auth);
        return WatchWiring.of(cluster, controller).primaryChanges(GitDriftReconciler.CHANGES)
                .related(GitRepository.KIND, GitDriftReconciler.SOURCE_CHANGES, GitDriftReconciler.driftingFrom(cluster))
                .start();
    }

    /** Hooks for the delivery half, so this class stays the same while it grows. */
    DeliveryExtensions extensions() {
        return DeliveryExtensions.INSTANCE;
    }

    /**
     * The dashboard's "approve" button: the gate's load tester (the built-in one answering as
     * {@code flagger-loadtester.flagger-system}, or any other) is reached through the mesh, as the
     * canary's own webhook calls are, since Service names resolve only there.
     */
    private LoadTesterGates meshGates(InetSocketAddress meshAddress) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().proxy(java.net.ProxySelector.of(meshAddress))
                .connectTimeout(java.time.Duration.ofSeconds(5)).build();
        closeables.push(client::close);
        return new LoadTesterGates(client, u -> u);
    }

    public Cluster cluster() {
        return cluster;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Git drift analysis and revert write-back, as the drift endpoints serve them. */
    public DriftService drift() {
        return driftService;
    }

    public MeshProxy mesh() {
        return mesh;
    }

    public WorkloadRunner runner() {
        return runner;
    }

    public String apiUrl() {
        return api.baseUrl();
    }

    public String dashboardUrl() {
        return dashboard.url();
    }

    public String token() {
        return auth.token();
    }

    public AnalysisRecorder analysisRecorder() {
        return ticks;
    }

    public EmbeddedConfig config() {
        return config;
    }

    private static SchedulerListener both(SchedulerListener first, SchedulerListener second) {
        if (second == SchedulerListener.NONE) {
            return first;
        }
        return new SchedulerListener() {
            @Override
            public void queueDepth(String controller, int depth) {
                first.queueDepth(controller, depth);
                second.queueDepth(controller, depth);
            }

            @Override
            public void started(String controller, dev.sluice.api.ObjectKey key, java.time.Duration lag) {
                first.started(controller, key, lag);
                second.started(controller, key, lag);
            }

            @Override
            public void finished(String controller, dev.sluice.api.ObjectKey key, java.time.Duration took, Throwable error) {
                first.finished(controller, key, took, error);
                second.finished(controller, key, took, error);
            }
        };
    }

    static String version() {
        Package p = EmbeddedRuntime.class.getPackage();
        return p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
    }

    @Override
    public void close() {
        if (api != null) {
            ServerContext.clearIf(java.net.URI.create(api.baseUrl()));
        }
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", c, e.toString());
            }
        }
    }
}
