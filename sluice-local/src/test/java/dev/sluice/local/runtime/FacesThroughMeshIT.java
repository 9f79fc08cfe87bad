package dev.sluice.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.LabelSelector;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.mesh.MeshProxy;
import dev.sluice.local.mesh.MeshProxyConfig;
import dev.sluice.local.mesh.kube.ReadyEndpoints;
import dev.sluice.local.runtime.exec.DefaultLauncher;
import dev.sluice.local.runtime.exec.DefaultProber;
import dev.sluice.local.runtime.exec.PortAllocator;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Faces demo end to end on loopback: the runner runs the four built-in workloads, publishes
 * their ready replicas to the real mesh proxy, and the GUI's calls go GUI → mesh → face → mesh →
 * smiley and color.
 */
class FacesThroughMeshIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;
    final FakeCluster cluster = new FakeCluster();
    BuiltinApps apps;
    final DefaultProber prober = new DefaultProber();
    MeshProxy mesh;
    WorkloadRunner runner;

    /** The adapter the composition root needs: the runner's snapshot as the mesh route builder's input. */
    static ReadyEndpoints forMesh(EndpointSnapshot snapshot) {
        return new ReadyEndpoints(snapshot.endpoints().stream()
                .map(e -> new ReadyEndpoints.Pod(e.namespace(), e.pod(), e.workload(), e.labels(), e.ports().stream()
                        .map(p -> new ReadyEndpoints.Port(p.name(), p.containerPort(), e.host(), p.port())).toList()))
                .toList());
    }

    @BeforeEach
    void start() throws Exception {
        apps = BuiltinApps.standard(Clock.systemUTC(), new Random(11));
        mesh = MeshProxy.start(MeshProxyConfig.defaults().withPorts(0, -1).withIoThreads(1));
        Optional<InetSocketAddress> address = Optional.of(new InetSocketAddress("127.0.0.1", mesh.port()));
        RunnerOptions options = RunnerOptions.defaults(stateDir, address).withTick(Duration.ofMillis(50));
        runner = new WorkloadRunner(cluster, Clock.systemUTC(), new Random(1), options, new DefaultLauncher(apps, address),
                prober, PortAllocator.ephemeral());
        runner.endpoints().subscribe(s -> mesh.updateFrom(cluster.list(GroupKind.of("", "Service"), "", LabelSelector.everything()),
                forMesh(s)));
        for (String name : new String[] {"face", "smiley", "color", "faces-gui"}) {
            cluster.put(service(name));
        }
        cluster.put(workload("face", "dwflynn/faces-service:0.8.0", "face", ""));
        cluster.put(workload("smiley", "dwflynn/faces-service:0.8.0", "smiley", "{name: SMILEY, value: HeartEyes}"));
        cluster.put(workload("color", "dwflynn/faces-service:0.8.0", "color", "{name: COLOR, value: blue}"));
        cluster.put(workload("faces-gui", "dwflynn/faces-gui:0.8.0", "gui", "{name: COLOR, value: lightcyan}"));
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.close();
        mesh.close();
        apps.close();
        prober.close();
    }

    static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: NAME, namespace: faces}
                spec:
                  selector: {service: NAME}
                  ports: [{name: http, port: 80, targetPort: http}]
                """.replace("NAME", name);
    }

    static String workload(String name, String image, String role, String env) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: NAME, namespace: faces}
                spec:
                  selector: {matchLabels: {service: NAME}}
                  template:
                    metadata: {labels: {service: NAME}}
                    spec:
                      containers:
                      - name: NAME
                        image: IMAGE
                        ports: [{name: http, containerPort: 8000}]
                        env: [{name: FACES_SERVICE, value: ROLE}EXTRA]
                        readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 1}
                """.replace("NAME", name).replace("IMAGE", image).replace("ROLE", role)
                .replace("EXTRA", env.isEmpty() ? "" : ", " + env);
    }

    /** A GET to the mesh with a Host header, over a plain socket (the JDK client will not set Host). */
    String viaMesh(String host, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", mesh.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response;
        }
    }

    static JsonNode body(String response) throws Exception {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (response.contains("Transfer-Encoding: chunked") || response.contains("transfer-encoding: chunked")) {
            StringBuilder out = new StringBuilder();
            String rest = body;
            while (true) {
                int eol = rest.indexOf("\r\n");
                int size = Integer.parseInt(rest.substring(0, eol).strip(), 16);
                if (size == 0) {
                    break;
                }
                out.append(rest, eol + 2, eol + 2 + size);
                rest = rest.substring(eol + 2 + size + 2);
            }
            body = out.toString();
        }
        return Json.mapper().readTree(body);
    }

    @Test
    void guiReachesFaceWhichReachesSmileyAndColorThroughTheMesh() throws Exception {
        await().atMost(WAIT).until(() -> runner.endpoints().current().endpoints().size() == 4);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode face = body(viaMesh("faces-gui.faces", "/face/?row=0&col=0"));
            assertThat(face.path("smiley").asText()).isEqualTo("\uD83D\uDE0D");
            assertThat(face.path("color").asText()).isEqualTo("#66CCEE");
            assertThat(face.has("errors")).isFalse();
        });
        assertThat(viaMesh("faces-gui.faces", "/")).contains("\"color\":\"lightcyan\"");

        // The demo's failed rollout: smiley starts failing every request; the face falls back.
        cluster.put(workload("smiley", "dwflynn/faces-service:0.8.0", "smiley", "{name: ERROR_FRACTION, value: \"100\"}"));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode face = body(viaMesh("face.faces", "/"));
            assertThat(face.path("smiley").asText()).isEqualTo("\uD83E\uDD2C");
            assertThat(face.path("color").asText()).isEqualTo("#66CCEE");
            assertThat(face.path("errors").toString()).contains("smiley: status 500");
        });
    }
}
