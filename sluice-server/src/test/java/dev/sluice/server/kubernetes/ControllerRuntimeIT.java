package dev.sluice.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.KubernetesOptions;
import dev.sluice.testkit.git.TestRepo;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice controller}'s composition on fabric8's mock API server: Git to cluster through the
 * real reconcilers, informers, scheduler, probes and metrics. Server-side apply is emulated by
 * {@link MockDispatcher} (requests recorded as sent, merge semantics not checked).
 */
class ControllerRuntimeIT {

    static final ObjectKey CONFIG = ObjectKey.of("", "ConfigMap", "apps", "web");
    static final ObjectKey KS = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps");
    static final ObjectKey GIT = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "apps");

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private KubernetesCluster cluster;
    private TestRepo repo;
    private ControllerRuntime runtime;

    @BeforeEach
    void arrange() {
        cluster = kube.cluster();
        repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("deploy/web.yaml", config("blue")).commit("blue");
    }

    /** The runtime first (a graceful stop talks to the server), then the server, then the test's clients. */
    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
        kube.close();
        repo.close();
    }

    static String config(String color) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: apps}
                data: {color: %s}
                """.formatted(color);
    }

    static void sync(MockKube kube, KubernetesCluster cluster, String url) {
        kube.put(cluster, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 1m, url: "%s", ref: {branch: main}}
                """.formatted(url));
        kube.put(cluster, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 10m, path: ./deploy, prune: true, sourceRef: {kind: GitRepository, name: apps}}
                """);
    }

    static ControllerConfig config(KubernetesOptions options, String identity, Path cacheDir) {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        return ControllerConfig.defaults(options, identity, cacheDir).withLeaderElection(false, ControllerConfig.LeaseTimings.FLUX)
                .withAddresses(Optional.of(any), Optional.of(any), Optional.empty())
                .withDashboard(Optional.empty(), cacheDir.resolve("token"));
    }

    static String color(KubernetesCluster cluster) {
        return cluster.get(CONFIG).map(c -> c.at("/data/color").asText()).orElse("");
    }

    static boolean ready(KubernetesCluster cluster, ObjectKey key) {
        return cluster.get(key).flatMap(o -> Conditions.find(o.status(), "Ready")).map(c -> c.isTrue()).orElse(false);
    }

    static HttpResponse<String> http(InetSocketAddress at, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void appliesWhatGitHoldsAndFollowsNewCommits() throws Exception {
        ControllerConfig config = config(kube.options(), "sluice-0", tmp.resolve("cache")).withConcurrent(2);
        Path kubeconfig = kube.kubeconfig(tmp);
        // Through --kubeconfig and --context, as the command line passes them.
        runtime = ControllerRuntime.start(new ControllerConfig(KubernetesOptions.defaults().withKubeconfig(kubeconfig)
                .withContext(MockKube.CONTEXT).withRateLimit(0, 0), config.identity(), config.leaderElect(), config.lease(),
                config.metricsAddr(), config.healthAddr(), config.receiverAddr(), config.dashboardAddr(), config.tokenFile(),
                config.concurrent(), config.cacheDir(),
                config.canaries(), config.shutdownGrace(), config.clock()));
        InetSocketAddress health = runtime.healthAddress().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> http(health, "/readyz").statusCode() == 200);
        assertThat(http(health, "/healthz").body()).isEqualTo("ok\n");

        sync(kube, cluster, repo.url());

        await().atMost(Duration.ofSeconds(30)).until(() -> color(cluster).equals("blue") && ready(cluster, KS));
        assertThat(ready(cluster, GIT)).isTrue();
        KubeObject ks = cluster.get(KS).orElseThrow();
        assertThat(ks.status().path("lastAppliedRevision").asText()).isEqualTo("main@sha1:" + repo.head());
        assertThat(ks.status().at("/inventory/entries/0/id").asText()).isEqualTo("apps_web__ConfigMap");
        MockKube.Apply apply = kube.applies().stream().filter(a -> a.path().endsWith("/configmaps/web"))
                .findFirst().orElseThrow();
        assertThat(apply.path()).isEqualTo("/api/v1/namespaces/apps/configmaps/web");
        assertThat(apply.query()).contains("fieldManager=sluice").contains("force=true").doesNotContain("dryRun");
        assertThat(apply.body().at("/metadata/labels").toString())
                .contains("\"kustomize.toolkit.fluxcd.io/name\":\"apps\"");

        // A new commit: the file:// repository is watched, the GitRepository's new artifact wakes the Kustomization.
        repo.write("deploy/web.yaml", config("green")).commit("green");
        await().atMost(Duration.ofSeconds(30)).until(() -> color(cluster).equals("green"));

        String metrics = http(runtime.metricsAddress().orElseThrow(), "/metrics").body();
        assertThat(metrics).contains(
                "gotk_reconcile_condition{kind=\"Kustomization\",name=\"apps\",namespace=\"flux-system\",status=\"True\",type=\"Ready\"} 1.0")
                .contains("leader_election_master_status{name=\"sluice-leader-election\"} 1.0")
                .contains("gotk_reconcile_duration_seconds_count{kind=\"GitRepository\",name=\"apps\",namespace=\"flux-system\"}");
        assertThat(runtime.isLeading()).as("without --leader-elect the controllers always run").isTrue();
    }

    @Test
    void closingLetsTheReconcileInFlightFinish() throws Exception {
        runtime = ControllerRuntime.start(config(kube.options(), "sluice-0", tmp.resolve("cache")));
        sync(kube, cluster, repo.url());
        await().atMost(Duration.ofSeconds(30)).until(() -> ready(cluster, KS));
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.reconciles() > 0);

        // The next status write of the Kustomization takes 1.5 s to answer (a slow API server).
        String status = "/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps/status";
        kube.server.expect().put().delay(1500, TimeUnit.MILLISECONDS).withPath(status)
                .andReply(200, req -> req.getUtf8Body()).once();
        drainRequests();
        cluster.mergePatch(KS, dev.sluice.api.Json.parseObject(
                "{\"metadata\":{\"annotations\":{\"reconcile.fluxcd.io/requestedAt\":\"now\"}}}"));
        awaitRequest("PUT", status);
        long before = runtime.reconciles(KS);

        long started = System.nanoTime();
        runtime.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("close waited for the slow write")
                .isGreaterThan(Duration.ofMillis(500));
        assertThat(runtime.reconciles(KS)).as("the reconcile in flight finished successfully").isEqualTo(before + 1);
        assertThat(runtime.isReady()).isFalse();
    }

    private void drainRequests() throws InterruptedException {
        while (kube.server.takeRequest(50, TimeUnit.MILLISECONDS) != null) {
            // drop what was sent so far
        }
    }

    private void awaitRequest(String method, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            RecordedRequest r = kube.server.takeRequest(100, TimeUnit.MILLISECONDS);
            if (r != null && r.getMethod().equals(method) && r.getPath().startsWith(path)) {
                return;
            }
        }
        throw new AssertionError("no " + method + " " + path + " within 20 s");
    }
}
