package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Conditions;
import dev.sluice.api.ObjectKey;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.server.kubernetes.ControllerConfig;
import dev.sluice.server.kubernetes.ControllerRuntime;
import dev.sluice.server.kubernetes.MockKube;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster commands through {@code --kubeconfig}/{@code --context}, as against {@code sluice up}: a real
 * {@code sluice controller} runs on the mock API server and the CLI talks to the same mock.
 */
class KubernetesContextIT {

    static final ObjectKey KS = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps");

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private KubernetesCluster cluster;
    private TestRepo repo;
    private ControllerRuntime controller;
    private String kubeconfig;

    @BeforeEach
    void start() throws Exception {
        cluster = kube.cluster();
        kubeconfig = kube.kubeconfig(tmp).toString();
        repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("deploy/web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: apps}
                data: {color: blue}
                """).commit("blue");
        controller = ControllerRuntime.start(ControllerConfig.defaults(kube.options(), "sluice-0", tmp.resolve("cache"))
                .withLeaderElection(false, ControllerConfig.LeaseTimings.FLUX)
                .withAddresses(Optional.empty(), Optional.empty(), Optional.empty())
                .withDashboard(Optional.empty(), tmp.resolve("token")));
        kube.put(cluster, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 10m, url: "%s", ref: {branch: main}}
                """.formatted(repo.url()));
        kube.put(cluster, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 10m, path: ./deploy, prune: true, sourceRef: {kind: GitRepository, name: apps}}
                """);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.get(KS)
                .flatMap(k -> Conditions.find(k.status(), "Ready")).map(c -> c.isTrue()).orElse(false));
    }

    @AfterEach
    void stop() {
        controller.close();
        kube.close();
        repo.close();
    }

    @Test
    void getListsWithFluxColumns() {
        String revision = "main@sha1:" + repo.head().substring(0, 8);

        CliRunner ks = CliRunner.run("get", "ks", "--kubeconfig", kubeconfig, "--context", MockKube.CONTEXT);
        assertThat(ks.exitCode()).as(ks.err()).isZero();
        assertThat(ks.out().lines().toList()).hasSize(2);
        assertThat(ks.out()).startsWith("NAME").contains("REVISION").contains("READY");
        assertThat(ks.out().lines().toList().get(1)).startsWith("apps").contains(revision).contains("True");

        CliRunner git = CliRunner.run("get", "sources", "git", "-A", "--kubeconfig", kubeconfig);
        assertThat(git.exitCode()).as(git.err()).isZero();
        assertThat(git.out().lines().toList().get(1)).startsWith("flux-system").contains("apps").contains(revision);
    }

    @Test
    void reconcileAnnotatesAndWaitsForTheController() {
        repo.write("deploy/web.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: apps}
                data: {color: green}
                """).commit("green");

        CliRunner r = CliRunner.run("reconcile", "ks", "apps", "--with-source", "--kubeconfig", kubeconfig, "--timeout", "30s");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("► annotating GitRepository apps in flux-system namespace")
                .contains("► annotating Kustomization apps in flux-system namespace")
                .contains("✔ applied revision main@sha1:" + repo.head());
        assertThat(cluster.get(ObjectKey.of("", "ConfigMap", "apps", "web")).orElseThrow().at("/data/color").asText())
                .isEqualTo("green");
    }

    @Test
    void eventsForOneObjectUseTheRegardingFieldSelector() {
        CliRunner r = CliRunner.run("events", "--for", "Kustomization/apps", "--kubeconfig", kubeconfig);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("LAST SEEN").contains("Normal").contains("ReconciliationSucceeded")
                .contains("Kustomization/apps");
        assertThat(kube.fieldSelectors()).contains("regarding.name=apps");
    }

    @Test
    void aMissingKubeconfigIsAClearError() {
        CliRunner r = CliRunner.run("get", "ks", "--kubeconfig", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--kubeconfig " + tmp.resolve("nope") + ": no such file");
    }
}
