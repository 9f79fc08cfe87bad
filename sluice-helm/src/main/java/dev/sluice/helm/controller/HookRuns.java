package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.ManifestDocs;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Running Helm hooks without blocking: {@link #start} creates the selected hooks (lowest weight
 * first; an earlier run's object is deleted first, Helm's {@code before-hook-creation}) and marks
 * them {@code Running} in the release's hook JSON ({@code last_run}); {@link #poll} reads each
 * Pod's {@code status.phase} or Job's Complete/Failed condition (other kinds succeed once created),
 * marks the finished ones and applies the {@code hook-succeeded}/{@code hook-failed} delete
 * policies. The release's hook JSON is the only memory.
 */
final class HookRuns {

    /** What a poll found: hooks still running, failure descriptions, and how many succeeded. */
    record Outcome(boolean running, List<String> failures, int succeeded) {
    }

    private final Cluster cluster;
    private final String fieldManager;

    HookRuns(Cluster cluster, String fieldManager) {
        this.cluster = cluster;
        this.fieldManager = fieldManager;
    }

    static Predicate<JsonNode> on(String event) {
        return h -> {
            for (JsonNode e : h.path("events")) {
                if (e.asText().equals(event)) {
                    return true;
                }
            }
            return false;
        };
    }

    static boolean any(ArrayNode hooks, Predicate<JsonNode> select) {
        for (JsonNode h : hooks) {
            if (select.test(h)) {
                return true;
            }
        }
        return false;
    }

    static boolean anyIn(ArrayNode hooks, Predicate<JsonNode> select, String phase) {
        for (JsonNode h : hooks) {
            if (select.test(h) && phase.equals(h.path("last_run").path("phase").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Creates the selected hooks in {@code hooks} (changed in place); returns how many were started. */
    int start(ArrayNode hooks, Predicate<JsonNode> select, String releaseNamespace, Instant now) {
        List<ObjectNode> chosen = new ArrayList<>();
        hooks.forEach(h -> {
            if (select.test(h)) {
                chosen.add((ObjectNode) h);
            }
        });
        chosen.sort(Comparator.comparingInt((ObjectNode h) -> h.path("weight").asInt()).thenComparing(h -> h.path("name").asText()));
        for (ObjectNode h : chosen) {
            Optional<KubeObject> o = object(h, releaseNamespace);
            if (o.isEmpty()) {
                continue;
            }
            delete(o.get().key());
            cluster.apply(o.get(), ApplyOptions.as(fieldManager));
            h.putObject("last_run").put("started_at", now.toString()).put("completed_at", "").put("phase", Snapshots.RUNNING);
        }
        return chosen.size();
    }

    /** Looks at the running selected hooks (changed in place). */
    Outcome poll(ArrayNode hooks, Predicate<JsonNode> select, String releaseNamespace, Duration timeout, Instant now) {
        List<String> failures = new ArrayList<>();
        int succeeded = 0;
        boolean running = false;
        for (JsonNode h : hooks) {
            if (!select.test(h)) {
                continue;
            }
            ObjectNode run = (ObjectNode) h.path("last_run");
            String before = run.path("phase").asText();
            if (!Snapshots.RUNNING.equals(before)) {
                succeeded += Snapshots.SUCCEEDED.equals(before) ? 1 : 0;
                continue;
            }
            String kind = h.path("kind").asText();
            String name = h.path("name").asText();
            Optional<KubeObject> live = object(h, releaseNamespace).flatMap(o -> cluster.get(o.key()));
            String phase = live.map(HookRuns::phase).orElse("");
            if (phase.isEmpty() && now.isAfter(parse(run.path("started_at").asText()).plus(timeout))) {
                phase = Snapshots.FAILED;
                failures.add(kind.toLowerCase() + " " + name + " timed out after " + GoDuration.format(timeout));
            } else if (phase.equals(Snapshots.FAILED)) {
                failures.add(kind.toLowerCase() + " " + name + " failed" + live.map(HookRuns::why).orElse(""));
            }
            if (phase.isEmpty()) {
                running = true;
                continue;
            }
            run.put("phase", phase).put("completed_at", now.toString());
            boolean ok = phase.equals(Snapshots.SUCCEEDED);
            succeeded += ok ? 1 : 0;
            if (live.isPresent() && hasPolicy(h, ok ? "hook-succeeded" : "hook-failed")) {
                delete(live.get().key());
            }
        }
        return new Outcome(running, failures, succeeded);
    }

    /** Succeeded, Failed, or "" while it runs. */
    static String phase(KubeObject o) {
        if (o.kind().equals("Pod")) {
            String p = o.status().path("phase").asText("");
            return p.equals("Succeeded") || p.equals("Failed") ? p : "";
        }
        if (o.kind().equals("Job")) {
            if (Conditions.find(o.status(), "Complete").map(Condition::isTrue).orElse(false)) {
                return Snapshots.SUCCEEDED;
            }
            return Conditions.find(o.status(), "Failed").map(Condition::isTrue).orElse(false) ? Snapshots.FAILED : "";
        }
        return Snapshots.SUCCEEDED; // Helm waits only for Pods and Jobs
    }

    private static String why(KubeObject o) {
        String reason = o.kind().equals("Job") ? Conditions.find(o.status(), "Failed").map(Condition::reason).orElse("")
                : o.status().path("reason").asText(o.status().path("message").asText(""));
        return reason.isEmpty() ? "" : ": " + reason;
    }

    private static Optional<KubeObject> object(JsonNode hook, String releaseNamespace) {
        try {
            List<KubeObject> objs = ManifestDocs.objects(hook.path("manifest").asText());
            if (objs.isEmpty()) {
                return Optional.empty();
            }
            KubeObject o = objs.get(0);
            return Optional.of(o.namespace().isEmpty() ? o.withMetadata("namespace", releaseNamespace) : o);
        } catch (ChartException e) {
            return Optional.empty();
        }
    }

    private static boolean hasPolicy(JsonNode hook, String policy) {
        for (JsonNode p : hook.path("delete_policies")) {
            if (p.asText().equals(policy)) {
                return true;
            }
        }
        return false;
    }

    private void delete(ObjectKey key) {
        try {
            cluster.delete(key, DeleteOptions.background());
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                throw e;
            }
        }
    }

    private static Instant parse(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
