package dev.sluice.local.runtime.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the Deployment status is computed from.
 *
 * @param previousStatus the stored {@code status} (a missing node for a new object)
 * @param failure        a reason pods cannot be created or keep crashing, shown as ReplicaFailure
 */
public record DeploymentFacts(String name, long generation, Desired desired, int progressDeadlineSeconds, Plan plan,
                              JsonNode previousStatus, Optional<Failure> failure, Instant now) {

    /** Why replicas fail, e.g. {@code FailedCreate} or {@code CrashLoopBackOff}. */
    public record Failure(String reason, String message) {
    }
}
