package dev.sluice.server.kubernetes;

import static dev.sluice.server.kubernetes.ControllerRuntimeIT.KS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.testkit.git.TestRepo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code sluice controller --leader-elect} replicas on one mock API server, with short (real) lease timings. */
class ControllerLeaderElectionIT {

    /**
     * A lease long enough that a loaded CI machine does not lose it between two renewals (which
     * would rightly move leadership mid-test), short retries so hand-over is quick.
     */
    private static final ControllerConfig.LeaseTimings FAST = new ControllerConfig.LeaseTimings(Duration.ofSeconds(15),
            Duration.ofSeconds(10), Duration.ofMillis(200));

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private KubernetesCluster cluster;
    private TestRepo repo;
    private ControllerRuntime a;
    private ControllerRuntime b;

    @BeforeEach
    void arrange() {
        cluster = kube.cluster();
        repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("deploy/web.yaml", ControllerRuntimeIT.config("blue")).commit("blue");
    }

    @AfterEach
    void close() {
        for (ControllerRuntime r : new ControllerRuntime[] {a, b}) {
            if (r != null) {
                r.close();
            }
        }
        kube.close();
        repo.close();
    }

    private ControllerRuntime replica(String id) throws Exception {
        return ControllerRuntime.start(ControllerRuntimeIT.config(kube.options(), id, tmp.resolve(id))
                .withLeaderElection(true, FAST));
    }

    @Test
    void onlyTheLeaderReconcilesAndClosingHandsOver() throws Exception {
        a = replica("a");
        b = replica("b");
        await().atMost(Duration.ofSeconds(15)).until(() -> a.isLeading() || b.isLeading());
        ControllerRuntime leader = a.isLeading() ? a : b;
        ControllerRuntime standby = leader == a ? b : a;

        ControllerRuntimeIT.sync(kube, cluster, repo.url());
        await().atMost(Duration.ofSeconds(30)).until(() -> ControllerRuntimeIT.color(cluster).equals("blue"));

        assertThat(standby.isLeading()).isFalse();
        assertThat(leader.reconciles(KS)).isPositive();
        assertThat(standby.reconciles()).as("a standby runs no reconcile").isZero();
        // controller-runtime's convention: a standby with synced caches is Ready.
        await().atMost(Duration.ofSeconds(10)).until(() -> standby.isReady() && leader.isReady());
        InetSocketAddress standbyHealth = standby.healthAddress().orElseThrow();
        assertThat(ControllerRuntimeIT.http(standbyHealth, "/readyz").statusCode()).isEqualTo(200);
        assertThat(ControllerRuntimeIT.http(standby.metricsAddress().orElseThrow(), "/metrics").body())
                .contains("leader_election_master_status{name=\"sluice-leader-election\"} 0.0");

        long closedAt = System.nanoTime();
        leader.close();
        // The Lease is released on close: the standby leads well before the 15 s lease would expire.
        await().atMost(Duration.ofSeconds(5)).until(standby::isLeading);
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(leader.isLeading()).isFalse();

        // The new leader reconciles: at start (every object is enqueued) and on the next commit.
        await().atMost(Duration.ofSeconds(10)).until(() -> standby.reconciles(KS) > 0);
        repo.write("deploy/web.yaml", ControllerRuntimeIT.config("green")).commit("green");
        await().atMost(Duration.ofSeconds(30)).until(() -> ControllerRuntimeIT.color(cluster).equals("green"));
    }
}
