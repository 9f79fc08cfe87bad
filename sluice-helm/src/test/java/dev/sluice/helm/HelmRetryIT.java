package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install|upgrade.strategy: RetryOnFailure}: no remediation, the upgrade again after retryInterval, never stalled. */
class HelmRetryIT {

    @TempDir
    Path dir;
    HelmHarness h;
    ChartRepoServer repo;

    @BeforeEach
    void setUp() throws Exception {
        h = new HelmHarness(dir);
        repo = new ChartRepoServer().add("podinfo", "6.0.3", TestCharts.pack("podinfo", TestCharts.podinfo("podinfo", "6.0.3")));
        h.podinfoRepository(repo, "apps");
    }

    @AfterEach
    void tearDown() {
        repo.close();
        h.close();
    }

    private void release(String values) {
        h.apply("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web, namespace: apps}
                spec:
                  interval: 5m
                  timeout: 1m
                  chart:
                    spec:
                      chart: podinfo
                      sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}
                  install: {strategy: {name: RetryOnFailure, retryInterval: 2m}}
                  upgrade: {strategy: {name: RetryOnFailure, retryInterval: 2m}}
                """ + values);
    }

    private int revisions() {
        return h.cluster.list(dev.sluice.api.GroupKind.of("", "Secret"), "apps", LabelSelector.matching(Map.of("owner", "helm"))).size();
    }

    private KubeObject hr() {
        return h.hr("apps", "web");
    }

    @Test
    void aFailedInstallIsNotRemediatedButUpgradedAgainAfterTheRetryInterval() {
        release("");
        h.settle();
        h.advance(Duration.ofSeconds(61)); // the Deployment never becomes ready
        h.settle();
        assertThat(h.events(hr().key())).anyMatch(e -> e.startsWith("Warning InstallFailed: Helm install failed for release apps/web"))
                .noneMatch(e -> e.contains("Uninstall"));
        assertThat(revisions()).isEqualTo(1); // the failed revision stays: no uninstall remediation
        assertThat(HelmHarness.condition(hr(), "Reconciling").reason()).isEqualTo("ProgressingWithRetry");
        assertThat(HelmHarness.condition(hr(), "Reconciling").message()).isEqualTo("retrying after 2m0s");
        assertThat(HelmHarness.condition(hr(), "Ready").reason()).isEqualTo("InstallFailed");
        assertThat(hr().status().path("installFailures").asInt()).isEqualTo(1);

        h.advance(Duration.ofSeconds(90)); // woken before the interval (e.g. by a workload change): nothing yet
        h.kubelet.rollOut("apps");
        h.settle();
        assertThat(revisions()).isEqualTo(1);
        assertThat(HelmHarness.condition(hr(), "Reconciling").message()).isEqualTo("retrying after 2m0s");

        h.advance(Duration.ofSeconds(31));
        h.settle();
        assertThat(revisions()).isEqualTo(2);
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        KubeObject ok = hr();
        assertThat(HelmHarness.condition(ok, "Ready").message())
                .isEqualTo("Helm upgrade succeeded for release apps/web.v2 with chart podinfo@6.0.3");
        assertThat(ok.status().has("installFailures")).isFalse(); // cleared on success with RetryOnFailure
        assertThat(ok.status().has("failures")).isFalse();
        assertThat(ok.status().path("conditions").toString()).doesNotContain("Reconciling");
    }

    @Test
    void aFailingUpgradeIsRetriedForeverWithoutRollbackOrStall() {
        release("");
        h.settle();
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(HelmHarness.condition(hr(), "Ready").isTrue()).isTrue();

        release("  values: {replicaCount: 3}\n");
        h.settle();
        for (int attempt = 1; attempt <= 2; attempt++) {
            h.advance(Duration.ofSeconds(61)); // the new replicas never become ready
            h.settle();
            assertThat(hr().status().path("upgradeFailures").asInt()).isEqualTo(attempt);
            assertThat(HelmHarness.condition(hr(), "Reconciling").message()).isEqualTo("retrying after 2m0s");
            h.advance(Duration.ofMinutes(2));
            h.settle();
        }
        KubeObject hr = hr();
        assertThat(h.events(hr.key())).noneMatch(e -> e.contains("Rollback") || e.contains("Uninstall"));
        assertThat(hr.status().path("conditions").toString()).doesNotContain("Stalled").doesNotContain("Remediated");
        assertThat(HelmHarness.condition(hr, "Reconciling").message()).isEqualTo("Running 'upgrade' action with timeout of 1m0s");
        assertThat(revisions()).isEqualTo(4);
    }
}
