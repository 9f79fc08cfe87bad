package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.helm.controller.HelmReleaseReconciler;
import dev.sluice.helm.release.ReleaseStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install remediation, retries, --reset/--force, drift, dependsOn and resuming after a restart. */
class HelmRemediationIT {

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

    private void release(String name, String extra) {
        h.apply("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: %s, namespace: apps}
                spec:
                  interval: 5m
                  timeout: 1m
                  chart:
                    spec:
                      chart: podinfo
                      sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}
                """.formatted(name) + extra);
    }

    private int releaseSecrets() {
        return h.cluster.list(dev.sluice.api.GroupKind.of("", "Secret"), "apps", LabelSelector.matching(Map.of("owner", "helm"))).size();
    }

    @Test
    void aTimedOutInstallIsUninstalledAndRetriedThenStalls() {
        release("web", "  install: {remediation: {retries: 1}}\n");
        h.settle();
        h.advance(Duration.ofSeconds(61)); // the Deployment never becomes ready
        h.settle();
        KubeObject hr = h.hr("apps", "web");
        assertThat(h.events(hr.key())).anyMatch(e -> e.startsWith("Warning InstallFailed: Helm install failed for release apps/web "
                + "with chart podinfo@6.0.3: timeout waiting for: [Deployment/apps/web status: 'InProgress']"));
        assertThat(h.events(hr.key())).contains("Normal UninstallSucceeded: Helm uninstall remediation for release apps/web.v1 "
                + "with chart podinfo@6.0.3 succeeded");
        assertThat(hr.status().path("installFailures").asInt()).isEqualTo(1);
        assertThat(HelmHarness.condition(hr, "Ready").message()).isEqualTo("Running 'install' action with timeout of 1m0s");

        h.advance(Duration.ofSeconds(61));
        h.settle();
        hr = h.hr("apps", "web");
        assertThat(hr.status().path("installFailures").asInt()).isEqualTo(2);
        assertThat(HelmHarness.condition(hr, "Stalled").message()).isEqualTo("Failed to install after 2 attempt(s)");
        assertThat(HelmHarness.condition(hr, "Ready").isFalse()).isTrue();

        // flux reconcile hr web --reset: the counts start again and the install is retried.
        h.request(hr.key(), "2026-01-01T01:00:00Z", false, true);
        h.settle();
        hr = h.hr("apps", "web");
        assertThat(hr.status().path("lastHandledResetAt").asText()).isEqualTo("2026-01-01T01:00:00Z");
        // The failed revision is upgraded, as helm-controller does once the failure counts are reset.
        assertThat(HelmHarness.condition(hr, "Reconciling").message()).isEqualTo("Running 'upgrade' action with timeout of 1m0s");
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(HelmHarness.condition(h.hr("apps", "web"), "Ready").isTrue()).isTrue();
        assertThat(h.hr("apps", "web").status().has("Stalled")).isFalse();
    }

    @Test
    void forceUpgradesAnInSyncReleaseAndMaxHistoryKeepsTheStorageSmall() {
        release("web", "  maxHistory: 2\n");
        h.settle();
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        ObjectKey key = h.hr("apps", "web").key();
        for (int i = 0; i < 3; i++) {
            h.request(key, "2026-01-01T02:00:0" + i + "Z", true, false);
            h.settle();
            h.advance(Duration.ofSeconds(2));
            h.settle();
        }
        KubeObject hr = h.hr("apps", "web");
        assertThat(hr.status().path("lastHandledForceAt").asText()).isEqualTo("2026-01-01T02:00:02Z");
        assertThat(HelmHarness.condition(hr, "Ready").message())
                .isEqualTo("Helm upgrade succeeded for release apps/web.v4 with chart podinfo@6.0.3");
        assertThat(releaseSecrets()).isEqualTo(2);
    }

    @Test
    void driftIsReportedInWarnModeAndCorrectedInEnabledMode() {
        release("web", "  driftDetection: {mode: warn}\n");
        h.settle();
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        ObjectKey svc = new ObjectKey(HelmHarness.deployment(), "apps", "web");
        KubeObject live = h.get(svc);
        h.cluster.update(live.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("metadata").path("labels"))
                .put("app", "edited")), "kubectl-edit");
        ObjectKey key = h.hr("apps", "web").key();
        h.request(key, "t1", false, false);
        h.settle();
        assertThat(h.events(key)).contains("Warning DriftDetected: Cluster state of release apps/web.v1 has drifted from the "
                + "desired state:\nDeployment/apps/web changed");
        assertThat(h.get(svc).labels()).containsEntry("app", "edited");
        assertThat(HelmHarness.condition(h.hr("apps", "web"), "Drifted").reason()).isEqualTo("DriftDetected");
        assertThat(HelmHarness.condition(h.hr("apps", "web"), "Ready").isTrue()).as("warn mode only reports").isTrue();

        release("web", "  driftDetection: {mode: enabled}\n");
        h.settle();
        assertThat(h.get(svc).labels()).containsEntry("app", "web");
        assertThat(h.events(key)).anyMatch(e -> e.startsWith("Normal DriftCorrected: Cluster state of release apps/web.v1 has been corrected"));
    }

    @Test
    void waitsForItsDependencies() {
        release("frontend", "  dependsOn: [{name: backend}]\n");
        h.settle();
        KubeObject fe = h.hr("apps", "frontend");
        assertThat(HelmHarness.condition(fe, "Ready").reason()).isEqualTo("DependencyNotReady");
        assertThat(HelmHarness.condition(fe, "Ready").message())
                .isEqualTo("unable to get 'apps/backend' dependency: helmreleases.helm.toolkit.fluxcd.io \"backend\" not found");
        release("backend", "");
        h.settle();
        assertThat(HelmHarness.condition(h.hr("apps", "frontend"), "Ready").message()).isEqualTo("dependency 'apps/backend' is not ready");
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(5));
        h.settle();
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(5));
        h.settle();
        assertThat(HelmHarness.condition(h.hr("apps", "frontend"), "Ready").isTrue()).isTrue();
    }

    @Test
    void aRestartedControllerResumesWaitingAndAStrangersPendingReleaseIsUnlocked() throws Exception {
        release("web", "");
        h.settle();
        // A new reconciler (a restarted process) with nothing in memory picks up the pending install.
        HelmHarness fresh = h;
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        HelmReleaseReconciler restarted = (HelmReleaseReconciler) HelmControllers.create(h.cluster, h.clock,
                h.controllers.charts(), new dev.sluice.helm.chart.HelmSdkRenderer(dir.resolve("r2")),
                new dev.sluice.helm.source.HttpFetcher(), java.util.Optional.empty(), HelmHarness.SETTINGS)
                .registrations().get(2).reconciler();
        ObjectKey key = fresh.hr("apps", "web").key();
        restarted.reconcile(key);
        assertThat(HelmHarness.condition(h.hr("apps", "web"), "Released").message())
                .isEqualTo("Helm install succeeded for release apps/web.v1 with chart podinfo@6.0.3");

        // Someone else's upgrade was killed half-way: its pending revision is unlocked, then upgraded over.
        ReleaseStorage storage = new ReleaseStorage(h.cluster, h.clock);
        var v1 = storage.last("apps", "web").orElseThrow();
        storage.create(new dev.sluice.helm.release.Release("web", "apps", 2, "pending-upgrade", v1.firstDeployed(), h.clock.instant(),
                null, "Preparing upgrade", v1.chart(), v1.config(), v1.manifest(), v1.hooks()), "apps");
        h.request(key, "t2", false, false);
        h.settle();
        assertThat(h.events(key)).contains("Normal PendingRelease: Unlocked Helm release apps/web.v2 with chart podinfo@6.0.3 "
                + "in pending-upgrade state");
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(HelmHarness.condition(h.hr("apps", "web"), "Ready").message())
                .isEqualTo("Helm upgrade succeeded for release apps/web.v3 with chart podinfo@6.0.3");
    }
}
