package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.source.Artifact;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.helm.controller.HelmSettings;
import dev.sluice.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance path of embedded mode in one process: a GitRepository artifact holding a chart, a
 * HelmRelease of that local chart, the controllers registered with {@link HelmControllers#register}
 * on a real scheduler and fed by their watches, a Deployment rolled out by a stand-in kubelet.
 */
class HelmControllersIT {

    @TempDir
    Path dir;

    @Test
    void aHelmReleaseOfAChartInGitBecomesReadyThroughTheWiredControllers() throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        try (EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(11))) {
            Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), clock, new SplittableRandom(3), SchedulerListener.NONE);
            ArtifactStore git = new ArtifactStore(dir.resolve("artifacts"), "http://source-controller", clock);
            HelmControllers helm = HelmControllers.create(cluster, clock, dir, Optional.of(git), HelmSettings.EMBEDDED);
            cluster.create(KubeObject.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: flux-system}"));
            cluster.create(KubeObject.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: faces}"));
            ObjectKey gitKey = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "flux-system");
            Map<String, String> files = new TreeMap<>();
            TestCharts.podinfo("podinfo", "6.0.3").forEach((k, v) -> files.put("charts/podinfo/" + k, v));
            Artifact artifact = git.write(gitKey, "main@sha1:" + "ab".repeat(20), w -> {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    byte[] b = f.getValue().getBytes(StandardCharsets.UTF_8);
                    w.add(f.getKey(), false, b.length, new ByteArrayInputStream(b));
                }
            });
            KubeObject repo = cluster.create(KubeObject.parse("""
                    apiVersion: source.toolkit.fluxcd.io/v1
                    kind: GitRepository
                    metadata: {name: flux-system, namespace: flux-system}
                    spec: {url: "file:///tmp/nowhere", interval: 1m}
                    """));
            cluster.updateStatus(repo.withStatus(HelmHarness.json("{\"artifact\":" + artifact.toNode() + "}")));
            cluster.create(KubeObject.parse("""
                    apiVersion: helm.toolkit.fluxcd.io/v2
                    kind: HelmRelease
                    metadata: {name: podinfo, namespace: faces}
                    spec:
                      interval: 5m
                      chart:
                        spec:
                          chart: ./charts/podinfo
                          reconcileStrategy: Revision
                          sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
                      values: {replicaCount: 2}
                    """));
            List<WatchWiring> wirings = helm.register(scheduler, cluster);
            FakeKubelet kubelet = new FakeKubelet(cluster);
            ObjectKey hr = ObjectKey.of("helm.toolkit.fluxcd.io", "HelmRelease", "faces", "podinfo");
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    scheduler.runUntilIdle(10_000);
                    kubelet.rollOut("faces");
                    clock.advance(Duration.ofSeconds(1));
                    return cluster.get(hr).flatMap(o -> Conditions.find(o.status(), "Ready")).map(c -> c.isTrue()).orElse(false);
                });
            } finally {
                wirings.forEach(WatchWiring::close);
            }
            KubeObject done = cluster.get(hr).orElseThrow();
            assertThat(Conditions.find(done.status(), "Ready").orElseThrow().message())
                    .isEqualTo("Helm install succeeded for release faces/podinfo.v1 with chart podinfo@6.0.3+abababababab");
            KubeObject deployment = cluster.get(ObjectKey.of("apps", "Deployment", "faces", "podinfo")).orElseThrow();
            assertThat(deployment.spec().path("replicas").asInt()).isEqualTo(2);
            assertThat(cluster.get(ObjectKey.of("", "Secret", "faces", "sh.helm.release.v1.podinfo.v1"))).isPresent();
        }
    }
}
