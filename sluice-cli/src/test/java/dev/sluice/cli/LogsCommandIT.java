package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.ObjectKey;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import dev.sluice.testkit.git.TestRepo;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice logs} and its API endpoint against an embedded runtime running a process from Git. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsCommandIT {

    private static final ObjectKey ECHO = ObjectKey.of("apps", "Deployment", "default", "echo");

    @TempDir
    static Path dir;
    private TestRepo repo;
    private EmbeddedRuntime runtime;
    private String server;

    @BeforeAll
    void start() throws Exception {
        repo = TestRepo.init(dir.resolve("repo"), "main");
        repo.write("apps/echo.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: echo, namespace: default}
                spec:
                  selector: {matchLabels: {app: echo}}
                  template:
                    metadata: {labels: {app: echo}}
                    spec:
                      containers:
                      - name: main
                        image: busybox
                        env: [{name: GREETING, value: from-git}]
                        command: [sh, -c, "echo hello $GREETING; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done"]
                """);
        repo.commit("echo");
        runtime = EmbeddedRuntime.start(EmbeddedConfig.defaults(dir.resolve("state"))
                .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                .withRepo(repo.dir().toString(), "main", "./apps"));
        server = runtime.apiUrl();
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.cluster().get(ECHO)
                .map(d -> d.status().path("readyReplicas").asInt()).orElse(0) == 1);
    }

    @AfterAll
    void stop() {
        runtime.close();
        repo.close();
    }

    @Test
    void printsTheReplicasOutputFromTheFirstLine() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            CliRunner r = CliRunner.run("logs", "deploy/echo", "--server", server);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("hello from-git\ntick 1\n");
        });
    }

    @Test
    void tailLimitsTheLines() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            CliRunner r = CliRunner.run("logs", "deploy/echo", "-n", "default", "--tail", "2", "--server", server);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().lines().toList()).hasSize(2).allMatch(l -> l.matches("tick \\d+"));
        });
    }

    @Test
    void sluiceShowsTheServersOwnLog() {
        CliRunner r = CliRunner.run("logs", "sluice", "--server", server);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("INFO  d.s.server.embedded.EmbeddedRuntime - embedded mode running: API " + server);
    }

    @Test
    void anUnknownWorkloadOrContainerIsNamed() {
        CliRunner nope = CliRunner.run("logs", "deploy/nope", "--server", server);
        assertThat(nope.exitCode()).isNotZero();
        assertThat(nope.err()).contains("deployments.apps \"nope\" not found in namespace default");
        CliRunner container = CliRunner.run("logs", "deploy/echo", "-c", "sidecar", "--server", server);
        assertThat(container.exitCode()).isNotZero();
        assertThat(container.err()).contains("container sidecar is not valid for pod").contains("[main]");
    }

    @Test
    void followStreamsNewLinesAsTheyAreWritten() throws Exception {
        HttpResponse<InputStream> r = get("logs/default?target=deploy/echo&tail=1&follow=true", runtime.token());
        assertThat(r.statusCode()).isEqualTo(200);
        List<Integer> ticks = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            while (ticks.size() < 4) {
                String line = lines.readLine();
                assertThat(line).as("the stream stays open while the replica runs").isNotNull().matches("tick \\d+");
                ticks.add(Integer.parseInt(line.substring(5)));
            }
        }
        // The tail line, then three lines written after the request: consecutive, none lost or repeated.
        assertThat(ticks).containsExactly(ticks.get(0), ticks.get(0) + 1, ticks.get(0) + 2, ticks.get(0) + 3);
    }

    @Test
    void logsNeedTheToken() throws Exception {
        HttpResponse<InputStream> none = get("logs/default?target=deploy/echo", null);
        assertThat(none.statusCode()).isEqualTo(401);
        HttpResponse<InputStream> wrong = get("logs/default?target=deploy/echo", "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new String(wrong.body().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("hello");
    }

    private HttpResponse<InputStream> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.replaceAll("/*$", "/") + "api/sluice/v1/" + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
