package dev.sluice.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bare Pods and Jobs in the engine: the kubelet's and the Job controller's status, restart policies, back-off. */
class BatchWorkloadsTest {

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
    }

    static String pod(String name, String restartPolicy, String image) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: NAME, namespace: faces, labels: {app: test}, annotations: {helm.sh/hook: test}}
                spec:
                  restartPolicy: POLICY
                  containers:
                  - name: check
                    image: IMAGE
                    command: [sh, -c, 'exit 0']
                """.replace("NAME", name).replace("POLICY", restartPolicy).replace("IMAGE", image);
    }

    static String job(String name, String extra, String restartPolicy) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: NAME, namespace: faces}
                spec:
                  EXTRA
                  template:
                    metadata: {labels: {app: migrate}}
                    spec:
                      restartPolicy: POLICY
                      containers:
                      - name: migrate
                        image: busybox:1.36
                        command: [sh, -c, 'echo migrating']
                """.replace("NAME", name).replace("EXTRA", extra).replace("POLICY", restartPolicy);
    }

    private static ObjectKey podKey(String name) {
        return ObjectKey.of("", "Pod", "faces", name);
    }

    private static ObjectKey jobKey(String name) {
        return ObjectKey.of("batch", "Job", "faces", name);
    }

    private JsonNode status(ObjectKey key) {
        return h.cluster.object(key).status();
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    private FakeLauncher.FakeContainer only(String podPrefix) {
        List<FakeLauncher.FakeContainer> running = h.launcher.running(podPrefix);
        assertThat(running).hasSize(1);
        return running.getFirst();
    }

    @Test
    void aPodRunsAndIsReportedRunningAndReady() {
        h.apply(pod("smoke", "Never", "busybox"));
        h.step();
        FakeLauncher.FakeContainer c = only("smoke");
        assertThat(c.request.command()).containsExactly("sh", "-c", "exit 0");
        assertThat(c.env("HOSTNAME")).isEqualTo("smoke");
        assertThat(c.env("PORT")).isNotEmpty();
        JsonNode s = status(podKey("smoke"));
        assertThat(s.path("phase").asText()).isEqualTo("Running");
        assertThat(s.path("podIP").asText()).isEqualTo("127.0.0.1");
        for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            assertThat(condition(s, type).path("status").asText()).as(type).isEqualTo("True");
        }
        JsonNode cs = s.path("containerStatuses").get(0);
        assertThat(cs.path("name").asText()).isEqualTo("check");
        assertThat(cs.path("ready").asBoolean()).isTrue();
        assertThat(cs.path("state").path("running").path("startedAt").asText()).isNotEmpty();
    }

    @Test
    void aPodThatExitsZeroSucceedsAndIsNotRestarted() {
        h.apply(pod("smoke", "Never", "busybox"));
        h.step();
        only("smoke").crash(0);
        h.steps(3);
        JsonNode s = status(podKey("smoke"));
        assertThat(s.path("phase").asText()).isEqualTo("Succeeded");
        JsonNode terminated = s.path("containerStatuses").get(0).path("state").path("terminated");
        assertThat(terminated.path("exitCode").asInt()).isZero();
        assertThat(terminated.path("reason").asText()).isEqualTo("Completed");
        assertThat(condition(s, "Ready").path("status").asText()).isEqualTo("False");
        assertThat(condition(s, "Ready").path("reason").asText()).isEqualTo("PodCompleted");
        assertThat(h.launcher.started).hasSize(1);
        assertThat(h.engine.pods()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("Completed");
            assertThat(p.workloadKind()).isEqualTo("Pod");
        });
    }

    @Test
    void aPodThatFailsWithRestartPolicyNeverIsFailedWithItsExitCode() {
        h.apply(pod("smoke", "Never", "busybox"));
        h.step();
        only("smoke").crash(3);
        h.advance(Duration.ofSeconds(30));
        JsonNode s = status(podKey("smoke"));
        assertThat(s.path("phase").asText()).isEqualTo("Failed");
        JsonNode cs = s.path("containerStatuses").get(0);
        assertThat(cs.path("state").path("terminated").path("exitCode").asInt()).isEqualTo(3);
        assertThat(cs.path("state").path("terminated").path("reason").asText()).isEqualTo("Error");
        assertThat(cs.path("restartCount").asInt()).isZero();
        assertThat(h.launcher.started).hasSize(1);
    }

    @Test
    void onFailureRestartsAFailedContainerWithBackOffUntilItSucceeds() {
        h.apply(pod("smoke", "OnFailure", "busybox"));
        h.step();
        only("smoke").crash(1);
        h.step(); // the first restart is immediate
        only("smoke").crash(1);
        h.step();
        JsonNode s = status(podKey("smoke"));
        assertThat(s.path("phase").asText()).isEqualTo("Running");
        JsonNode cs = s.path("containerStatuses").get(0);
        assertThat(cs.path("restartCount").asInt()).isEqualTo(2);
        assertThat(cs.path("state").path("waiting").path("reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(cs.path("lastState").path("terminated").path("exitCode").asInt()).isEqualTo(1);
        assertThat(h.launcher.running("smoke")).isEmpty();

        h.advance(Duration.ofSeconds(1));
        only("smoke").crash(0);
        h.step();
        assertThat(status(podKey("smoke")).path("phase").asText()).isEqualTo("Succeeded");
        assertThat(h.launcher.started).hasSize(3);
    }

    @Test
    void restartPolicyAlwaysRestartsEvenAfterExitZero() {
        h.apply(pod("server", "Always", "busybox"));
        h.step();
        only("server").crash(0);
        h.steps(2);
        assertThat(status(podKey("server")).path("phase").asText()).isEqualTo("Running");
        assertThat(h.launcher.started).hasSize(2);
    }

    @Test
    void aPodWithAnUnrunnableImageWaitsWithTheReasonAndAnEvent() {
        h.apply(pod("smoke", "Never", "nginx:1.27").replace("command: [sh, -c, 'exit 0']", "args: []"));
        h.step();
        JsonNode s = status(podKey("smoke"));
        assertThat(s.path("phase").asText()).isEqualTo("Pending");
        JsonNode waiting = s.path("containerStatuses").get(0).path("state").path("waiting");
        assertThat(waiting.path("reason").asText()).isEqualTo("ErrImageNeverPull");
        String expected = "image nginx:1.27 is not runnable in embedded mode; give the container a command or use a built-in image";
        assertThat(waiting.path("message").asText()).isEqualTo(expected);
        assertThat(h.cluster.events(podKey("smoke"))).extracting(EventRecord::message).containsExactly(expected);
    }

    @Test
    void deletingAPodStopsItAndARecreatedPodOfTheSameNameRunsAgain() {
        KubeObject first = h.apply(pod("smoke", "Never", "busybox"));
        h.step();
        FakeLauncher.FakeContainer c = only("smoke");
        h.cluster.delete(first.key(), DeleteOptions.background());
        h.engine.deleted(first.key());
        h.apply(pod("smoke", "Never", "busybox"));
        h.steps(3);
        assertThat(c.stopped).isTrue();
        assertThat(h.launcher.started).hasSize(2);
        assertThat(h.launcher.running("smoke")).hasSize(1);
        assertThat(status(podKey("smoke")).path("phase").asText()).isEqualTo("Running");
    }

    @Test
    void aJobRunsAPodToCompletionAndIsComplete() {
        h.apply(job("migrate", "backoffLimit: 2", "Never"));
        h.steps(2);
        FakeLauncher.FakeContainer c = only("migrate-");
        KubeObject pod = h.cluster.object(podKey(c.pod()));
        assertThat(pod.labels()).containsEntry("job-name", "migrate").containsEntry("app", "migrate")
                .containsEntry("batch.kubernetes.io/controller-uid", h.cluster.object(jobKey("migrate")).uid());
        assertThat(pod.ownerReferences()).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("Job"));
        JsonNode running = status(jobKey("migrate"));
        assertThat(running.path("active").asInt()).isEqualTo(1);
        assertThat(running.path("startTime").asText()).isNotEmpty();

        c.crash(0);
        h.steps(2);
        JsonNode s = status(jobKey("migrate"));
        assertThat(s.path("succeeded").asInt()).isEqualTo(1);
        assertThat(s.has("active")).isFalse();
        assertThat(s.path("completionTime").asText()).isNotEmpty();
        assertThat(condition(s, "Complete").path("status").asText()).isEqualTo("True");
        assertThat(condition(s, "Complete").path("reason").asText()).isEqualTo("CompletionsReached");
        assertThat(condition(s, "SuccessCriteriaMet").path("status").asText()).isEqualTo("True");
        assertThat(h.launcher.started).hasSize(1);
        assertThat(h.engine.log("faces", "job/migrate", Optional.empty()).pod()).isEqualTo(c.pod());
    }

    @Test
    void aJobReplacesAFailedPodAfterBackOffAndFailsPastItsBackoffLimit() {
        h.apply(job("migrate", "backoffLimit: 1", "Never"));
        h.steps(2);
        only("migrate-").crash(1);
        h.steps(2);
        assertThat(status(jobKey("migrate")).path("failed").asInt()).isEqualTo(1);
        assertThat(h.launcher.running("migrate-")).as("waits for the back-off").isEmpty();

        h.advance(Duration.ofSeconds(1));
        h.step();
        only("migrate-").crash(2);
        h.steps(2);
        JsonNode s = status(jobKey("migrate"));
        assertThat(s.path("failed").asInt()).isEqualTo(2);
        assertThat(condition(s, "Failed").path("status").asText()).isEqualTo("True");
        assertThat(condition(s, "Failed").path("reason").asText()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(s, "Failed").path("message").asText()).isEqualTo("Job has reached the specified backoff limit");
        assertThat(condition(s, "FailureTarget").path("status").asText()).isEqualTo("True");
        assertThat(s.has("completionTime")).isFalse();
        h.advance(Duration.ofSeconds(30));
        assertThat(h.launcher.started).hasSize(2);
    }

    @Test
    void aJobPastItsActiveDeadlineFailsAndItsPodStops() {
        h.apply(job("migrate", "activeDeadlineSeconds: 5", "OnFailure"));
        h.steps(2);
        FakeLauncher.FakeContainer c = only("migrate-");
        h.advance(Duration.ofSeconds(5));
        JsonNode s = status(jobKey("migrate"));
        assertThat(condition(s, "Failed").path("reason").asText()).isEqualTo("DeadlineExceeded");
        assertThat(condition(s, "Failed").path("message").asText()).isEqualTo("Job was active longer than specified deadline");
        h.engine.deleted(podKey(c.pod())); // the watch would report the deletion
        h.steps(2);
        assertThat(c.stopped).isTrue();
    }

    @Test
    void aJobWhoseTemplateMayRestartAlwaysIsFailedWithTheFieldPath() {
        h.apply(job("migrate", "backoffLimit: 1", "Always"));
        h.steps(2);
        JsonNode failed = condition(status(jobKey("migrate")), "Failed");
        assertThat(failed.path("reason").asText()).isEqualTo("InvalidSpec");
        assertThat(failed.path("message").asText()).contains("spec.template.spec.restartPolicy").contains("'Always'")
                .contains("Never or OnFailure");
        assertThat(h.launcher.started).isEmpty();
    }
}
