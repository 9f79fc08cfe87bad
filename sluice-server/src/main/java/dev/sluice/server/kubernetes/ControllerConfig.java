package dev.sluice.server.kubernetes;

import dev.sluice.delivery.canary.ControllerSettings;
import dev.sluice.delivery.reconcile.CanarySettings;
import dev.sluice.kubernetes.KubernetesOptions;
import dev.sluice.kubernetes.LeaderElectionOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code sluice controller} runs: the flags of Flux's controllers and Flagger's, resolved.
 *
 * @param kubernetes     how to reach the API server ({@code --kubeconfig}, {@code --context},
 *                       {@code --namespace}, {@code --kube-api-qps}, {@code --kube-api-burst},
 *                       {@code --watch-label-selector})
 * @param identity       this replica's name: the Lease holder and the Events' reporting instance
 *                       ({@code POD_NAME}, else the host name)
 * @param leaderElect    {@code --leader-elect}: run the controllers only while holding the Lease
 * @param lease          the Lease timings ({@code --leader-election-lease-duration}, ...)
 * @param metricsAddr    {@code --metrics-addr}: where {@code /metrics} is served; empty turns it off
 * @param healthAddr     {@code --health-addr}: where {@code /healthz} and {@code /readyz} are served; empty
 *                       turns them off
 * @param receiverAddr   {@code --receiver-addr}: where notification receivers ({@code /hook/...}) are served;
 *                       empty turns them off
 * @param dashboardAddr  {@code --dashboard-addr}: where the dashboard and the read/act HTTP API are served
 *                       (loopback by default: users reach it with {@code kubectl port-forward}); empty turns
 *                       them off
 * @param tokenFile      {@code --token-file}: the token the dashboard's actions and the API's writes need; read
 *                       when present (e.g. a mounted Secret), else generated with mode 0600
 * @param concurrent     {@code --concurrent}: reconciles at once across all controllers
 * @param cacheDir       {@code --cache-dir}: artifacts and Git caches (an emptyDir in the pod)
 * @param canaries       Flagger's flags: {@code --metrics-server}, {@code --mesh-provider},
 *                       {@code --selector-labels}
 * @param shutdownGrace  how long in-flight reconciles may run after SIGTERM (the pod's
 *                       terminationGracePeriodSeconds is 60)
 * @param clock          the controllers' clock
 */
public record ControllerConfig(KubernetesOptions kubernetes, String identity, boolean leaderElect, LeaseTimings lease,
                               Optional<InetSocketAddress> metricsAddr, Optional<InetSocketAddress> healthAddr,
                               Optional<InetSocketAddress> receiverAddr, Optional<InetSocketAddress> dashboardAddr,
                               Path tokenFile, int concurrent, Path cacheDir, CanarySettings canaries,
                               Duration shutdownGrace, Clock clock) {

    /** {@code --dashboard-addr}'s default: loopback only, as embedded mode's API. */
    public static final String DEFAULT_DASHBOARD_ADDR = "127.0.0.1:9494";

    /** Kubernetes mode's default mesh provider: Sluice is Linkerd-first, as its embedded mode. */
    public static final String DEFAULT_MESH_PROVIDER = "linkerd";

    /**
     * Leader election timings.
     *
     * @param leaseDuration how long others wait for a Lease that is not renewed (Flux: 35 s)
     * @param renewDeadline how long the leader tries to renew before it stops (Flux: 30 s)
     * @param retryPeriod   how often to try to acquire or renew (Flux: 5 s)
     */
    public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

        public static final LeaseTimings FLUX = new LeaseTimings(Duration.ofSeconds(35), Duration.ofSeconds(30),
                Duration.ofSeconds(5));

        /** @throws IllegalArgumentException naming the flags, as {@link LeaderElectionOptions} checks them */
        public LeaseTimings {
            Objects.requireNonNull(leaseDuration, "leaseDuration");
            Objects.requireNonNull(renewDeadline, "renewDeadline");
            Objects.requireNonNull(retryPeriod, "retryPeriod");
            // The same rules as the election's own options, checked when the flags are read.
            new LeaderElectionOptions("check", LeaderElectionOptions.DEFAULT_LEASE, "check", leaseDuration, renewDeadline,
                    retryPeriod);
        }
    }

    public ControllerConfig {
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(identity, "identity");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("the controller needs an identity (POD_NAME or the host name), got none");
        }
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(metricsAddr, "metricsAddr");
        Objects.requireNonNull(healthAddr, "healthAddr");
        Objects.requireNonNull(receiverAddr, "receiverAddr");
        Objects.requireNonNull(dashboardAddr, "dashboardAddr");
        Objects.requireNonNull(tokenFile, "tokenFile");
        if (concurrent < 1) {
            throw new IllegalArgumentException("--concurrent must be at least 1, got " + concurrent);
        }
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(canaries, "canaries");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The flags' defaults: leader election on, {@code :8080} metrics, {@code :9440} probes, {@code :9292}
     * receivers, the dashboard on {@value #DEFAULT_DASHBOARD_ADDR} with its token in {@code <cacheDir>/token}, 4 concurrent reconciles, Prometheus at {@code http://prometheus:9090}, the Linkerd mesh.
     */
    public static ControllerConfig defaults(KubernetesOptions kubernetes, String identity, Path cacheDir) {
        return new ControllerConfig(kubernetes, identity, true, LeaseTimings.FLUX,
                Optional.of(ListenAddress.parse("--metrics-addr", ":8080").orElseThrow()),
                Optional.of(ListenAddress.parse("--health-addr", ":9440").orElseThrow()),
                Optional.of(ListenAddress.parse("--receiver-addr", ":9292").orElseThrow()),
                ListenAddress.parse("--dashboard-addr", DEFAULT_DASHBOARD_ADDR), cacheDir.resolve("token"), 4, cacheDir,
                CanarySettings.DEFAULTS.withCore(new ControllerSettings(DEFAULT_MESH_PROVIDER, ""))
                        .withSelectorLabels(CanarySettings.DEFAULT_SELECTOR_LABELS),
                Duration.ofSeconds(30), Clock.systemUTC());
    }

    public ControllerConfig withLeaderElection(boolean elect, LeaseTimings timings) {
        return new ControllerConfig(kubernetes, identity, elect, timings, metricsAddr, healthAddr, receiverAddr,
                dashboardAddr, tokenFile, concurrent, cacheDir, canaries, shutdownGrace, clock);
    }

    public ControllerConfig withAddresses(Optional<InetSocketAddress> metrics, Optional<InetSocketAddress> health,
                                          Optional<InetSocketAddress> receiver) {
        return new ControllerConfig(kubernetes, identity, leaderElect, lease, metrics, health, receiver,
                dashboardAddr, tokenFile, concurrent, cacheDir, canaries, shutdownGrace, clock);
    }

    public ControllerConfig withConcurrent(int n) {
        return new ControllerConfig(kubernetes, identity, leaderElect, lease, metricsAddr, healthAddr, receiverAddr,
                dashboardAddr, tokenFile, n, cacheDir, canaries, shutdownGrace, clock);
    }

    public ControllerConfig withCanaries(CanarySettings settings) {
        return new ControllerConfig(kubernetes, identity, leaderElect, lease, metricsAddr, healthAddr, receiverAddr,
                dashboardAddr, tokenFile, concurrent, cacheDir, settings, shutdownGrace, clock);
    }

    public ControllerConfig withShutdownGrace(Duration grace) {
        return new ControllerConfig(kubernetes, identity, leaderElect, lease, metricsAddr, healthAddr, receiverAddr,
                dashboardAddr, tokenFile, concurrent, cacheDir, canaries, grace, clock);
    }

    /** {@code --dashboard-addr} and {@code --token-file}. */
    public ControllerConfig withDashboard(Optional<InetSocketAddress> addr, Path token) {
        return new ControllerConfig(kubernetes, identity, leaderElect, lease, metricsAddr, healthAddr, receiverAddr, addr,
                token, concurrent, cacheDir, canaries, shutdownGrace, clock);
    }

    /** Flagger's {@code -selector-labels} as a comma-separated list. */
    public static List<String> selectorLabels(String commaSeparated) {
        return List.of(commaSeparated.split("\\s*,\\s*")).stream().filter(s -> !s.isBlank()).toList();
    }
}
