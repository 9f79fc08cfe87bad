package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.DeleteOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pre-delete} and {@code post-delete} hooks around an uninstall: on deletion and as remediation. */
class HelmDeleteHooksIT {

    private static final ObjectKey DEPLOYMENT = new ObjectKey(HelmHarness.deployment(), "apps", "web");
    private static final ObjectKey PRE = ObjectKey.of("batch", "Job", "apps", "web-pre-delete");
    private static final ObjectKey POST = ObjectKey.of("", "Pod", "apps", "web-post-delete");

    @TempDir
    Path dir;
    HelmHarness h;
    ChartRepoServer repo;

    @BeforeEach
    void setUp() throws Exception {
        h = new HelmHarness(dir);
        Map<String, String> files = TestCharts.podinfo("podinfo", "6.0.3");
        files.put("templates/hooks/pre-delete.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-pre-delete
                  annotations:
                    "helm.sh/hook": pre-delete
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: drain, image: busybox:1.36, command: [sh, -c, "echo draining"]}]
                """);
        files.put("templates/hooks/post-delete.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{ .Release.Name }}-post-delete
                  annotations:
                    "helm.sh/hook": post-delete
                    "helm.sh/hook-delete-policy": hook-succeeded
                spec:
                  restartPolicy: Never
                  containers: [{name: notify, image: busybox:1.36, command: [sh, -c, "echo gone"]}]
                """);
        repo = new ChartRepoServer().add("podinfo", "6.0.3", TestCharts.pack("podinfo", files));
        h.podinfoRepository(repo, "apps");
    }

    @AfterEach
    void tearDown() {
        repo.close();
        h.close();
    }

    private KubeObject release(String extra) {
        return h.apply("""
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
                """ + extra);
    }

    private void installed(String extra) {
        release(extra);
        h.settle();
        h.kubelet.rollOut("apps");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(HelmHarness.condition(h.hr("apps", "web"), "Ready").isTrue()).isTrue();
        assertThat(h.cluster.get(PRE)).isEmpty(); // delete hooks do not run on install
    }

    private int revisions() {
        return h.cluster.list(dev.sluice.api.GroupKind.of("", "Secret"), "apps", LabelSelector.matching(Map.of("owner", "helm"))).size();
    }

    @Test
    void deletionRunsPreDeleteHooksThenDeletesTheObjectsThenRunsPostDeleteHooks() {
        installed("");
        ObjectKey key = h.hr("apps", "web").key();
        h.cluster.delete(key, DeleteOptions.background());
        h.settle();
        assertThat(h.cluster.get(PRE)).isPresent();
        assertThat(h.cluster.get(DEPLOYMENT)).as("kept until the pre-delete hooks succeeded").isPresent();
        assertThat(h.cluster.get(key)).isPresent();

        assertThat(h.kubelet.finishJob("apps", "web-pre-delete", true)).isTrue();
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.cluster.get(DEPLOYMENT)).isEmpty();
        assertThat(h.cluster.get(POST)).isPresent();
        assertThat(h.cluster.get(key)).as("kept until the post-delete hooks ended").isPresent();

        assertThat(h.kubelet.finishPod("apps", "web-post-delete", "Succeeded")).isTrue();
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.cluster.get(key)).isEmpty();
        assertThat(h.cluster.get(POST)).as("hook-succeeded delete policy").isEmpty();
        assertThat(h.cluster.get(PRE)).as("no delete policy: kept, as Helm keeps it").isPresent();
        assertThat(revisions()).isZero();
        assertThat(h.events(key)).contains("Normal UninstallSucceeded: Helm uninstall succeeded for release apps/web.v1 "
                + "with chart podinfo@6.0.3");
    }

    @Test
    void aFailingPreDeleteHookKeepsEverythingAndIsRunAgain() {
        installed("");
        ObjectKey key = h.hr("apps", "web").key();
        h.cluster.delete(key, DeleteOptions.background());
        h.settle();
        assertThat(h.kubelet.finishJob("apps", "web-pre-delete", false)).isTrue();
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.events(key)).anyMatch(e -> e.equals("Warning UninstallFailed: Helm uninstall failed for release apps/web.v1 "
                + "with chart podinfo@6.0.3: pre-delete hooks failed: job web-pre-delete failed: BackoffLimitExceeded"));
        assertThat(h.cluster.get(DEPLOYMENT)).isPresent();
        assertThat(h.cluster.get(key)).isPresent();
        // The next attempt runs the hook again (a new Job); this time it succeeds and the uninstall goes on.
        assertThat(h.cluster.get(PRE).orElseThrow().status().path("conditions").isEmpty()).isTrue();
        assertThat(h.kubelet.finishJob("apps", "web-pre-delete", true)).isTrue();
        h.settle();
        assertThat(h.cluster.get(DEPLOYMENT)).isEmpty();
        assertThat(h.kubelet.finishPod("apps", "web-post-delete", "Succeeded")).isTrue();
        h.settle();
        assertThat(h.cluster.get(key)).isEmpty();
    }

    @Test
    void disableHooksUninstallsAtOnce() {
        installed("  uninstall: {disableHooks: true}\n");
        ObjectKey key = h.hr("apps", "web").key();
        h.cluster.delete(key, DeleteOptions.background());
        h.settle();
        assertThat(h.cluster.get(key)).isEmpty();
        assertThat(h.cluster.get(DEPLOYMENT)).isEmpty();
        assertThat(h.cluster.get(PRE)).isEmpty();
        assertThat(h.cluster.get(POST)).isEmpty();
    }

    @Test
    void anUninstallRemediationRunsTheDeleteHooksToo() {
        release("  install: {remediation: {retries: 1}}\n");
        h.settle();
        h.advance(Duration.ofSeconds(61)); // the Deployment never becomes ready: install failed, uninstall remediation
        h.settle();
        KubeObject waiting = h.hr("apps", "web");
        assertThat(HelmHarness.condition(waiting, "Reconciling").message()).isEqualTo("Running 'uninstall' action with timeout of 1m0s");
        assertThat(h.cluster.get(PRE)).isPresent();
        assertThat(h.cluster.get(DEPLOYMENT)).isPresent();

        assertThat(h.kubelet.finishJob("apps", "web-pre-delete", true)).isTrue();
        h.settle();
        assertThat(h.kubelet.finishPod("apps", "web-post-delete", "Succeeded")).isTrue();
        h.settle();
        KubeObject hr = h.hr("apps", "web");
        assertThat(h.events(hr.key())).contains("Normal UninstallSucceeded: Helm uninstall remediation for release apps/web.v1 "
                + "with chart podinfo@6.0.3 succeeded");
        // then installed again (retries remain): a new revision 1 is waiting for its Deployment
        assertThat(HelmHarness.condition(hr, "Reconciling").message()).isEqualTo("Running 'install' action with timeout of 1m0s");
        assertThat(hr.status().path("installFailures").asInt()).isEqualTo(1);
    }
}
