package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.gitops.source.Artifact;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.helm.controller.HelmSettings;
import dev.sluice.helm.source.ChartStore;
import dev.sluice.helm.source.HelmChartReconciler;
import dev.sluice.helm.source.HttpFetcher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartIT {

    @TempDir
    Path dir;
    HelmHarness h;
    ChartRepoServer repo;

    @BeforeEach
    void setUp() throws Exception {
        h = new HelmHarness(dir);
        repo = new ChartRepoServer();
        for (String v : new String[] {"6.0.3", "6.1.0", "6.1.1", "7.0.0-rc.1", "7.0.0"}) {
            Map<String, String> files = TestCharts.podinfo("podinfo", v);
            files.put("values-prod.yaml", "replicaCount: 3\nimage:\n  tag: prod\n");
            files.put("values-bad.yaml", "replicaCount: 3\nimage:\n  tag: [unclosed\n");
            repo.add("podinfo", v, TestCharts.pack("podinfo", files));
        }
        h.namespace("flux-system");
        h.apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: podinfo, namespace: flux-system}
                spec: {url: %s, interval: 10m}
                """.formatted(repo.url()));
    }

    @AfterEach
    void tearDown() {
        repo.close();
        h.close();
    }

    private KubeObject chart(String version, String extra) {
        h.apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: podinfo, namespace: flux-system}
                spec:
                  chart: podinfo
                  version: "%s"
                  interval: 10m
                  sourceRef: {kind: HelmRepository, name: podinfo}
                """.formatted(version) + extra);
        h.settle();
        return h.get(ObjectKey.of("source.toolkit.fluxcd.io", "HelmChart", "flux-system", "podinfo"));
    }

    @Test
    void theRepositoryIndexIsStoredAsAnArtifactNamedByItsDigest() {
        h.settle();
        KubeObject r = h.get(ObjectKey.of("source.toolkit.fluxcd.io", "HelmRepository", "flux-system", "podinfo"));
        String revision = r.status().path("artifact").path("revision").asText();
        assertThat(revision).startsWith("sha256:");
        assertThat(r.status().path("artifact").path("path").asText())
                .isEqualTo("helmrepository/flux-system/podinfo/index-" + revision.substring(7) + ".yaml");
        assertThat(HelmHarness.condition(r, "Ready").message()).isEqualTo("stored artifact: revision '" + revision + "'");
    }

    @Test
    void picksTheHighestVersionInTheRangeAndNeverAPreRelease() {
        assertThat(chart(">=6.0.0 <7.0.0", "").status().path("artifact").path("revision").asText()).isEqualTo("6.1.1");
        assertThat(chart("~6.0", "").status().path("artifact").path("revision").asText()).isEqualTo("6.0.3");
        KubeObject latest = chart("*", "");
        assertThat(latest.status().path("artifact").path("revision").asText()).isEqualTo("7.0.0");
        assertThat(latest.status().path("artifact").path("path").asText()).isEqualTo("helmchart/flux-system/podinfo/podinfo-7.0.0.tgz");
        assertThat(HelmHarness.condition(latest, "Ready").message()).isEqualTo("pulled 'podinfo' chart with version '7.0.0'");
        KubeObject none = chart("8.x", "");
        assertThat(HelmHarness.condition(none, "Ready").isFalse()).isTrue();
        assertThat(HelmHarness.condition(none, "Ready").message()).isEqualTo("no 'podinfo' chart with version matching '8.x' found");
        assertThat(none.status().path("artifact").path("revision").asText()).isEqualTo("7.0.0"); // the last good artifact stays
    }

    @Test
    void anUnchangedVersionIsNotDownloadedAgain() {
        chart("6.1.x", "");
        int downloads = repo.downloads.get();
        h.request(ObjectKey.of("source.toolkit.fluxcd.io", "HelmChart", "flux-system", "podinfo"), "now", false, false);
        h.settle();
        assertThat(repo.downloads.get()).isEqualTo(downloads);
    }

    @Test
    void valuesFilesReplaceTheChartValuesInOrder() throws Exception {
        KubeObject c = chart("6.0.3", "  valuesFiles: [values.yaml, values-prod.yaml]\n");
        assertThat(c.status().path("observedValuesFiles").toString()).isEqualTo("[\"values.yaml\",\"values-prod.yaml\"]");
        ChartStore store = h.controllers.charts();
        ChartArchive a = ChartArchive.read(store.read(Artifact.fromStatus(c.status()).orElseThrow()), "x");
        assertThat(a.text("values.yaml")).contains("replicaCount: 3").contains("tag: prod").contains("repository: ghcr.io");
    }

    @Test
    void aBadValuesFileIsReportedWithItsNameAndLine() {
        KubeObject c = chart("6.0.3", "  valuesFiles: [values.yaml, values-bad.yaml]\n");
        assertThat(HelmHarness.condition(c, "Ready").isFalse()).isTrue();
        assertThat(HelmHarness.condition(c, "Ready").reason()).isEqualTo("ChartPullError");
        assertThat(HelmHarness.condition(c, "Ready").message()).startsWith("failed to parse values file 'values-bad.yaml': ")
                .contains("invalid YAML").contains("(line 4, column 1)");
        KubeObject missing = chart("6.0.3", "  valuesFiles: [values-nope.yaml]\n");
        assertThat(HelmHarness.condition(missing, "Ready").message()).isEqualTo("no values file found at path 'values-nope.yaml'");
    }

    @Test
    void aChartFromAGitRepositoryIsPackagedWithTheRevisionStrategyVersion() throws Exception {
        ArtifactStore git = new ArtifactStore(dir.resolve("git"), "http://source-controller", h.clock);
        ObjectKey gitKey = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "apps");
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Map<String, String> files = new LinkedHashMap<>();
        TestCharts.podinfo("podinfo", "6.0.3").forEach((k, v) -> files.put("charts/podinfo/" + k, v));
        files.put("env/prod-values.yaml", "replicaCount: 4\n");
        Artifact artifact = git.write(gitKey, "main@sha1:" + commit, w -> {
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                byte[] b = f.getValue().getBytes(StandardCharsets.UTF_8);
                w.add(f.getKey(), false, b.length, new ByteArrayInputStream(b));
            }
        });
        KubeObject gitObj = h.apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: apps, namespace: flux-system}
                spec: {url: https://example.invalid/apps, interval: 1m}
                """);
        h.cluster.updateStatus(gitObj.withStatus(HelmHarness.json("{\"artifact\":" + artifact.toNode() + "}")));
        HelmChartReconciler reconciler = new HelmChartReconciler(h.cluster, new HttpFetcher(), h.controllers.charts(),
                Optional.of(git), h.clock);
        h.apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: podinfo-git, namespace: flux-system}
                spec:
                  chart: ./charts/podinfo
                  interval: 10m
                  reconcileStrategy: Revision
                  valuesFiles: [./charts/podinfo/values.yaml, ./env/prod-values.yaml]
                  sourceRef: {kind: GitRepository, name: apps}
                """);
        ObjectKey key = ObjectKey.of("source.toolkit.fluxcd.io", "HelmChart", "flux-system", "podinfo-git");
        reconciler.reconcile(key);
        KubeObject c = h.get(key);
        assertThat(c.status().path("artifact").path("revision").asText()).isEqualTo("6.0.3+0123456789ab");
        assertThat(HelmHarness.condition(c, "Ready").message()).isEqualTo("packaged 'podinfo' chart with version '6.0.3+0123456789ab'");
        ChartArchive a = ChartArchive.read(h.controllers.charts().read(Artifact.fromStatus(c.status()).orElseThrow()), "x");
        assertThat(a.metadata().version()).isEqualTo("6.0.3+0123456789ab");
        assertThat(a.text("values.yaml")).contains("replicaCount: 4");
        assertThat(c.status().path("observedSourceArtifactRevision").asText()).isEqualTo("main@sha1:" + commit);
    }

    static HelmSettings settings() {
        return HelmHarness.SETTINGS;
    }
}
