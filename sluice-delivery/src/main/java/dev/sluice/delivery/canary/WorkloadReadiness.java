package dev.sluice.delivery.canary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Flagger's readiness verdicts ({@code IsPrimaryReady}, {@code IsCanaryReady}) as pure functions of
 * the workload object, for the reconciler to put in the {@link Observation}. Messages are Flagger's.
 */
public final class WorkloadReadiness {

    private WorkloadReadiness() {
    }

    /** Which copy is judged; it changes only the message. */
    public enum Role { PRIMARY, CANARY }

    /**
     * A Deployment is ready when its controller has seen the latest generation, all replicas are
     * updated, no old ones are left, and at least {@code readyThreshold} percent of the updated ones
     * are available. It is not ready for good (non-retriable) once its Progressing condition says
     * ProgressDeadlineExceeded, or it has been MinimumReplicasUnavailable for longer than
     * {@code progressDeadlineSeconds}.
     */
    public static Readiness deployment(KubeObject d, Role role, int progressDeadlineSeconds, int readyThreshold,
                                       Instant now) {
        String prefix = (role == Role.PRIMARY ? "" : "canary deployment ") + d.name() + "." + d.namespace()
                + " not ready: ";
        JsonNode status = d.status();
        if (d.generation() > status.path("observedGeneration").asLong(0)) {
            return Readiness.waiting(prefix + "waiting for rollout to finish: observed deployment generation less "
                    + "than desired generation");
        }
        JsonNode progress = condition(status, "Progressing");
        boolean retriable = true;
        if (progress != null) {
            JsonNode available = condition(status, "Available");
            if (available != null && "False".equals(available.path("status").asText())
                    && "MinimumReplicasUnavailable".equals(available.path("reason").asText())) {
                Instant from = time(available.path("lastUpdateTime").asText(""));
                retriable = from == null || !from.plus(Duration.ofSeconds(progressDeadlineSeconds)).isBefore(now);
            }
        }
        int updated = status.path("updatedReplicas").asInt(0);
        int replicas = status.path("replicas").asInt(0);
        int availableReplicas = status.path("availableReplicas").asInt(0);
        // float32 as in Flagger, so the truncation matches: int32(float32(updated) * threshold/100).
        int thresholdUpdated = (int) ((float) updated * ((float) readyThreshold / 100f));
        JsonNode specReplicas = d.spec().path("replicas");
        String why;
        if (progress != null && "ProgressDeadlineExceeded".equals(progress.path("reason").asText())) {
            return Readiness.failed(prefix + "deployment \"" + d.name() + "\" exceeded its progress deadline");
        } else if (specReplicas.isNumber() && updated < specReplicas.asInt()) {
            why = updated + " out of " + specReplicas.asInt() + " new replicas have been updated";
        } else if (replicas > updated) {
            why = (replicas - updated) + " old replicas are pending termination";
        } else if (availableReplicas < thresholdUpdated) {
            why = availableReplicas + " of " + thresholdUpdated + " (readyThreshold " + readyThreshold
                    + "%) updated replicas are available";
        } else {
            return Readiness.ready();
        }
        return new Readiness.NotReady(prefix + "waiting for rollout to finish: " + why, retriable);
    }

    /**
     * A DaemonSet is ready when all desired pods are updated and {@code readyThreshold} percent are
     * available; waiting past {@code progressDeadlineSeconds} since the Canary's last status change
     * ({@code since}) is not retriable.
     */
    public static Readiness daemonSet(KubeObject ds, Role role, int progressDeadlineSeconds, int readyThreshold,
                                      Instant since, Instant now) {
        // "damonset" is Flagger's spelling; kept so matching on the message keeps working.
        String prefix = role == Role.PRIMARY ? "primary daemonset " + ds.name() + "." + ds.namespace() + " not ready: "
                : "canary damonset " + ds.name() + "." + ds.namespace() + " not ready with retryable %s: ";
        JsonNode status = ds.status();
        if (ds.generation() > status.path("observedGeneration").asLong(0)) {
            return Readiness.waiting(prefix.formatted(true) + "waiting for rollout to finish: observed daemonset "
                    + "generation less than desired generation");
        }
        int desired = status.path("desiredNumberScheduled").asInt(0);
        int updated = status.path("updatedNumberScheduled").asInt(0);
        int available = status.path("numberAvailable").asInt(0);
        int thresholdDesired = (int) ((float) desired * ((float) readyThreshold / 100f));
        boolean notUpdated = updated < desired;
        boolean notAvailable = available < thresholdDesired;
        if (!notUpdated && !notAvailable) {
            return Readiness.ready();
        }
        if (since != null && since.plus(Duration.ofSeconds(progressDeadlineSeconds)).isBefore(now)) {
            return Readiness.failed(prefix.formatted(false) + "exceeded its progressDeadlineSeconds: "
                    + progressDeadlineSeconds);
        }
        return Readiness.waiting(prefix.formatted(true) + "waiting for rollout to finish: " + (notUpdated
                ? updated + " out of " + desired + " new pods have been updated"
                : available + " of " + thresholdDesired + " (readyThreshold " + readyThreshold
                + "%) updated pods are available"));
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }

    private static Instant time(String s) {
        try {
            return s.isEmpty() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
