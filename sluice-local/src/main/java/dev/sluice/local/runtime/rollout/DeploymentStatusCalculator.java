package dev.sluice.local.runtime.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment status as Kubernetes' controller writes it ({@code calculateStatus} and
 * {@code syncRolloutStatus}): replica counts, {@code Available} (MinimumReplicasAvailable /
 * MinimumReplicasUnavailable), {@code Progressing} (NewReplicaSetCreated, FoundNewReplicaSet,
 * ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused /
 * DeploymentResumed) and {@code ReplicaFailure}. Pure; zero counts are omitted as the API omits them.
 */
public final class DeploymentStatusCalculator {

    private DeploymentStatusCalculator() {
    }

    private record Counts(int replicas, int updated, int ready, int available, int unavailable) {

        static Counts of(JsonNode status) {
            return new Counts(status.path("replicas").asInt(0), status.path("updatedReplicas").asInt(0),
                    status.path("readyReplicas").asInt(0), status.path("availableReplicas").asInt(0),
                    status.path("unavailableReplicas").asInt(0));
        }
    }

    public static ObjectNode compute(DeploymentFacts f) {
        Desired d = f.desired();
        String now = f.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<DeploymentCondition> conds = DeploymentCondition.listFrom(f.previousStatus());
        Optional<ReplicaSetState> fresh = f.plan().set(d.newHash());
        String subject = fresh.map(rs -> "ReplicaSet \"" + rs.name() + "\"").orElse("Deployment \"" + f.name() + "\"");
        boolean deadline = f.progressDeadlineSeconds() > 0;

        boolean pausedCond = Conditions.find(conds, DeploymentCondition.PROGRESSING)
                .map(c -> c.reason().equals("DeploymentPaused")).orElse(false);
        if (d.paused() && !pausedCond) {
            conds = Conditions.set(conds, Conditions.create(DeploymentCondition.PROGRESSING, "Unknown", "DeploymentPaused",
                    "Deployment is paused", now));
        } else if (!d.paused() && pausedCond) {
            conds = Conditions.set(conds, Conditions.create(DeploymentCondition.PROGRESSING, "Unknown", "DeploymentResumed",
                    "Deployment is resumed", now));
        }
        if (deadline && fresh.isPresent()) {
            if (f.plan().createdNew()) {
                conds = Conditions.set(conds, Conditions.create(DeploymentCondition.PROGRESSING, "True", "NewReplicaSetCreated",
                        "Created new replica set \"" + fresh.get().name() + "\"", now));
            } else if (Conditions.find(conds, DeploymentCondition.PROGRESSING).isEmpty()) {
                conds = Conditions.set(conds, Conditions.create(DeploymentCondition.PROGRESSING, "True", "FoundNewReplicaSet",
                        "Found new replica set \"" + fresh.get().name() + "\"", now));
            }
        }
        Optional<DeploymentCondition> current = Conditions.find(conds, DeploymentCondition.PROGRESSING);

        List<ReplicaSetState> sets = f.plan().sets();
        int available = Work.available(sets);
        Counts next = new Counts(sets.stream().mapToInt(ReplicaSetState::pods).sum(), fresh.map(ReplicaSetState::pods).orElse(0),
                sets.stream().mapToInt(ReplicaSetState::ready).sum(), available, Math.max(0, Work.targets(sets) - available));
        conds = Conditions.set(conds, available >= d.replicas() - d.maxUnavailable()
                ? Conditions.create(DeploymentCondition.AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
                : Conditions.create(DeploymentCondition.AVAILABLE, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));

        if (!d.paused() && !f.plan().scalingEvent()) {
            conds = progress(f, conds, current, Counts.of(f.previousStatus()), next, subject, now);
        }
        conds = f.failure().isPresent()
                ? failure(conds, f.failure().get(), now)
                : Conditions.remove(conds, DeploymentCondition.REPLICA_FAILURE);
        return toNode(f, next, conds);
    }

    private static List<DeploymentCondition> progress(DeploymentFacts f, List<DeploymentCondition> conds,
                                                      Optional<DeploymentCondition> current, Counts before, Counts next,
                                                      String subject, String now) {
        if (f.progressDeadlineSeconds() <= 0) {
            return Conditions.remove(conds, DeploymentCondition.PROGRESSING);
        }
        boolean alreadyComplete = next.replicas() == next.updated()
                && current.map(c -> c.reason().equals("NewReplicaSetAvailable")).orElse(false);
        if (alreadyComplete) {
            return conds;
        }
        int replicas = f.desired().replicas();
        if (next.updated() == replicas && next.replicas() == replicas && next.available() == replicas) {
            return Conditions.set(conds, Conditions.create(DeploymentCondition.PROGRESSING, "True", "NewReplicaSetAvailable",
                    subject + " has successfully progressed.", now));
        }
        boolean progressed = next.updated() > before.updated()
                || next.replicas() - next.updated() < before.replicas() - before.updated()
                || next.ready() > before.ready()
                || next.available() > before.available();
        if (progressed) {
            DeploymentCondition c = Conditions.create(DeploymentCondition.PROGRESSING, "True", "ReplicaSetUpdated",
                    subject + " is progressing.", now);
            // The controller refreshes lastUpdateTime on every progress, keeping the transition time.
            if (current.isPresent() && current.get().isTrue()) {
                c = new DeploymentCondition(c.type(), c.status(), now, current.get().lastTransitionTime(), c.reason(), c.message());
            }
            List<DeploymentCondition> without = Conditions.remove(conds, DeploymentCondition.PROGRESSING);
            return Conditions.set(without, c);
        }
        if (timedOut(conds, f.progressDeadlineSeconds(), f.now())) {
            return Conditions.set(conds, Conditions.create(DeploymentCondition.PROGRESSING, "False", "ProgressDeadlineExceeded",
                    subject + " has timed out progressing.", now));
        }
        return conds;
    }

    /**
     * The stored status with only a {@code ReplicaFailure} set: for a workload whose spec cannot be
     * read at all, where nothing else is known.
     */
    public static ObjectNode withFailure(JsonNode previous, DeploymentFacts.Failure failure, Instant now) {
        ObjectNode status = previous.isObject() ? ((ObjectNode) previous).deepCopy() : Json.object();
        List<DeploymentCondition> conds = failure(DeploymentCondition.listFrom(previous), failure,
                now.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode array = status.putArray("conditions");
        conds.forEach(c -> array.add(c.toNode()));
        return status;
    }

    /**
     * Unlike the controller's own conditions, a failure's message is refreshed when it changes (a
     * new back-off, another restart), keeping its transition time.
     */
    private static List<DeploymentCondition> failure(List<DeploymentCondition> conds, DeploymentFacts.Failure failure, String now) {
        Optional<DeploymentCondition> current = Conditions.find(conds, DeploymentCondition.REPLICA_FAILURE);
        if (current.isPresent() && current.get().isTrue() && current.get().reason().equals(failure.reason())) {
            if (current.get().message().equals(failure.message())) {
                return conds;
            }
            DeploymentCondition c = current.get();
            List<DeploymentCondition> out = new ArrayList<>(conds);
            out.set(out.indexOf(c), new DeploymentCondition(c.type(), c.status(), now, c.lastTransitionTime(), c.reason(), failure.message()));
            return out;
        }
        return Conditions.set(conds, Conditions.create(DeploymentCondition.REPLICA_FAILURE, "True", failure.reason(), failure.message(), now));
    }

    private static boolean timedOut(List<DeploymentCondition> conds, int deadlineSeconds, Instant now) {
        Optional<DeploymentCondition> c = Conditions.find(conds, DeploymentCondition.PROGRESSING);
        if (c.isEmpty() || c.get().reason().equals("NewReplicaSetAvailable")) {
            return false;
        }
        if (c.get().reason().equals("ProgressDeadlineExceeded")) {
            return true;
        }
        try {
            return Instant.parse(c.get().lastUpdateTime()).plusSeconds(deadlineSeconds).isBefore(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static ObjectNode toNode(DeploymentFacts f, Counts c, List<DeploymentCondition> conds) {
        ObjectNode s = Json.object();
        if (f.generation() > 0) {
            s.put("observedGeneration", f.generation());
        }
        putIfPositive(s, "replicas", c.replicas());
        putIfPositive(s, "updatedReplicas", c.updated());
        putIfPositive(s, "readyReplicas", c.ready());
        putIfPositive(s, "availableReplicas", c.available());
        putIfPositive(s, "unavailableReplicas", c.unavailable());
        ArrayNode array = s.putArray("conditions");
        conds.forEach(cond -> array.add(cond.toNode()));
        JsonNode collisions = f.previousStatus().path("collisionCount");
        if (collisions.isNumber()) {
            s.put("collisionCount", collisions.asInt());
        }
        return s;
    }

    private static void putIfPositive(ObjectNode s, String field, int value) {
        if (value > 0) {
            s.put(field, value);
        }
    }
}
