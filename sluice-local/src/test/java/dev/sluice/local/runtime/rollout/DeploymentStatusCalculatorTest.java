package dev.sluice.local.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.local.runtime.spec.RolloutStrategy;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentStatusCalculatorTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final Desired d = new Desired(2, RolloutStrategy.DEPLOYMENT_DEFAULT, false, "h2", "web-h2");

    JsonNode status(Plan plan, JsonNode previous) {
        return status(plan, previous, Optional.empty());
    }

    JsonNode status(Plan plan, JsonNode previous, Optional<DeploymentFacts.Failure> failure) {
        return DeploymentStatusCalculator.compute(new DeploymentFacts("web", 4, d, 60, plan, previous, failure, clock.instant()));
    }

    static Plan plan(boolean created, ReplicaSetState... sets) {
        return new Plan(List.of(sets), List.of(), created, false);
    }

    static ReplicaSetState rs(int target, int pods, int ready, int available) {
        return new ReplicaSetState("h2", "web-h2", java.time.Instant.EPOCH, target, 2, 3, pods, ready, available);
    }

    static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    @Test
    void newDeploymentGoesFromCreatedThroughProgressingToAvailable() {
        JsonNode created = status(plan(true, rs(2, 0, 0, 0)), MissingNode.getInstance());
        assertThat(created.path("observedGeneration").asLong()).isEqualTo(4);
        assertThat(created.has("replicas")).as("zero counts are omitted").isFalse();
        assertThat(created.path("unavailableReplicas").asInt()).isEqualTo(2);
        assertThat(condition(created, "Available").path("reason").asText()).isEqualTo("MinimumReplicasUnavailable");
        assertThat(condition(created, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetCreated");
        assertThat(condition(created, "Progressing").path("message").asText()).isEqualTo("Created new replica set \"web-h2\"");

        clock.advance(Duration.ofSeconds(3));
        JsonNode halfway = status(plan(false, rs(2, 2, 1, 1)), created);
        assertThat(condition(halfway, "Progressing").path("reason").asText()).isEqualTo("ReplicaSetUpdated");
        assertThat(condition(halfway, "Progressing").path("message").asText()).isEqualTo("ReplicaSet \"web-h2\" is progressing.");
        assertThat(condition(halfway, "Progressing").path("lastUpdateTime").asText()).isEqualTo("2026-01-01T00:00:03Z");
        assertThat(condition(halfway, "Progressing").path("lastTransitionTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(condition(halfway, "Available").path("status").asText()).as("25% of 2 rounds down to 0 unavailable").isEqualTo("False");

        clock.advance(Duration.ofSeconds(3));
        JsonNode done = status(plan(false, rs(2, 2, 2, 2)), halfway);
        assertThat(done.path("replicas").asInt()).isEqualTo(2);
        assertThat(done.path("updatedReplicas").asInt()).isEqualTo(2);
        assertThat(done.path("readyReplicas").asInt()).isEqualTo(2);
        assertThat(done.path("availableReplicas").asInt()).isEqualTo(2);
        assertThat(done.has("unavailableReplicas")).isFalse();
        assertThat(condition(done, "Available").path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition(done, "Available").path("message").asText()).isEqualTo("Deployment has minimum availability.");
        assertThat(condition(done, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(done, "Progressing").path("message").asText()).isEqualTo("ReplicaSet \"web-h2\" has successfully progressed.");

        clock.advance(Duration.ofMinutes(5));
        assertThat(status(plan(false, rs(2, 2, 2, 2)), done)).as("a steady state writes nothing new").isEqualTo(done);
    }

    @Test
    void noProgressPastTheDeadlineIsProgressDeadlineExceeded() {
        JsonNode created = status(plan(true, rs(2, 2, 0, 0)), MissingNode.getInstance());
        clock.advance(Duration.ofSeconds(60));
        assertThat(condition(status(plan(false, rs(2, 2, 0, 0)), created), "Progressing").path("status").asText())
                .as("exactly at the deadline is not past it").isEqualTo("True");
        clock.advance(Duration.ofSeconds(1));
        JsonNode late = status(plan(false, rs(2, 2, 0, 0)), created);
        JsonNode progressing = condition(late, "Progressing");
        assertThat(progressing.path("status").asText()).isEqualTo("False");
        assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(progressing.path("message").asText()).isEqualTo("ReplicaSet \"web-h2\" has timed out progressing.");

        clock.advance(Duration.ofSeconds(5));
        JsonNode recovered = status(plan(false, rs(2, 2, 2, 2)), late);
        assertThat(condition(recovered, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void failuresShowAsReplicaFailureUntilTheyClear() {
        JsonNode failing = status(plan(true, rs(2, 0, 0, 0)), MissingNode.getInstance(),
                Optional.of(new DeploymentFacts.Failure("FailedCreate", "image nginx:1.27 is not runnable in embedded mode")));
        assertThat(condition(failing, "ReplicaFailure").path("status").asText()).isEqualTo("True");
        assertThat(condition(failing, "ReplicaFailure").path("reason").asText()).isEqualTo("FailedCreate");
        JsonNode cleared = status(plan(false, rs(2, 2, 2, 2)), failing);
        assertThat(condition(cleared, "ReplicaFailure").isMissingNode()).isTrue();
    }

    @Test
    void pausedAndResumedAreUnknownProgress() {
        Desired paused = new Desired(2, RolloutStrategy.DEPLOYMENT_DEFAULT, true, "h2", "web-h2");
        JsonNode p = DeploymentStatusCalculator.compute(new DeploymentFacts("web", 5, paused, 60,
                new Plan(List.of(rs(2, 2, 2, 2)), List.of(), false, true), MissingNode.getInstance(), Optional.empty(), clock.instant()));
        assertThat(condition(p, "Progressing").path("reason").asText()).isEqualTo("DeploymentPaused");
        assertThat(condition(p, "Progressing").path("status").asText()).isEqualTo("Unknown");
        JsonNode resumed = status(plan(false, rs(2, 2, 2, 2)), p);
        assertThat(condition(resumed, "Progressing").path("reason").asText()).isIn("DeploymentResumed", "NewReplicaSetAvailable");
    }

    @Test
    void restartedRunnerFindsTheReplicaSetItHadAndDoesNotClaimANewRollout() {
        JsonNode done = status(plan(false, rs(2, 2, 2, 2)), status(plan(true, rs(2, 2, 2, 2)), MissingNode.getInstance()));
        // After a restart the pods start again from zero under the same set.
        JsonNode restarted = status(plan(false, rs(2, 2, 0, 0)), done);
        assertThat(condition(restarted, "Progressing").path("reason").asText()).isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(restarted, "Available").path("status").asText()).isEqualTo("False");
    }
}
