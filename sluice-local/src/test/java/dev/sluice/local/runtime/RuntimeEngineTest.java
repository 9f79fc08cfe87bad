package dev.sluice.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeEngineTest {

    static final String PROBE = "readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 2, failureThreshold: 2}";
    static final String SURGE_ONE = "strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}";

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
    }

    @Test
    void newDeploymentRunsItsReplicasAndReportsThemAvailable() {
        h.apply(EngineHarness.deployment("smiley", 2, "1", "", ""));
        h.step();
        assertThat(h.launcher.running("smiley-")).hasSize(2);
        JsonNode status = h.status("Deployment", "smiley");
        assertThat(status.path("replicas").asInt()).isEqualTo(2);
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("availableReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(h.condition("smiley", "Available").path("status").asText()).isEqualTo("True");
        assertThat(h.condition("smiley", "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        List<ReadyEndpoint> ready = h.ready("smiley");
        assertThat(ready).hasSize(2).allSatisfy(e -> {
            assertThat(e.workloadKind()).isEqualTo("Deployment");
            assertThat(e.labels()).containsEntry("service", "smiley").containsKey("pod-template-hash");
            assertThat(e.portFor("http")).isEqualTo(e.port());
            assertThat(e.pod()).startsWith("smiley-" + e.podTemplateHash() + "-");
        });
        assertThat(h.cluster.events(null)).extracting(EventRecord::message)
                .containsExactly("Scaled up replica set smiley-" + ready.getFirst().podTemplateHash() + " to 2 from 0");
    }

    @Test
    void eachReplicaGetsItsOwnPortAndTheRuntimeEnvironment() {
        h.apply(EngineHarness.deployment("smiley", 2, "1", "", ""));
        h.step();
        Set<String> ports = new HashSet<>();
        for (FakeLauncher.FakeContainer c : h.launcher.running()) {
            ports.add(c.env("PORT"));
            assertThat(c.env("HOSTNAME")).isEqualTo(c.pod());
            assertThat(c.env("VERSION")).isEqualTo("1");
            assertThat(c.request.port()).isEqualTo(Integer.parseInt(c.env("PORT")));
        }
        assertThat(ports).hasSize(2);
    }

    @Test
    void readinessFollowsTheProbeAndDrivesTheEndpoints() {
        h.prober.byDefault = false;
        h.apply(EngineHarness.deployment("color", 1, "1", "", PROBE));
        h.step();
        assertThat(h.ready("color")).isEmpty();
        assertThat(h.status("Deployment", "color").path("readyReplicas").asInt()).isZero();

        h.prober.byDefault = true;
        h.advance(Duration.ofSeconds(1));
        assertThat(h.ready("color")).as("the next probe is due 2 s after the first").isEmpty();
        h.advance(Duration.ofSeconds(1));
        assertThat(h.ready("color")).hasSize(1);
        assertThat(h.status("Deployment", "color").path("availableReplicas").asInt()).isEqualTo(1);

        h.prober.byDefault = false;
        h.advance(Duration.ofSeconds(2));
        assertThat(h.ready("color")).as("one failure of two").hasSize(1);
        h.advance(Duration.ofSeconds(2));
        assertThat(h.ready("color")).isEmpty();
        assertThat(h.condition("color", "Available").path("status").asText()).isEqualTo("False");
    }

    @Test
    void rollingUpdateKeepsEveryReplicaServingUntilTheNewOnesAreReady() {
        h.apply(EngineHarness.deployment("face", 2, "1", SURGE_ONE, PROBE));
        h.steps(3);
        assertThat(h.ready("face")).hasSize(2);
        String oldHash = h.ready("face").getFirst().podTemplateHash();

        List<Integer> readyCounts = new java.util.ArrayList<>();
        List<Set<String>> hashes = new java.util.ArrayList<>();
        h.endpoints.subscribe(s -> {
            readyCounts.add(s.ofWorkload("faces", "face").size());
            hashes.add(new HashSet<>(s.ofWorkload("faces", "face").stream().map(ReadyEndpoint::podTemplateHash).toList()));
        });
        List<String> stoppedWhileRouted = new java.util.ArrayList<>();
        h.launcher.onStop = c -> {
            if (h.endpoints.current().endpoints().stream().anyMatch(e -> e.pod().equals(c.pod()))) {
                stoppedWhileRouted.add(c.pod());
            }
        };
        h.apply(EngineHarness.deployment("face", 2, "2", SURGE_ONE, PROBE));
        h.steps(5);
        assertThat(stoppedWhileRouted).as("a replica leaves the endpoints before it is stopped").isEmpty();
        assertThat(readyCounts).as("never below 2 ready (maxUnavailable 0)").allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        assertThat(hashes).as("old and new served side by side mid-rollout").anySatisfy(set -> assertThat(set).hasSize(2));
        assertThat(h.launcher.maxRunning).as("never above 3 running (maxSurge 1)").isEqualTo(3);
        assertThat(h.ready("face")).hasSize(2).allSatisfy(e -> assertThat(e.podTemplateHash()).isNotEqualTo(oldHash));
        assertThat(h.launcher.running("face-")).hasSize(2).allSatisfy(c -> assertThat(c.env("VERSION")).isEqualTo("2"));
        assertThat(h.launcher.started).filteredOn(c -> "1".equals(c.env("VERSION"))).hasSize(2)
                .allSatisfy(c -> assertThat(c.stopped).isTrue());
        JsonNode status = h.status("Deployment", "face");
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(2);
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(2);
        assertThat(h.condition("face", "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void recreateStopsTheOldReplicasBeforeStartingNewOnes() {
        String recreate = "strategy: {type: Recreate}";
        h.apply(EngineHarness.deployment("face", 2, "1", recreate, ""));
        h.step();
        h.apply(EngineHarness.deployment("face", 2, "2", recreate, ""));
        h.step();
        assertThat(h.launcher.running("face-")).as("old ones stopped, new ones not yet started").isEmpty();
        h.steps(2);
        assertThat(h.launcher.running("face-")).hasSize(2).allSatisfy(c -> assertThat(c.env("VERSION")).isEqualTo("2"));
    }

    @Test
    void scalingUpDownAndToZero() {
        h.apply(EngineHarness.deployment("smiley", 1, "1", "", ""));
        h.step();
        h.apply(EngineHarness.deployment("smiley", 3, "1", "", ""));
        h.step();
        assertThat(h.ready("smiley")).hasSize(3);
        h.apply(EngineHarness.deployment("smiley", 0, "1", "", ""));
        h.step();
        assertThat(h.launcher.running()).isEmpty();
        assertThat(h.ready("smiley")).isEmpty();
        JsonNode status = h.status("Deployment", "smiley");
        assertThat(status.has("replicas")).isFalse();
        assertThat(h.condition("smiley", "Available").path("status").asText()).as("0 of 0 is enough").isEqualTo("True");
    }

    @Test
    void crashingContainerBacksOffAndShowsCrashLoopBackOff() {
        h.apply(EngineHarness.deployment("color", 1, "1", "", ""));
        h.step();
        h.launcher.running().getFirst().crash(1);
        h.step();
        assertThat(h.launcher.running()).as("the first restart is immediate").hasSize(1);
        h.launcher.running().getFirst().crash(1);
        h.step();
        assertThat(h.launcher.running()).as("backing off 1 s").isEmpty();
        JsonNode failure = h.condition("color", "ReplicaFailure");
        assertThat(failure.path("reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(failure.path("message").asText()).contains("back-off 1s restarting failed container=main", "restarts: 2",
                "last exit code 1");
        assertThat(h.engine.pods()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("CrashLoopBackOff");
            assertThat(p.restarts()).isEqualTo(2);
            assertThat(p.containers().getFirst().lastExitCode()).contains(1);
        });
        assertThat(h.cluster.events(null)).extracting(EventRecord::reason).contains("BackOff");
        assertThat(h.ready("color")).isEmpty();

        h.advance(Duration.ofSeconds(1));
        assertThat(h.launcher.running()).hasSize(1);
        assertThat(h.condition("color", "ReplicaFailure").isMissingNode()).isTrue();
        h.launcher.running().getFirst().crash(2);
        h.step();
        h.advance(Duration.ofSeconds(1));
        assertThat(h.launcher.running()).as("the back-off doubled to 2 s").isEmpty();
        h.advance(Duration.ofSeconds(1));
        assertThat(h.launcher.running()).hasSize(1);
    }

    @Test
    void imageThatIsNeitherBuiltInNorACommandIsReportedNotRun() {
        h.apply(EngineHarness.deployment("web", 1, "1", "", "").replace("fake/faces-service:1.0", "nginx:1.27"));
        h.steps(3);
        assertThat(h.launcher.started).isEmpty();
        JsonNode failure = h.condition("web", "ReplicaFailure");
        assertThat(failure.path("reason").asText()).isEqualTo("FailedCreate");
        assertThat(failure.path("message").asText())
                .isEqualTo("image nginx:1.27 is not runnable in embedded mode; give the container a command or use a built-in image");
        assertThat(h.cluster.events(null)).filteredOn(e -> e.reason().equals("FailedCreate")).singleElement()
                .satisfies(e -> assertThat(e.isWarning()).isTrue());
    }

    @Test
    void missingConfigMapWaitsThenStarts() {
        String yaml = EngineHarness.deployment("face", 1, "1", "", "").replace("env: [{name: VERSION, value: \"1\"}]",
                "env: [{name: VERSION, valueFrom: {configMapKeyRef: {name: face-config, key: version}}}]");
        h.apply(yaml);
        h.step();
        assertThat(h.launcher.started).isEmpty();
        assertThat(h.condition("face", "ReplicaFailure").path("reason").asText()).isEqualTo("CreateContainerConfigError");
        assertThat(h.condition("face", "ReplicaFailure").path("message").asText()).contains("configmap \"face-config\" not found");

        h.cluster.put("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: face-config, namespace: faces}
                data: {version: "7"}
                """);
        h.advance(Duration.ofSeconds(2));
        assertThat(h.launcher.running()).singleElement().satisfies(c -> assertThat(c.env("VERSION")).isEqualTo("7"));
        assertThat(h.condition("face", "ReplicaFailure").isMissingNode()).isTrue();
    }

    @Test
    void launchFailureCountsAsACrash() {
        h.launcher.failWith = "cannot run ./server: error=2, No such file or directory";
        h.apply(EngineHarness.deployment("face", 1, "1", "", ""));
        h.steps(2);
        assertThat(h.engine.pods()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo("CrashLoopBackOff"));
        assertThat(h.condition("face", "ReplicaFailure").path("message").asText()).contains("No such file or directory");
    }

    @Test
    void progressDeadlineExceededWhenReplicasNeverGetReady() {
        h.prober.byDefault = false;
        h.apply(EngineHarness.deployment("face", 1, "1", "", PROBE));
        h.step();
        h.advance(Duration.ofSeconds(60));
        assertThat(h.condition("face", "Progressing").path("status").asText()).isEqualTo("True");
        h.advance(Duration.ofSeconds(2));
        assertThat(h.condition("face", "Progressing").path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(h.condition("face", "Progressing").path("status").asText()).isEqualTo("False");
    }

    @Test
    void deletedDeploymentStopsItsReplicas() {
        h.apply(EngineHarness.deployment("smiley", 2, "1", "", ""));
        h.step();
        ObjectKey key = ObjectKey.of("apps", "Deployment", "faces", "smiley");
        h.cluster.delete(key, DeleteOptions.background());
        h.engine.deleted(key);
        h.steps(2);
        assertThat(h.launcher.running()).isEmpty();
        assertThat(h.ready("smiley")).isEmpty();
        assertThat(h.engine.idle()).isTrue();
    }

    @Test
    void daemonSetRunsOneReplicaWithItsStatus() {
        h.apply(EngineHarness.deployment("agent", 1, "1", "", "").replace("kind: Deployment", "kind: DaemonSet")
                .replace("  replicas: 1\n", "").replace("  progressDeadlineSeconds: 60\n", ""));
        h.step();
        JsonNode status = h.status("DaemonSet", "agent");
        assertThat(status.path("desiredNumberScheduled").asInt()).isEqualTo(1);
        assertThat(status.path("currentNumberScheduled").asInt()).isEqualTo(1);
        assertThat(status.path("numberReady").asInt()).isEqualTo(1);
        assertThat(status.path("numberAvailable").asInt()).isEqualTo(1);
        assertThat(status.path("updatedNumberScheduled").asInt()).isEqualTo(1);
        assertThat(h.ready("agent")).singleElement().satisfies(e -> {
            assertThat(e.workloadKind()).isEqualTo("DaemonSet");
            assertThat(e.pod()).matches("agent-[a-z0-9]{5}");
        });
    }

    @Test
    void invalidChangeKeepsTheLastGoodSpecRunningAndSaysWhy() {
        h.apply(EngineHarness.deployment("smiley", 1, "1", "", ""));
        h.step();
        h.apply(EngineHarness.deployment("smiley", 1, "1", "strategy: {type: Sideways}", ""));
        h.step();
        assertThat(h.launcher.running()).hasSize(1);
        assertThat(h.condition("smiley", "ReplicaFailure").path("reason").asText()).isEqualTo("InvalidSpec");
        assertThat(h.condition("smiley", "ReplicaFailure").path("message").asText())
                .contains("spec.strategy.type: 'Sideways' is not a strategy; expected RollingUpdate or Recreate");
    }

    @Test
    void restartedRunnerFindsItsReplicaSetInsteadOfClaimingANewRollout() {
        h.apply(EngineHarness.deployment("smiley", 1, "1", "", ""));
        h.step();
        JsonNode before = h.condition("smiley", "Progressing");
        assertThat(before.path("reason").asText()).isEqualTo("NewReplicaSetAvailable");

        // A new engine on the same store: Sluice restarted, every replica starts again.
        EngineHarness again = new EngineHarness(dir);
        RuntimeEngine engine = new RuntimeEngine(new RuntimeContext(h.cluster, h.clock, new java.util.Random(2),
                RunnerOptions.defaults(dir, Optional.empty()), h.launcher, h.prober, again.nextPort::incrementAndGet, h.loop, h.endpoints));
        engine.upsert(h.cluster.object(ObjectKey.of("apps", "Deployment", "faces", "smiley")));
        h.clock.advance(Duration.ofSeconds(5));
        engine.tick();
        h.loop.runAll();
        assertThat(h.condition("smiley", "Progressing")).as("unchanged, transition time included").isEqualTo(before);
    }

    @Test
    void logsOfADeploymentComeFromItsNewestReadyReplica() {
        h.apply(EngineHarness.deployment("smiley", 2, "1", "", ""));
        h.step();
        FakeLauncher.FakeContainer first = h.launcher.running().getFirst();
        first.request.log().append("hello from " + first.pod());
        PodLog log = h.engine.log("faces", first.pod(), Optional.empty());
        assertThat(log.tail(10)).containsExactly("hello from " + first.pod());
        assertThat(h.engine.log("faces", "deploy/smiley", Optional.empty()).pod()).startsWith("smiley-");
        assertThatThrownBy(() -> h.engine.log("faces", "deploy/nope", Optional.empty()))
                .hasMessage("deployments.apps \"nope\" not found in namespace faces");
        assertThatThrownBy(() -> h.engine.log("faces", first.pod(), Optional.of("sidecar")))
                .hasMessageContaining("container sidecar is not valid for pod " + first.pod());
    }

    /** The mesh swaps its routes after the endpoints change; a replica that stopped listening first would refuse requests. */
    @Test
    void aReplicaLeavesTheEndpointsAtOnceButStopsOnlyAfterTheDrain(@TempDir Path dir) {
        EngineHarness d = new EngineHarness(dir, Duration.ofSeconds(1));
        d.apply(EngineHarness.deployment("smiley", 2, "1", "", ""));
        d.step();
        assertThat(d.ready("smiley")).hasSize(2);
        d.apply(EngineHarness.deployment("smiley", 1, "1", "", ""));
        d.step();
        assertThat(d.ready("smiley")).as("out of the endpoints at once").hasSize(1);
        assertThat(d.launcher.running("smiley-")).as("still serving what was routed to it").hasSize(2);
        d.advance(Duration.ofMillis(999));
        assertThat(d.launcher.running("smiley-")).hasSize(2);
        d.advance(Duration.ofMillis(1));
        d.step();
        assertThat(d.launcher.running("smiley-")).hasSize(1);
    }
}
