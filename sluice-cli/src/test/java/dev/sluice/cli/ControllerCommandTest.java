package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.kubernetes.install.InstallManifests;
import dev.sluice.kubernetes.install.InstallOptions;
import dev.sluice.server.kubernetes.ControllerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sluice controller}'s flags, and where the cluster commands go. */
class ControllerCommandTest {

    private static ControllerConfig parse(String... args) {
        ControllerCommand c = new ControllerCommand();
        new CommandLine(c).parseArgs(args);
        return c.config();
    }

    /** The container arguments of the install Deployment, after the "controller" subcommand. */
    private static List<String> deploymentArgs(InstallOptions o) {
        KubeObject d = InstallManifests.all(o).stream().filter(x -> x.kind().equals("Deployment")).findFirst().orElseThrow();
        List<String> args = new ArrayList<>();
        d.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
        assertThat(args.get(0)).isEqualTo("controller");
        return args.subList(1, args.size());
    }

    @Test
    void acceptsExactlyWhatTheInstallDeploymentPasses() {
        ControllerConfig c = parse(deploymentArgs(InstallOptions.defaults().withWatchLabelSelector("sharding.fluxcd.io/key=shard1"))
                .toArray(String[]::new));

        assertThat(c.leaderElect()).isTrue();
        assertThat(c.concurrent()).isEqualTo(4);
        assertThat(c.kubernetes().qps()).isEqualTo(50);
        assertThat(c.kubernetes().burst()).isEqualTo(300);
        assertThat(c.kubernetes().watchLabelSelector().toString()).isEqualTo("sharding.fluxcd.io/key=shard1");
        assertThat(c.metricsAddr().orElseThrow().getPort()).isEqualTo(InstallManifests.METRICS_PORT);
        assertThat(c.healthAddr().orElseThrow().getPort()).isEqualTo(InstallManifests.HEALTH_PORT);
        assertThat(c.receiverAddr().orElseThrow().getPort()).isEqualTo(InstallManifests.RECEIVER_PORT);
        assertThat(c.metricsAddr().orElseThrow().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(c.cacheDir()).isEqualTo(Path.of("/var/cache/sluice"));
        assertThat(c.dashboardAddr().orElseThrow().getAddress().isLoopbackAddress()).as("reached with kubectl port-forward")
                .isTrue();
        assertThat(c.dashboardAddr().orElseThrow().getPort()).isEqualTo(9494);
        assertThat(c.tokenFile()).isEqualTo(Path.of("/var/cache/sluice/token"));
    }

    @Test
    void theDashboardAddressAndTheTokenFile() {
        ControllerConfig c = parse("--dashboard-addr", "0", "--token-file", "/etc/sluice/token", "--receiver-addr", "0");

        assertThat(c.dashboardAddr()).as("0 turns the dashboard off").isEmpty();
        assertThat(c.receiverAddr()).as("0 turns the receivers off").isEmpty();
        assertThat(c.tokenFile()).isEqualTo(Path.of("/etc/sluice/token"));
        assertThat(parse("--dashboard-addr", ":9494").dashboardAddr().orElseThrow().getAddress().isAnyLocalAddress()).isTrue();
        assertThatThrownBy(() -> parse("--dashboard-addr", "9494")).hasMessageContaining("--dashboard-addr '9494': expected");
    }

    @Test
    void flaggersFlagsAndTheLeaseTimings() {
        ControllerConfig c = parse("--metrics-server", "http://prometheus.linkerd-viz:9090", "--mesh-provider", "nginx",
                "--selector-labels", "app, app.kubernetes.io/name", "--metrics-addr", "0", "--health-addr", "127.0.0.1:0",
                "--leader-election-lease-duration", "20s", "--leader-election-renew-deadline", "15s",
                "--leader-election-retry-period", "2s", "--namespace", "gitops");

        assertThat(c.canaries().metricsServer()).isEqualTo("http://prometheus.linkerd-viz:9090");
        assertThat(c.canaries().core().meshProvider()).isEqualTo("nginx");
        assertThat(c.canaries().selectorLabels()).containsExactly("app", "app.kubernetes.io/name");
        assertThat(c.metricsAddr()).as("0 turns /metrics off").isEmpty();
        assertThat(c.healthAddr().orElseThrow().getHostString()).isEqualTo("127.0.0.1");
        assertThat(c.lease().leaseDuration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.kubernetes().namespace()).isEqualTo("gitops");
        assertThat(c.leaderElect()).isFalse();

        ControllerConfig defaults = parse();
        assertThat(defaults.canaries().metricsServer()).isEqualTo("http://prometheus:9090");
        assertThat(defaults.canaries().core().meshProvider()).isEqualTo("linkerd");
        assertThat(defaults.canaries().selectorLabels()).containsExactly("app", "name", "app.kubernetes.io/name");
    }

    @Test
    void badFlagsNameTheFlagAndTheValue() {
        assertThatThrownBy(() -> parse("--metrics-addr", "8080")).hasMessageContaining("--metrics-addr '8080': expected [HOST]:PORT");
        assertThatThrownBy(() -> parse("--leader-election-renew-deadline", "40s"))
                .hasMessageContaining("--leader-election-renew-deadline (PT40S) must be shorter than --leader-election-lease-duration");
        assertThatThrownBy(() -> parse("--leader-election-retry-period", "soon"))
                .hasMessageContaining("--leader-election-retry-period 'soon': expected a duration");
        assertThatThrownBy(() -> parse("--concurrent", "0")).hasMessageContaining("--concurrent must be at least 1, got 0");
        assertThatThrownBy(() -> parse("--watch-label-selector", "a in (")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clusterCommandsGoToKubernetesWhenAskedOrWhenOnlyAKubeconfigExists() {
        ClusterOptions none = new ClusterOptions();
        ClusterOptions kube = new ClusterOptions();
        kube.context = "prod";
        ClusterOptions server = new ClusterOptions();
        server.server = URI.create("http://127.0.0.1:9494");

        assertThat(ClusterOptions.Target.resolve(kube, null, true, false)).isEqualTo(ClusterOptions.Target.KUBERNETES);
        assertThat(ClusterOptions.Target.resolve(server, null, false, true)).isEqualTo(ClusterOptions.Target.EMBEDDED);
        assertThat(ClusterOptions.Target.resolve(none, "http://x:1", false, true)).isEqualTo(ClusterOptions.Target.EMBEDDED);
        assertThat(ClusterOptions.Target.resolve(none, null, true, true)).as("a running 'sluice up' wins")
                .isEqualTo(ClusterOptions.Target.EMBEDDED);
        assertThat(ClusterOptions.Target.resolve(none, null, false, true)).isEqualTo(ClusterOptions.Target.KUBERNETES);
        assertThat(ClusterOptions.Target.resolve(none, null, false, false)).isEqualTo(ClusterOptions.Target.EMBEDDED);
    }
}
