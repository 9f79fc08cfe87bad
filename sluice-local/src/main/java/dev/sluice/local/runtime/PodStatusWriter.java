package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bare Pod's {@code status} as the kubelet writes it: phase, the conditions PodScheduled,
 * Initialized, ContainersReady and Ready, and each container's state and last state. A pure
 * function of the pod's runtime and the previous status (whose transition times it keeps).
 */
final class PodStatusWriter {

    static final String LOOPBACK = "127.0.0.1";

    private PodStatusWriter() {
    }

    /** The status of a pod that runs (or ran). */
    static ObjectNode running(PodRuntime pod, Instant startTime, JsonNode previous, Instant now) {
        String phase = pod.phase();
        boolean done = phase.equals("Succeeded") || phase.equals("Failed");
        List<String> unready = pod.containers.stream().filter(c -> !c.ready()).map(c -> c.spec.name()).toList();
        ObjectNode s = base(phase, previous, now, done ? "PodCompleted" : "");
        ArrayNode conditions = s.withArray("conditions");
        String notReadyReason = done ? "PodCompleted" : "ContainersNotReady";
        String notReadyMessage = done ? "" : "containers with unready status: [" + String.join(" ", unready) + "]";
        conditions.add(condition(previous, "ContainersReady", unready.isEmpty(), unready.isEmpty() ? "" : notReadyReason,
                unready.isEmpty() ? "" : notReadyMessage, now));
        conditions.add(condition(previous, "Ready", unready.isEmpty(), unready.isEmpty() ? "" : notReadyReason,
                unready.isEmpty() ? "" : notReadyMessage, now));
        s.put("hostIP", LOOPBACK).put("podIP", LOOPBACK);
        s.putArray("podIPs").addObject().put("ip", LOOPBACK);
        s.put("startTime", startTime.toString());
        ArrayNode statuses = s.putArray("containerStatuses");
        for (ContainerRuntime c : pod.containers) {
            statuses.add(container(c));
        }
        return s;
    }

    /** The status of a pod whose container cannot run here: Pending, the container waiting with {@code reason}. */
    static ObjectNode waiting(List<String> containers, List<String> images, String reason, String message, JsonNode previous,
                              Instant now) {
        ObjectNode s = base("Pending", previous, now, "");
        String text = "containers with unready status: [" + String.join(" ", containers) + "]";
        s.withArray("conditions").add(condition(previous, "ContainersReady", false, "ContainersNotReady", text, now));
        s.withArray("conditions").add(condition(previous, "Ready", false, "ContainersNotReady", text, now));
        s.put("hostIP", LOOPBACK).put("podIP", LOOPBACK);
        ArrayNode statuses = s.putArray("containerStatuses");
        for (int i = 0; i < containers.size(); i++) {
            ObjectNode c = statuses.addObject().put("name", containers.get(i)).put("image", images.get(i)).put("imageID", "")
                    .put("ready", false).put("restartCount", 0).put("started", false);
            c.putObject("state").putObject("waiting").put("reason", reason).put("message", message);
            c.putObject("lastState");
        }
        return s;
    }

    /** A pod the API server would have refused: Failed at once, with why. */
    static ObjectNode invalid(String message, JsonNode previous, Instant now) {
        ObjectNode s = base("Failed", previous, now, "");
        s.put("reason", "InvalidSpec").put("message", message);
        return s;
    }

    private static ObjectNode base(String phase, JsonNode previous, Instant now, String initializedReason) {
        ObjectNode s = Json.object();
        s.put("phase", phase);
        ArrayNode conditions = s.putArray("conditions");
        conditions.add(condition(previous, "PodScheduled", true, "", "", now));
        conditions.add(condition(previous, "Initialized", true, initializedReason, "", now));
        return s;
    }

    private static ObjectNode container(ContainerRuntime c) {
        ObjectNode n = Json.object();
        n.put("name", c.spec.name()).put("image", c.spec.image()).put("imageID", "").put("ready", c.ready())
                .put("restartCount", c.restarts).put("started", c.state == ContainerRuntime.State.RUNNING);
        ObjectNode state = n.putObject("state");
        ObjectNode last = n.putObject("lastState");
        if (c.completed) {
            terminated(state, c.lastRun.orElseThrow());
            return n;
        }
        c.lastRun.ifPresent(t -> terminated(last, t));
        switch (c.state) {
            case RUNNING -> state.putObject("running").put("startedAt", c.startedAt.toString());
            case WAITING -> {
                ObjectNode w = state.putObject("waiting").put("reason", c.reason);
                if (!c.message.isEmpty()) {
                    w.put("message", c.message);
                }
            }
            case STOPPED -> c.lastRun.ifPresent(t -> terminated(state, t));
        }
        return n;
    }

    private static void terminated(ObjectNode parent, ContainerRuntime.Terminated t) {
        ObjectNode n = parent.putObject("terminated").put("exitCode", t.exitCode()).put("reason", t.reason());
        if (!t.message().isEmpty()) {
            n.put("message", t.message());
        }
        n.put("startedAt", t.startedAt().toString()).put("finishedAt", t.finishedAt().toString());
    }

    /** A condition, keeping the previous transition time when its status did not change. */
    private static ObjectNode condition(JsonNode previous, String type, boolean status, String reason, String message, Instant now) {
        String value = status ? "True" : "False";
        String since = findCondition(previous, type).filter(c -> c.path("status").asText().equals(value))
                .map(c -> c.path("lastTransitionTime").asText()).orElse(now.toString());
        ObjectNode c = Json.object().put("type", type).put("status", value);
        c.putNull("lastProbeTime");
        c.put("lastTransitionTime", since);
        if (!reason.isEmpty()) {
            c.put("reason", reason);
        }
        if (!message.isEmpty()) {
            c.put("message", message);
        }
        return c;
    }

    private static Optional<JsonNode> findCondition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
