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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's acceptance on {@code examples/helm-local}: a HelmRelease of a chart kept in the same Git
 * repository installs with {@code sluice up --once}, its Deployment runs, and a values change in Git
 * upgrades it.
 */
class HelmExampleIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "helm-local");
    private static final ObjectKey RELEASE = ObjectKey.of("helm.toolkit.fluxcd.io", "HelmRelease", "web", "web");
    private static final ObjectKey DEPLOYMENT = ObjectKey.of("apps", "Deployment", "web", "web");

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
            assertThat(hr.path("message").asText()).isEqualTo("Helm install succeeded for release web/web.v1 with chart web@0.1.0");
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
            });

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
            });
        }
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
