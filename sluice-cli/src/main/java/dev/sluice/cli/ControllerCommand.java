package dev.sluice.cli;

import dev.sluice.api.GoDuration;
import dev.sluice.delivery.canary.ControllerSettings;
import dev.sluice.kubernetes.Clients;
import dev.sluice.kubernetes.KubernetesOptions;
import dev.sluice.server.context.ServerContext;
import dev.sluice.server.kubernetes.ControllerConfig;
import dev.sluice.server.kubernetes.ControllerRuntime;
import dev.sluice.server.kubernetes.ListenAddress;
import dev.sluice.server.observe.Logging;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice controller}: Kubernetes mode. Runs every controller against the API server of a
 * kubeconfig context (or the in-cluster service account), with the flags of Flux's controllers and
 * Flagger's. SIGTERM stops it gracefully: reconciles in flight finish, then the Lease is released.
 */
@Command(name = "controller", description = {
        "Run the controllers against a Kubernetes cluster (Kubernetes mode).",
        "What the sluice-controller Deployment runs; 'sluice install' installs it."})
final class ControllerCommand implements Callable<Integer> {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig (default: KUBECONFIG, ~/.kube/config, else the in-cluster service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:RUNTIME_NAMESPACE}",
            description = "The namespace Sluice runs in: its Lease, and Events of cluster-scoped objects (default: RUNTIME_NAMESPACE, else the kubeconfig's).")
    String namespace;

    @Option(names = "--leader-elect", description = "Run the controllers only while holding the Lease sluice-leader-election (needed with more than one replica).")
    boolean leaderElect;

    @Option(names = "--leader-election-lease-duration", defaultValue = "35s", paramLabel = "DURATION", description = "How long others wait for a Lease that is not renewed (default: ${DEFAULT-VALUE}).")
    String leaseDuration;

    @Option(names = "--leader-election-renew-deadline", defaultValue = "30s", paramLabel = "DURATION", description = "How long the leader tries to renew before stopping (default: ${DEFAULT-VALUE}).")
    String renewDeadline;

    @Option(names = "--leader-election-retry-period", defaultValue = "5s", paramLabel = "DURATION", description = "How often to try to acquire or renew the Lease (default: ${DEFAULT-VALUE}).")
    String retryPeriod;

    @Option(names = "--metrics-addr", defaultValue = ":8080", paramLabel = "ADDR", description = "Where /metrics is served; 0 turns it off (default: ${DEFAULT-VALUE}).")
    String metricsAddr;

    @Option(names = "--health-addr", defaultValue = ":9440", paramLabel = "ADDR", description = "Where /healthz and /readyz are served; 0 turns them off (default: ${DEFAULT-VALUE}).")
    String healthAddr;

    @Option(names = "--receiver-addr", defaultValue = ":9292", paramLabel = "ADDR", description = "Where notification Receivers' webhooks (/hook/<digest>) are served; 0 turns them off (default: ${DEFAULT-VALUE}).")
    String receiverAddr;

    @Option(names = "--dashboard-addr", defaultValue = ControllerConfig.DEFAULT_DASHBOARD_ADDR, paramLabel = "ADDR", description = "Where the dashboard and the read/act API are served (reach it with kubectl port-forward); 0 turns them off (default: ${DEFAULT-VALUE}).")
    String dashboardAddr;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The token the dashboard's actions and the API's writes need: read when it exists (e.g. a mounted Secret), else generated with mode 0600 (default: <cache dir>/token).")
    Path tokenFile;

    @Option(names = "--concurrent", defaultValue = "4", paramLabel = "N", description = "Reconciles at once, across all controllers (default: ${DEFAULT-VALUE}).")
    int concurrent;

    @Option(names = "--watch-label-selector", defaultValue = "", paramLabel = "SELECTOR", description = "Only reconcile objects matching this selector (sharding), e.g. sharding.fluxcd.io/key=shard1.")
    String watchLabelSelector;

    @Option(names = "--kube-api-qps", defaultValue = "50", paramLabel = "QPS", description = "Requests per second to the API server, on average (default: ${DEFAULT-VALUE}).")
    double qps;

    @Option(names = "--kube-api-burst", defaultValue = "300", paramLabel = "N", description = "Requests allowed at once above the average (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--log-format", defaultValue = "json", paramLabel = "FORMAT", description = "json or text (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--log-level", defaultValue = "info", paramLabel = "LEVEL", description = "trace, debug, info, warn or error; per component too, e.g. info,gitops=debug (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Artifacts and Git caches (default: ~/.sluice/cache; the Deployment uses /var/cache/sluice).")
    Path cacheDir;

    @Option(names = "--metrics-server", defaultValue = "http://prometheus:9090", paramLabel = "URL", description = "The Prometheus of canary checks, as Flagger's -metrics-server (default: ${DEFAULT-VALUE}).")
    String metricsServer;

    @Option(names = "--mesh-provider", defaultValue = ControllerConfig.DEFAULT_MESH_PROVIDER, paramLabel = "PROVIDER", description = "The provider of Canaries without spec.provider: linkerd, istio, nginx, gatewayapi:v1, kubernetes, ... (default: ${DEFAULT-VALUE}).")
    String meshProvider;

    @Option(names = "--selector-labels", defaultValue = "app,name,app.kubernetes.io/name", paramLabel = "LABELS", description = "Labels identifying a canary target's pods, first match wins (default: ${DEFAULT-VALUE}).")
    String selectorLabels;

    /** The resolved configuration; every bad flag is an error naming it. */
    ControllerConfig config() {
        KubernetesOptions k = Kubeconfigs.options(kubeconfig, context).withRateLimit(qps, burst);
        if (namespace != null && !namespace.isBlank()) {
            k = k.withNamespace(namespace);
        }
        if (!watchLabelSelector.isBlank()) {
            k = k.withWatchLabelSelector(watchLabelSelector);
        }
        String identity = System.getenv("POD_NAME");
        if (identity == null || identity.isBlank()) {
            identity = Clients.hostName();
        }
        ControllerConfig.LeaseTimings lease = new ControllerConfig.LeaseTimings(duration("--leader-election-lease-duration",
                leaseDuration), duration("--leader-election-renew-deadline", renewDeadline),
                duration("--leader-election-retry-period", retryPeriod));
        Path cache = cacheDir != null ? cacheDir : ServerContext.home().resolve("cache");
        ControllerConfig c = ControllerConfig.defaults(k, identity, cache)
                .withLeaderElection(leaderElect, lease)
                .withAddresses(ListenAddress.parse("--metrics-addr", metricsAddr), ListenAddress.parse("--health-addr", healthAddr),
                        ListenAddress.parse("--receiver-addr", receiverAddr))
                .withDashboard(ListenAddress.parse("--dashboard-addr", dashboardAddr),
                        tokenFile != null ? tokenFile : cache.resolve("token"))
                .withConcurrent(concurrent);
        return c.withCanaries(c.canaries().withMetricsServer(metricsServer)
                .withCore(new ControllerSettings(meshProvider, c.canaries().core().clusterName()))
                .withSelectorLabels(ControllerConfig.selectorLabels(selectorLabels)));
    }

    private static Duration duration(String flag, String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " '" + value + "': expected a duration such as 30s or 1m30s");
        }
    }

    @Override
    public Integer call() throws Exception {
        Logging.configure(Logging.parseFormat(logFormat), Logging.parseLevels(logLevel));
        ControllerConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        ControllerRuntime runtime = ControllerRuntime.start(config);
        // SIGTERM (the kubelet stopping the pod) and Ctrl-C: stop gracefully before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        stopped.await();
        return 0;
    }
}
