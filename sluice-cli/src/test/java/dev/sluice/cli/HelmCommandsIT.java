package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.client.RemoteCluster;
import dev.sluice.testkit.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sluice get sources helm|chart}, {@code get hr} and {@code reconcile hr --force --reset} against a running API. */
class HelmCommandsIT {

    private EmbeddedCluster cluster;
    private ApiServer api;

    private KubeObject put(String yaml) {
        KubeObject o = KubeObject.parse(yaml);
        KubeObject created = cluster.create(o);
        return o.status().isMissingNode() ? created : cluster.updateStatus(created.withStatus(o.status()));
    }

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new SplittableRandom(3));
        put("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}");
        put("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: podinfo, namespace: flux-system}
                spec: {url: "https://stefanprodan.github.io/podinfo", interval: 1m}
                status:
                  artifact: {revision: "sha256:0123456789abcdef0123", digest: "sha256:x", path: p, url: u}
                  conditions: [{type: Ready, status: "True", reason: Succeeded, message: "stored artifact: revision 'sha256:0123456789abcdef0123'"}]
                """);
        put("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: flux-system-podinfo, namespace: flux-system}
                spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}, interval: 1m}
                status:
                  artifact: {revision: "6.0.3", digest: "sha256:y", path: p, url: u}
                  conditions: [{type: Ready, status: "True", reason: ChartPullSucceeded, message: "pulled 'podinfo' chart with version '6.0.3'"}]
                """);
        put("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: podinfo, namespace: flux-system}
                spec: {interval: 5m, chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: podinfo}}}}
                status:
                  lastAttemptedRevision: "6.0.4"
                  history: [{name: podinfo, namespace: flux-system, version: 1, chartName: podinfo, chartVersion: "6.0.3"}]
                  conditions: [{type: Ready, status: "True", reason: InstallSucceeded, message: "Helm install succeeded for release flux-system/podinfo.v1 with chart podinfo@6.0.3"}]
                """);
        put("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: oci-charts, namespace: flux-system}
                spec: {url: "oci://ghcr.io/stefanprodan/charts", type: oci, interval: 1m}
                """);
        api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), cluster, ResourceTypes.builtIn(), TokenAuth.of("t"));
    }

    @AfterEach
    void stop() {
        api.close();
        cluster.close();
    }

    @Test
    void listsHelmSourcesAndReleasesWithFluxsColumns() {
        CliRunner helm = CliRunner.run("get", "sources", "helm", "--server", api.baseUrl());
        assertThat(helm.exitCode()).isZero();
        assertThat(helm.out()).contains("NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE")
                .contains("podinfo").contains("sha256:01234567 ").contains("stored artifact");
        CliRunner chart = CliRunner.run("get", "sources", "chart", "--server", api.baseUrl());
        assertThat(chart.out()).contains("flux-system-podinfo").contains("6.0.3").contains("pulled 'podinfo' chart");
        CliRunner hr = CliRunner.run("get", "hr", "--server", api.baseUrl());
        assertThat(hr.out()).contains("6.0.3").doesNotContain("6.0.4").contains("Helm install succeeded");
    }

    @Test
    void reconcileWithForceAndResetSetsFluxsAnnotationsAndWaitsForTheRelease() throws Exception {
        RemoteCluster remote = new RemoteCluster(URI.create(api.baseUrl()), "t", ResourceTypes.builtIn());
        ObjectKey key = new ObjectKey(Targets.HELMRELEASE.kind, "flux-system", "podinfo");
        AtomicBoolean stop = new AtomicBoolean();
        Thread controller = Thread.ofVirtual().start(() -> {
            // Stands in for the HelmRelease reconciler: answers the request once forceAt and resetAt are both set.
            while (!stop.get()) {
                KubeObject o = cluster.get(key).orElseThrow();
                String at = o.annotations().getOrDefault("reconcile.fluxcd.io/requestedAt", "");
                if (!at.isEmpty() && at.equals(o.annotations().get("reconcile.fluxcd.io/forceAt"))
                        && at.equals(o.annotations().get("reconcile.fluxcd.io/resetAt"))
                        && !at.equals(o.status().path("lastHandledReconcileAt").asText())) {
                    ObjectNode s = (ObjectNode) o.status().deepCopy();
                    s.put("lastHandledReconcileAt", at).put("lastHandledForceAt", at);
                    ((ObjectNode) s.path("history").get(0)).put("chartVersion", "6.0.4");
                    cluster.updateStatus(o.withStatus(s));
                }
                Thread.onSpinWait();
            }
        });
        try {
            StringWriter out = new StringWriter();
            boolean ok = ReconcileCommand.reconcile(CliCluster.of(remote), Targets.HELMRELEASE, "flux-system", "podinfo", Duration.ofSeconds(20),
                    new PrintWriter(out, true), Style.plain(), List.of("reconcile.fluxcd.io/forceAt", "reconcile.fluxcd.io/resetAt"));
            assertThat(ok).isTrue();
            assertThat(out.toString()).contains("► annotating HelmRelease podinfo in flux-system namespace")
                    .contains("◎ waiting for HelmRelease reconciliation").contains("applied revision 6.0.4");
        } finally {
            stop.set(true);
            controller.join();
        }
    }

    @Test
    void reconcileHrNeedsAnExistingRelease() {
        CliRunner r = CliRunner.run("reconcile", "hr", "missing", "--force", "--server", api.baseUrl());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("HelmRelease 'flux-system/missing' not found");
    }

    @Test
    void anOciHelmRepositoryIsShownReadyAndIsNotReconciledAsFluxDoes() throws Exception {
        CliRunner helm = CliRunner.run("get", "sources", "helm", "--server", api.baseUrl());
        assertThat(helm.out().lines().filter(l -> l.startsWith("oci-charts")))
                .singleElement().satisfies(l -> assertThat(l.split("\\s{2,}")).containsExactly("oci-charts", "False", "True",
                        "Helm repository is Ready"));
        RemoteCluster remote = new RemoteCluster(URI.create(api.baseUrl()), "t", ResourceTypes.builtIn());
        StringWriter out = new StringWriter();
        assertThat(ReconcileCommand.reconcile(CliCluster.of(remote), Targets.SOURCE_HELM, "flux-system", "oci-charts",
                Duration.ofSeconds(5), new PrintWriter(out, true), Style.plain())).isTrue();
        assertThat(out.toString()).isEqualTo("✔ reconciliation not supported by the object\n");
        assertThat(cluster.get(new ObjectKey(Targets.SOURCE_HELM.kind, "flux-system", "oci-charts")).orElseThrow().annotations())
                .doesNotContainKey("reconcile.fluxcd.io/requestedAt");
    }
}
