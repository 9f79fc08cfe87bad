package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import dev.sluice.testkit.git.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's acceptance on {@code examples/helm-local}: a HelmRelease of a chart kept in the same Git
 * repository installs with {@code sluice up --once}, its Deployment runs, its test hook (a Pod the
 * workload runner runs as a local process) passes, a values change in Git upgrades it, and an
 * upgrade whose test hook fails is rolled back.
 */
class HelmExampleIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "helm-local");
    private static final ObjectKey RELEASE = ObjectKey.of("helm.toolkit.fluxcd.io", "HelmRelease", "web", "web");
    private static final ObjectKey DEPLOYMENT = ObjectKey.of("apps", "Deployment", "web", "web");
    private static final ObjectKey TEST_POD = ObjectKey.of("", "Pod", "web", "web-test-readyz");

    @TempDir
    Path dir;

    private TestRepo exampleRepo() {
        TestRepo repo = TestRepo.init(dir.resolve("repo"), "main");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                repo.write(EXAMPLE.relativize(f).toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repo.commit("helm-local example");
        return repo;
    }

    @Test
    void upOnceReportsTheHelmReleaseReady() {
        try (TestRepo repo = exampleRepo()) {
            CliRunner r = CliRunner.run("up", "--repo", repo.dir().toString(), "--state-dir", dir.resolve("state").toString(),
                    "--port", "0", "--mesh-port", "0", "--once", "--timeout", "2m", "-o", "json");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            JsonNode report = Json.parseObject(r.out());
            assertThat(report.path("ready").asBoolean()).isTrue();
            JsonNode hr = report.path("helmReleases").get(0);
            assertThat(hr.path("name").asText()).isEqualTo("web");
            assertThat(hr.path("ready").asText()).isEqualTo("True");
            assertThat(hr.path("revision").asText()).isEqualTo("0.1.0");
            // Ready once the chart's test hook, run by the workload runner, passed.
            assertThat(hr.path("message").asText())
                    .isEqualTo("Helm test succeeded for release web/web.v1 with chart web@0.1.0: 1 test hook completed successfully");
        }
    }

    @Test
    void theReleasesDeploymentRunsAndAValuesChangeInGitUpgradesIt() throws Exception {
        try (TestRepo repo = exampleRepo();
             EmbeddedRuntime runtime = EmbeddedRuntime.start(EmbeddedConfig.defaults(dir.resolve("state"))
                     .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                     .withRepo(repo.dir().toString(), "main", "./clusters/local"))) {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                KubeObject d = runtime.cluster().get(DEPLOYMENT).orElseThrow();
                assertThat(d.status().path("readyReplicas").asInt()).isEqualTo(1);
                assertThat(message(d)).isEqualTo("hello from a HelmRelease");
                assertTested(runtime, 1, "0.1.0");
            });
            // The test hook asked the release's Service, through the mesh, for podinfo's readiness.
            assertThat(runtime.runner().logs("web", "web-test-readyz", Optional.empty()).tail(-1))
                    .anyMatch(line -> line.contains("GET http://web.web:9898/readyz"))
                    .anyMatch(line -> line.contains("\"status\"") && line.contains("OK"));

            repo.write("clusters/local/web.yaml", Files.readString(EXAMPLE.resolve("clusters/local/web.yaml"))
                    .replace("message: hello from a HelmRelease", "message: upgraded from Git"));
            repo.commit("web: new message");

            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                KubeObject hr = runtime.cluster().get(RELEASE).orElseThrow();
                assertThat(hr.status().path("history").get(0).path("version").asInt()).isEqualTo(2);
                KubeObject d = runtime.cluster().get(DEPLOYMENT).orElseThrow();
                assertThat(message(d)).isEqualTo("upgraded from Git");
                assertThat(d.status().path("updatedReplicas").asInt()).isEqualTo(1);
                assertThat(d.status().path("readyReplicas").asInt()).isEqualTo(1);
                assertTested(runtime, 2, "0.1.0");
            });
        }
    }

    @Test
    void anUpgradeWhoseTestHookFailsIsRolledBack() throws Exception {
        try (TestRepo repo = exampleRepo();
             EmbeddedRuntime runtime = EmbeddedRuntime.start(EmbeddedConfig.defaults(dir.resolve("state"))
                     .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                     .withRepo(repo.dir().toString(), "main", "./clusters/local"))) {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> assertTested(runtime, 1, "0.1.0"));

            repo.write("charts/web/templates/tests/test-fails.yaml", """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: {{ .Release.Name }}-test-fails
                      annotations: {"helm.sh/hook": test}
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: check
                          image: busybox:1.36
                          command: [sh, -c, 'echo "this release is broken"; exit 1']
                    """);
            repo.write("charts/web/Chart.yaml", Files.readString(EXAMPLE.resolve("charts/web/Chart.yaml"))
                    .replace("version: 0.1.0", "version: 0.2.0"));
            repo.write("clusters/local/web.yaml", Files.readString(EXAMPLE.resolve("clusters/local/web.yaml"))
                    .replace("message: hello from a HelmRelease", "message: broken"));
            repo.commit("web: a chart whose test fails");

            await().atMost(Duration.ofMinutes(3)).ignoreExceptions().untilAsserted(() -> {
                KubeObject hr = runtime.cluster().get(RELEASE).orElseThrow();
                assertThat(condition(hr, "Remediated").path("reason").asText()).isEqualTo("RollbackSucceeded");
                // One commit changes the chart and the values, but they can reach the release in two steps:
                // then v2 is a values-only upgrade of chart 0.1.0 (its test passes), v3 the failing one, and the
                // rollback returns to v2 with its values. Either way the previous release's chart and values come back.
                String remediated = condition(hr, "Remediated").path("message").asText();
                assertThat(remediated).matches("Helm rollback to previous release web/web\\.v[12] with chart web@0\\.1\\.0 succeeded");
                assertThat(runtime.cluster().events(RELEASE)).anyMatch(e -> e.reason().equals("TestFailed")
                        && e.message().matches("Helm test failed for release web/web\\.v\\d with chart web@0\\.2\\.0: pod web-test-fails failed"));
                assertThat(message(runtime.cluster().get(DEPLOYMENT).orElseThrow()))
                        .isEqualTo(remediated.contains("web.v1") ? "hello from a HelmRelease" : "broken");
            });
            KubeObject failed = runtime.cluster().get(ObjectKey.of("", "Pod", "web", "web-test-fails")).orElseThrow();
            assertThat(failed.status().path("phase").asText()).isEqualTo("Failed");
            assertThat(failed.status().path("containerStatuses").get(0).path("state").path("terminated").path("exitCode").asInt())
                    .isEqualTo(1);
            assertThat(runtime.runner().logs("web", "web-test-fails", Optional.empty()).tail(-1))
                    .contains("this release is broken");
        }
    }

    /** The newest release is {@code version} and its test hook passed. */
    private static void assertTested(EmbeddedRuntime runtime, int version, String chart) {
        KubeObject hr = runtime.cluster().get(RELEASE).orElseThrow();
        assertThat(hr.status().path("history").get(0).path("version").asInt()).isEqualTo(version);
        assertThat(condition(hr, "TestSuccess").path("status").asText()).isEqualTo("True");
        assertThat(condition(hr, "TestSuccess").path("message").asText()).isEqualTo("Helm test succeeded for release web/web.v"
                + version + " with chart web@" + chart + ": 1 test hook completed successfully");
        KubeObject pod = runtime.cluster().get(TEST_POD).orElseThrow();
        assertThat(pod.status().path("phase").asText()).isEqualTo("Succeeded");
    }

    private static JsonNode condition(KubeObject o, String type) {
        for (JsonNode c : o.status().path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return Json.object();
    }

    private static String message(KubeObject deployment) {
        for (JsonNode env : deployment.spec().path("template").path("spec").path("containers").get(0).path("env")) {
            if (env.path("name").asText().equals("PODINFO_UI_MESSAGE")) {
                return env.path("value").asText();
            }
        }
        return "";
    }
}
