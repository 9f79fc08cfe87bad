package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.values.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code status.history}: helm-controller's snapshots of the releases it made, newest first, each
 * with a digest of the release it observed (so a release changed behind its back is noticed) and
 * the state of its test hooks. Pure functions over JSON.
 */
final class Snapshots {

    static final String FAILED = "Failed";
    static final String SUCCEEDED = "Succeeded";
    static final String RUNNING = "Running";

    private Snapshots() {
    }

    /** The snapshot of {@code r} as helm-controller writes it; test hooks copied from its release hooks. */
    static ObjectNode of(Release r, String action) {
        ObjectNode s = Json.object();
        s.put("apiVersion", "v2").put("digest", digest(r)).put("name", r.name()).put("namespace", r.namespace())
                .put("version", r.version()).put("status", r.status());
        if (!action.isEmpty()) {
            s.put("action", action);
        }
        s.put("chartName", r.chartName()).put("chartVersion", r.chartVersion());
        if (!r.appVersion().isEmpty()) {
            s.put("appVersion", r.appVersion());
        }
        s.put("configDigest", Values.digest(r.config())).put("firstDeployed", r.firstDeployed().toString())
                .put("lastDeployed", r.lastDeployed().toString());
        if (r.status().equals(Release.UNINSTALLED)) {
            s.put("deleted", r.deleted().toString());
        }
        ObjectNode tests = testHooks(r);
        if (tests != null) {
            s.set("testHooks", tests);
        }
        return s;
    }

    /** The test hooks' runs in {@code r}, or null when the tests never ran. */
    private static ObjectNode testHooks(Release r) {
        ObjectNode out = Json.object();
        boolean ran = false;
        for (JsonNode h : r.hooks()) {
            boolean test = false;
            for (JsonNode e : h.path("events")) {
                test |= e.asText().equals("test");
            }
            JsonNode run = h.path("last_run");
            if (!test || run.path("phase").asText("").isEmpty()) {
                continue;
            }
            ran = true;
            ObjectNode t = out.putObject(h.path("name").asText());
            t.put("lastStarted", run.path("started_at").asText(""));
            if (!run.path("completed_at").asText("").isEmpty()) {
                t.put("lastCompleted", run.path("completed_at").asText());
            }
            t.put("phase", run.path("phase").asText());
        }
        return ran ? out : null;
    }

    /** A digest of what helm-controller observes of a release (its test runs left out). */
    static String digest(Release r) {
        ObjectNode o = Json.object();
        o.put("name", r.name()).put("namespace", r.namespace()).put("version", r.version()).put("status", r.status());
        o.set("chartMetadata", r.chart().path("metadata"));
        o.set("config", r.config());
        o.put("manifest", r.manifest());
        return Values.digest(o);
    }

    /** The history of a status, newest version first. */
    static List<ObjectNode> read(JsonNode status) {
        List<ObjectNode> out = new ArrayList<>();
        status.path("history").forEach(s -> {
            if (s instanceof ObjectNode o) {
                out.add(o.deepCopy());
            }
        });
        out.sort(Comparator.comparingLong((ObjectNode s) -> s.path("version").asLong()).reversed());
        return out;
    }

    static ArrayNode toArray(List<ObjectNode> history) {
        ArrayNode a = Json.nodes().arrayNode();
        history.forEach(a::add);
        return a;
    }

    static Optional<ObjectNode> latest(List<ObjectNode> history) {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(0));
    }

    /** {@code history} with {@code snap} in place of the snapshot of the same version, or added first. */
    static List<ObjectNode> put(List<ObjectNode> history, ObjectNode snap) {
        List<ObjectNode> out = new ArrayList<>();
        boolean replaced = false;
        for (ObjectNode s : history) {
            if (s.path("version").asInt() == snap.path("version").asInt() && s.path("name").asText().equals(snap.path("name").asText())) {
                if (!snap.has("action") && s.has("action")) {
                    snap.set("action", s.get("action"));
                }
                if (!snap.has("testHooks") && s.has("testHooks")) {
                    snap.set("testHooks", s.get("testHooks")); // e.g. tested with no test hooks: {}
                }
                out.add(snap);
                replaced = true;
            } else {
                out.add(s);
            }
        }
        if (!replaced) {
            out.add(0, snap);
        }
        out.sort(Comparator.comparingLong((ObjectNode s) -> s.path("version").asLong()).reversed());
        return out;
    }

    static boolean hasTestIn(ObjectNode snap, String phase) {
        for (JsonNode t : snap.path("testHooks")) {
            if (t.path("phase").asText().equals(phase)) {
                return true;
            }
        }
        return false;
    }

    /** Tested: the tests ran and all completed, or one failed (Flux's HasBeenTested). */
    static boolean hasBeenTested(ObjectNode snap) {
        JsonNode t = snap.get("testHooks");
        if (t == null) {
            return false;
        }
        if (t.isEmpty() || hasTestIn(snap, FAILED)) {
            return true;
        }
        for (JsonNode h : t) {
            if (!h.path("phase").asText().equals(SUCCEEDED)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The release to roll back to: the newest older snapshot that was deployed or superseded and,
     * unless test failures are ignored, whose tests did not fail.
     */
    static Optional<ObjectNode> previous(List<ObjectNode> history, boolean ignoreTests) {
        for (int i = 1; i < history.size(); i++) {
            ObjectNode s = history.get(i);
            String st = s.path("status").asText();
            if ((st.equals(Release.DEPLOYED) || st.equals(Release.SUPERSEDED)) && (ignoreTests || !hasTestIn(s, FAILED))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Keeps the latest and everything up to the previous good release (Flux's Truncate), at most {@code max}. */
    static List<ObjectNode> truncate(List<ObjectNode> history, boolean ignoreTests, int max) {
        for (int i = 1; i < history.size(); i++) {
            ObjectNode s = history.get(i);
            String st = s.path("status").asText();
            if ((st.equals(Release.DEPLOYED) || st.equals(Release.SUPERSEDED)) && (ignoreTests || !hasTestIn(s, FAILED))) {
                return new ArrayList<>(history.subList(0, i + 1));
            }
        }
        return new ArrayList<>(history.subList(0, Math.min(history.size(), Math.max(max, 1))));
    }

    static String fullName(ObjectNode s) {
        return s.path("namespace").asText() + "/" + s.path("name").asText() + ".v" + s.path("version").asInt();
    }

    static String versionedChart(ObjectNode s) {
        return s.path("chartName").asText() + "@" + s.path("chartVersion").asText();
    }
}
