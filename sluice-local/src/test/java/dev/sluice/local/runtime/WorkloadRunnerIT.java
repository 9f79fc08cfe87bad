package dev.sluice.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.runtime.exec.DefaultLauncher;
import dev.sluice.local.runtime.exec.DefaultProber;
import dev.sluice.local.runtime.exec.PortAllocator;
import dev.sluice.local.runtime.pod.CrashBackoff;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadRunnerIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;
    final FakeCluster cluster = new FakeCluster();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    BuiltinApps apps;
    final DefaultProber prober = new DefaultProber();
    WorkloadRunner runner;

    @BeforeEach
    void start() {
        apps = BuiltinApps.standard(Clock.systemUTC(), new Random(3));
        RunnerOptions options = RunnerOptions.defaults(stateDir, Optional.empty())
                .withTick(Duration.ofMillis(50))
                .withBackoff(new CrashBackoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(1)))
                .withMaxGrace(Duration.ofSeconds(3));
        runner = new WorkloadRunner(cluster, Clock.systemUTC(), new Random(1), options, new DefaultLauncher(apps, Optional.empty()),
                prober, PortAllocator.ephemeral());
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.close();
        apps.close();
        prober.close();
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static String classpath() throws Exception {
        return Path.of(TinyServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    String tiny(String greetingEnv) throws Exception {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: tiny, namespace: demo}
                spec:
                  replicas: 2
                  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
                  selector: {matchLabels: {app: tiny}}
                  template:
                    metadata: {labels: {app: tiny}}
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                      - name: server
                        image: example.com/tiny:1.0
                        command: ["JAVA", "-cp", "CP", "dev.sluice.local.runtime.TinyServer"]
                        args: ["from", "$(HOSTNAME)"]
                        ports: [{name: http, containerPort: 8080}]
                        env: [GREETING_ENV]
                        readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 1}
                """.replace("JAVA", java()).replace("CP", classpath()).replace("GREETING_ENV", greetingEnv);
    }

    String get(ReadyEndpoint e) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.portFor("http") + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    JsonNode status(String kind, String ns, String name) {
        return cluster.object(ObjectKey.of("apps", kind, ns, name)).status();
    }

    boolean refuses(int port) {
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException | InterruptedException e) {
            return e instanceof IOException;
        }
    }

    @Test
    void processesServeOnTheirOwnPortsAndRollToANewTemplate() throws Exception {
        cluster.put("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: tiny-config, namespace: demo}
                data: {greeting: hello}
                """);
        cluster.put(tiny("{name: GREETING, valueFrom: {configMapKeyRef: {name: tiny-config, key: greeting}}}"));
        await().atMost(WAIT).until(() -> runner.endpoints().current().ofWorkload("demo", "tiny").size() == 2);
        List<ReadyEndpoint> first = runner.endpoints().current().ofWorkload("demo", "tiny");
        assertThat(first).extracting(ReadyEndpoint::port).doesNotHaveDuplicates();
        for (ReadyEndpoint e : first) {
            assertThat(get(e)).isEqualTo("hello from " + e.pod());
        }
        await().atMost(WAIT).until(() -> status("Deployment", "demo", "tiny").path("availableReplicas").asInt() == 2);
        assertThat(runner.logs("demo", "deploy/tiny", Optional.empty()).tail(5)).anyMatch(l -> l.startsWith("started on "));

        cluster.put(tiny("{name: GREETING, value: bonjour}"));
        await().atMost(WAIT).until(() -> {
            List<ReadyEndpoint> now = runner.endpoints().current().ofWorkload("demo", "tiny");
            return now.size() == 2 && now.stream().noneMatch(e -> first.stream().anyMatch(f -> f.pod().equals(e.pod())));
        });
        for (ReadyEndpoint e : runner.endpoints().current().ofWorkload("demo", "tiny")) {
            assertThat(get(e)).isEqualTo("bonjour from " + e.pod());
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode s = status("Deployment", "demo", "tiny");
            assertThat(s.path("updatedReplicas").asInt()).isEqualTo(2);
            assertThat(s.path("replicas").asInt()).isEqualTo(2);
            assertThat(s.path("observedGeneration").asLong()).isEqualTo(2);
        });
        await().atMost(WAIT).until(() -> first.stream().allMatch(e -> refuses(e.port())));
    }

    @Test
    void crashingProcessBacksOffAndItsOutputIsKept() {
        cluster.put("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: crasher, namespace: demo}
                spec:
                  selector: {matchLabels: {app: crasher}}
                  template:
                    metadata: {labels: {app: crasher}}
                    spec:
                      containers:
                      - name: main
                        image: busybox
                        command: [sh, -c, "echo boom on $PORT; exit 3"]
                """);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(runner.pods("demo")).singleElement().satisfies(p -> assertThat(p.restarts()).isGreaterThanOrEqualTo(3));
            JsonNode failure = null;
            for (JsonNode c : status("Deployment", "demo", "crasher").path("conditions")) {
                if (c.path("type").asText().equals("ReplicaFailure")) {
                    failure = c;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.path("reason").asText()).isEqualTo("CrashLoopBackOff");
            assertThat(failure.path("message").asText()).contains("last exit code 3");
        });
        assertThat(runner.logs("demo", "deploy/crasher", Optional.empty()).tail(-1)).anyMatch(l -> l.matches("boom on \\d+"));
        assertThat(status("Deployment", "demo", "crasher").path("availableReplicas").asInt()).isZero();
    }

    @Test
    void builtinAppsRunAsReplicasWithTheirProbes() throws Exception {
        cluster.put("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: smiley, namespace: faces}
                spec:
                  replicas: 2
                  selector: {matchLabels: {service: smiley}}
                  template:
                    metadata: {labels: {service: smiley}}
                    spec:
                      containers:
                      - name: smiley
                        image: dwflynn/faces-service:0.8.0
                        ports: [{name: http, containerPort: 8000}]
                        env: [{name: FACES_SERVICE, value: smiley}, {name: SMILEY, value: HeartEyes}]
                        readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 1}
                ---
                """.split("---")[0]);
        cluster.put("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: podinfo, namespace: test}
                spec:
                  selector: {matchLabels: {app: podinfo}}
                  template:
                    metadata: {labels: {app: podinfo}}
                    spec:
                      containers:
                      - name: podinfod
                        image: ghcr.io/stefanprodan/podinfo:6.5.0
                        command: [./podinfo, --port=9898, --ui-message=canary]
                        ports: [{name: http, containerPort: 9898}]
                        readinessProbe:
                          exec: {command: [podcli, check, http, "localhost:9898/readyz"]}
                          periodSeconds: 1
                """);
        await().atMost(WAIT).until(() -> runner.endpoints().current().ofWorkload("faces", "smiley").size() == 2
                && runner.endpoints().current().ofWorkload("test", "podinfo").size() == 1);
        ReadyEndpoint smiley = runner.endpoints().current().selectedBy("faces", java.util.Map.of("service", "smiley")).getFirst();
        assertThat(Json.mapper().readTree(get(smiley)).path("smiley").asText()).isEqualTo("\uD83D\uDE0D");
        ReadyEndpoint podinfo = runner.endpoints().current().ofWorkload("test", "podinfo").getFirst();
        JsonNode info = Json.mapper().readTree(get(podinfo));
        assertThat(info.path("message").asText()).isEqualTo("canary");
        assertThat(info.path("version").asText()).isEqualTo("6.5.0");
        assertThat(runner.pods("faces")).hasSize(2).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo("Running");
            assertThat(p.containers().getFirst().builtin()).isTrue();
        });
    }

    @Test
    void closeStopsEveryProcess() throws Exception {
        cluster.put(tiny("{name: GREETING, value: hi}"));
        await().atMost(WAIT).until(() -> runner.endpoints().current().ofWorkload("demo", "tiny").size() == 2);
        List<ReadyEndpoint> running = runner.endpoints().current().ofWorkload("demo", "tiny");
        runner.close();
        assertThat(running).allSatisfy(e -> assertThat(refuses(e.port())).as("port " + e.port() + " closed").isTrue());
        assertThat(runner.pods()).isEmpty();
    }

    /** Embedded mode's controllers start after this on a restart, so that they never judge replicas still starting. */
    @Test
    void aRunnerStartedOverStoredWorkloadsSettlesOnlyOnceTheirReplicasAreReady() throws Exception {
        runner.close();
        cluster.put(podinfo("ready", "/readyz"));
        cluster.put(podinfo("never-ready", "/status/503"));
        RunnerOptions options = RunnerOptions.defaults(stateDir, Optional.empty()).withTick(Duration.ofMillis(50));
        runner = new WorkloadRunner(cluster, Clock.systemUTC(), new Random(2), options, new DefaultLauncher(apps, Optional.empty()),
                prober, PortAllocator.ephemeral());
        runner.start();

        assertThat(runner.awaitSettled(Duration.ofSeconds(2))).as("a replica that never gets ready holds it back").isFalse();
        cluster.delete(ObjectKey.of("apps", "Deployment", "test", "never-ready"), dev.sluice.cluster.DeleteOptions.background());
        assertThat(runner.awaitSettled(WAIT)).isTrue();
        assertThat(runner.pods()).filteredOn(p -> p.workload().equals("ready")).singleElement()
                .satisfies(p -> assertThat(p.readyContainers()).isEqualTo(1));
        assertThat(runner.endpoints().current().ofWorkload("test", "ready")).hasSize(1);
    }

    private static String podinfo(String name, String readyPath) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: NAME, namespace: test}
                spec:
                  selector: {matchLabels: {app: NAME}}
                  template:
                    metadata: {labels: {app: NAME}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: podinfod
                        image: ghcr.io/stefanprodan/podinfo:6.5.0
                        ports: [{name: http, containerPort: 9898}]
                        readinessProbe: {httpGet: {path: PATH, port: http}, periodSeconds: 1}
                """.replace("NAME", name).replace("PATH", readyPath);
    }
}
