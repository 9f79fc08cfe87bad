package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmReleaseIT {

    @TempDir
    Path dir;
    HelmHarness h;
    ChartRepoServer repo;

    @BeforeEach
    void setUp() throws Exception {
        h = new HelmHarness(dir);
        repo = new ChartRepoServer().add("podinfo", "6.0.3", TestCharts.pack("podinfo", TestCharts.podinfo("podinfo", "6.0.3")));
        h.podinfoRepository(repo, "faces");
    }

    @AfterEach
    void tearDown() {
        repo.close();
        h.close();
    }

    private KubeObject helmRelease(String extraSpec) {
        return h.apply("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: podinfo, namespace: faces}
                spec:
                  interval: 5m
                  chart:
                    spec:
                      chart: podinfo
                      version: "6.0.x"
                      sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}
                """ + extraSpec);
    }

    private static ObjectKey deployment() {
        return new ObjectKey(HelmHarness.deployment(), "faces", "podinfo");
    }

    private List<Release> releases() {
        return h.cluster.list(dev.sluice.api.GroupKind.of("", "Secret"), "faces", LabelSelector.matching(Map.of("owner", "helm")))
                .stream().map(s -> ReleaseCodec.decode(new String(Base64.getDecoder().decode(s.field("data").path("release").asText()),
                        StandardCharsets.UTF_8))).sorted(java.util.Comparator.comparingInt(Release::version)).toList();
    }

    private void install() {
        helmRelease("  values: {replicaCount: 2}\n");
        h.settle();
        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();
    }

    @Test
    void installsTheChartWaitsForItsDeploymentAndStoresTheReleaseAsHelmDoes() {
        helmRelease("  values: {replicaCount: 2}\n");
        h.settle();

        KubeObject waiting = h.hr("faces", "podinfo");
        assertThat(HelmHarness.condition(waiting, "Ready").status()).isEqualTo("Unknown");
        assertThat(HelmHarness.condition(waiting, "Ready").message()).isEqualTo("Running 'install' action with timeout of 5m0s");
        assertThat(h.get(deployment()).spec().path("replicas").asInt()).isEqualTo(2);
        assertThat(h.get(deployment()).labels()).containsEntry("helm.toolkit.fluxcd.io/name", "podinfo")
                .containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(h.get(deployment()).annotations()).containsEntry("meta.helm.sh/release-name", "podinfo");
        assertThat(releases()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("pending-install"));

        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();

        KubeObject hr = h.hr("faces", "podinfo");
        assertThat(HelmHarness.condition(hr, "Ready").isTrue()).isTrue();
        assertThat(HelmHarness.condition(hr, "Ready").message())
                .isEqualTo("Helm install succeeded for release faces/podinfo.v1 with chart podinfo@6.0.3");
        assertThat(HelmHarness.condition(hr, "Released").reason()).isEqualTo("InstallSucceeded");
        assertThat(hr.status().path("history").get(0).path("chartVersion").asText()).isEqualTo("6.0.3");
        assertThat(hr.status().path("lastAttemptedRevision").asText()).isEqualTo("6.0.3");
        assertThat(hr.status().path("helmChart").asText()).isEqualTo("flux-system/faces-podinfo");
        KubeObject secret = h.get(ObjectKey.of("", "Secret", "faces", "sh.helm.release.v1.podinfo.v1"));
        assertThat(secret.field("type").asText()).isEqualTo("helm.sh/release.v1");
        assertThat(secret.labels()).containsEntry("owner", "helm").containsEntry("status", "deployed").containsEntry("version", "1");
        Release r = releases().get(0);
        assertThat(r.manifest()).contains("# Source: podinfo/templates/deployment.yaml").contains("replicas: 2")
                .doesNotContain("grpc-test");
        assertThat(r.hooks()).hasSize(1);
        assertThat(r.config().path("replicaCount").asInt()).isEqualTo(2);
        assertThat(h.events(hr.key())).contains(
                "Normal InstallSucceeded: Helm install succeeded for release faces/podinfo.v1 with chart podinfo@6.0.3");
    }

    @Test
    void upgradesOnAValuesChangeAndSupersedesThePreviousRelease() {
        install();
        helmRelease("  values: {replicaCount: 3}\n");
        h.settle();
        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();

        KubeObject hr = h.hr("faces", "podinfo");
        assertThat(HelmHarness.condition(hr, "Ready").message())
                .isEqualTo("Helm upgrade succeeded for release faces/podinfo.v2 with chart podinfo@6.0.3");
        assertThat(h.get(deployment()).spec().path("replicas").asInt()).isEqualTo(3);
        assertThat(releases()).extracting(Release::status).containsExactly("superseded", "deployed");

        h.settle(); // in sync: nothing more
        assertThat(releases()).hasSize(2);
    }

    @Test
    void aFailingTestHookIsRemediatedByRollingBackToThePreviousRelease() {
        helmRelease("""
                  values: {replicaCount: 2}
                  test: {enable: true}
                  upgrade: {remediation: {retries: 0, remediateLastFailure: true}}
                """);
        h.settle();
        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.kubelet.finishPod("faces", "podinfo-grpc-test", "Succeeded")).isTrue();
        h.advance(Duration.ofSeconds(2));
        h.settle();
        KubeObject tested = h.hr("faces", "podinfo");
        assertThat(HelmHarness.condition(tested, "TestSuccess").message())
                .isEqualTo("Helm test succeeded for release faces/podinfo.v1 with chart podinfo@6.0.3: 1 test hook completed successfully");
        assertThat(HelmHarness.condition(tested, "Ready").isTrue()).isTrue();

        helmRelease("""
                  values: {replicaCount: 2, message: broken}
                  test: {enable: true}
                  upgrade: {remediation: {retries: 0, remediateLastFailure: true}}
                """);
        h.settle();
        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.kubelet.finishPod("faces", "podinfo-grpc-test", "Failed")).isTrue();
        h.advance(Duration.ofSeconds(2));
        h.settle();

        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();

        KubeObject hr = h.hr("faces", "podinfo");
        assertThat(h.events(hr.key())).anyMatch(e -> e.startsWith(
                "Warning TestFailed: Helm test failed for release faces/podinfo.v2 with chart podinfo@6.0.3: pod podinfo-grpc-test failed"));
        assertThat(HelmHarness.condition(hr, "Remediated").reason()).isEqualTo("RollbackSucceeded");
        assertThat(HelmHarness.condition(hr, "Remediated").message())
                .isEqualTo("Helm rollback to previous release faces/podinfo.v1 with chart podinfo@6.0.3 succeeded");
        assertThat(HelmHarness.condition(hr, "Ready").isFalse()).isTrue();
        assertThat(releases()).extracting(Release::status).containsExactly("superseded", "superseded", "deployed");
        assertThat(releases().get(2).description()).isEqualTo("Rollback to 1");
        assertThat(h.get(deployment()).toJson()).contains("\"value\":\"hello\"").doesNotContain("broken");
        assertThat(hr.status().path("upgradeFailures").asInt()).isEqualTo(1);
        // Out of retries: the release stays rolled back and the object is stalled until its spec changes.
        assertThat(HelmHarness.condition(hr, "Stalled").reason()).isEqualTo("RetriesExceeded");
        assertThat(HelmHarness.condition(hr, "Stalled").message()).isEqualTo("Failed to upgrade after 1 attempt(s)");
    }

    @Test
    void deletingTheHelmReleaseUninstallsIt() {
        install();
        KubeObject hr = h.hr("faces", "podinfo");
        h.cluster.delete(hr.key(), DeleteOptions.background());
        h.settle();

        assertThat(h.cluster.get(hr.key())).isEmpty();
        assertThat(h.cluster.get(deployment())).isEmpty();
        assertThat(h.cluster.get(new ObjectKey(HelmHarness.deployment(), "faces", "podinfo"))).isEmpty();
        assertThat(releases()).isEmpty();
        assertThat(h.cluster.get(ObjectKey.of("source.toolkit.fluxcd.io", "HelmChart", "flux-system", "faces-podinfo"))).isEmpty();
        assertThat(h.events(hr.key())).contains(
                "Normal UninstallSucceeded: Helm uninstall succeeded for release faces/podinfo.v1 with chart podinfo@6.0.3");
    }

    @Test
    void aValueOfTheWrongTypeFailsTheInstallNamingTheValuePath() {
        helmRelease("  values: {image: ghcr.io/stefanprodan/podinfo}\n");
        h.settle();

        KubeObject hr = h.hr("faces", "podinfo");
        assertThat(HelmHarness.condition(hr, "Ready").isFalse()).isTrue();
        assertThat(HelmHarness.condition(hr, "Released").reason()).isEqualTo("InstallFailed");
        assertThat(HelmHarness.condition(hr, "Released").message())
                .startsWith("Helm install failed for release faces/podinfo with chart podinfo@6.0.3: ")
                .contains("templates/deployment.yaml").contains("<.Values.image.repository>");
        assertThat(releases()).isEmpty();
        assertThat(h.cluster.get(deployment())).isEmpty();
    }

    @Test
    void postRenderersPatchTheRenderedObjects() {
        helmRelease("""
                  postRenderers:
                    - kustomize:
                        patches:
                          - target: {kind: Deployment}
                            patch: |
                              - op: add
                                path: /metadata/annotations
                                value: {patched: "yes"}
                        images:
                          - name: ghcr.io/stefanprodan/podinfo
                            newTag: 6.1.0
                """);
        h.settle();
        KubeObject d = h.get(deployment());
        assertThat(d.annotations()).containsEntry("patched", "yes");
        assertThat(d.toJson()).contains("ghcr.io/stefanprodan/podinfo:6.1.0");
        assertThat(releases().get(0).manifest()).contains("# Source: podinfo/templates/deployment.yaml").contains("patched");
    }

    @Test
    void preInstallHooksRunFirstAndPostInstallHooksAfterTheObjectsAreReady() throws Exception {
        var files = TestCharts.podinfo("hooked", "1.0.0");
        files.put("templates/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-migrate
                  annotations:
                    helm.sh/hook: pre-install,pre-upgrade
                    helm.sh/hook-delete-policy: hook-succeeded
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: m, image: busybox}]
                """);
        files.put("templates/notify.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-installed
                  annotations:
                    helm.sh/hook: post-install
                data: {done: "yes"}
                """);
        repo.add("hooked", "1.0.0", TestCharts.pack("hooked", files));
        h.request(ObjectKey.of("source.toolkit.fluxcd.io", "HelmRepository", "flux-system", "podinfo"), "r1", false, false);
        h.apply("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: hooked, namespace: faces}
                spec:
                  interval: 5m
                  chart: {spec: {chart: hooked, sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}}}
                """);
        h.settle();
        ObjectKey job = ObjectKey.of("batch", "Job", "faces", "hooked-migrate");
        ObjectKey deploy = new ObjectKey(HelmHarness.deployment(), "faces", "hooked");
        ObjectKey notified = ObjectKey.of("", "ConfigMap", "faces", "hooked-installed");
        assertThat(h.cluster.get(job)).isPresent();
        assertThat(h.cluster.get(deploy)).as("objects wait for the pre-install hook").isEmpty();

        assertThat(h.kubelet.finishJob("faces", "hooked-migrate", true)).isTrue();
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.cluster.get(deploy)).isPresent();
        assertThat(h.cluster.get(job)).as("hook-succeeded deletes it").isEmpty();
        assertThat(h.cluster.get(notified)).as("post-install waits for the objects").isEmpty();

        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        h.advance(Duration.ofSeconds(2));
        h.settle();
        assertThat(h.cluster.get(notified)).isPresent();
        KubeObject hr = h.hr("faces", "hooked");
        assertThat(HelmHarness.condition(hr, "Ready").message())
                .isEqualTo("Helm install succeeded for release faces/hooked.v1 with chart hooked@1.0.0");
    }

    @Test
    void aFailingPreInstallHookFailsTheInstall() throws Exception {
        var files = TestCharts.podinfo("hooked", "1.0.1");
        files.put("templates/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations: {helm.sh/hook: pre-install}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: busybox}]}}}
                """);
        repo.add("hooked", "1.0.1", TestCharts.pack("hooked", files));
        h.request(ObjectKey.of("source.toolkit.fluxcd.io", "HelmRepository", "flux-system", "podinfo"), "r1", false, false);
        h.apply("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: hooked, namespace: faces}
                spec:
                  interval: 5m
                  chart: {spec: {chart: hooked, sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}}}
                """);
        h.settle();
        h.kubelet.finishJob("faces", "migrate", false);
        h.advance(Duration.ofSeconds(2));
        h.settle();
        KubeObject hr = h.hr("faces", "hooked");
        assertThat(HelmHarness.condition(hr, "Released").message()).isEqualTo("Helm install failed for release faces/hooked "
                + "with chart hooked@1.0.1: pre-install hooks failed: job migrate failed: BackoffLimitExceeded");
        assertThat(h.cluster.get(new ObjectKey(HelmHarness.deployment(), "faces", "hooked"))).isEmpty();
    }
}
