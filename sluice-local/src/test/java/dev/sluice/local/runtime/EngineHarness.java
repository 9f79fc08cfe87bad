package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.local.runtime.pod.CrashBackoff;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** The runner's engine with every port faked and time in the test's hands. */
final class EngineHarness {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final FakeCluster cluster = new FakeCluster();
    final FakeLauncher launcher = new FakeLauncher();
    final FakeProber prober = new FakeProber();
    final QueueExecutor loop = new QueueExecutor();
    final EndpointPublisher endpoints = new EndpointPublisher();
    final AtomicInteger nextPort = new AtomicInteger(20000);
    final RuntimeEngine engine;

    EngineHarness(Path stateDir) {
        this(stateDir, Duration.ZERO);
    }

    /** @param drain how long a replica that left the endpoints runs on (zero: it stops in the same sync) */
    EngineHarness(Path stateDir, Duration drain) {
        RunnerOptions options = RunnerOptions.defaults(stateDir, Optional.empty()).withDrain(drain)
                .withBackoff(new CrashBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(1)));
        engine = new RuntimeEngine(new RuntimeContext(cluster, clock, new Random(1), options, launcher, prober,
                nextPort::incrementAndGet, loop, endpoints));
    }

    /** Stores (or changes) an object and lets the engine see it, as the watch would. */
    KubeObject apply(String yaml) {
        KubeObject o = cluster.put(yaml);
        engine.upsert(o);
        return o;
    }

    /** Async results, then one sync of everything, then what that sync started. */
    void step() {
        loop.runAll();
        engine.tick();
        loop.runAll();
    }

    void steps(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
    }

    void advance(Duration d) {
        clock.advance(d);
        step();
    }

    JsonNode status(String kind, String name) {
        return cluster.object(ObjectKey.of("apps", kind, "faces", name)).status();
    }

    JsonNode condition(String name, String type) {
        for (JsonNode c : status("Deployment", name).path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    List<ReadyEndpoint> ready(String workload) {
        return endpoints.current().ofWorkload("faces", workload);
    }

    static String deployment(String name, int replicas, String extraEnv, String strategy, String probe) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: NAME, namespace: faces}
                spec:
                  replicas: REPLICAS
                  progressDeadlineSeconds: 60
                  STRATEGY
                  selector: {matchLabels: {service: NAME}}
                  template:
                    metadata: {labels: {service: NAME}}
                    spec:
                      containers:
                      - name: main
                        image: fake/faces-service:1.0
                        ports: [{name: http, containerPort: 8000}]
                        env: [{name: VERSION, value: "EXTRA"}]
                        PROBE
                """.replace("NAME", name).replace("REPLICAS", Integer.toString(replicas)).replace("EXTRA", extraEnv)
                .replace("STRATEGY", strategy.isEmpty() ? "minReadySeconds: 0" : strategy)
                .replace("PROBE", probe.isEmpty() ? "args: []" : probe);
    }
}
