package dev.sluice.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the child through its HTTP API (polling, so it survives the child's deaths): every Canary's
 * phase, weight and failed checks, and every primary Deployment's template. It records what breaks a
 * guarantee as it sees it: a canary that must roll back reaching a promotion phase or its primary
 * carrying the failing release, a promotion phase with failed checks at the threshold, and a canary
 * leaving its final phase of a round. Thread-safe: {@link #poll} runs on one thread, readers any.
 */
final class FleetObserver {

    /** What one poll saw of a canary. */
    record Seen(String phase, int weight, int failedChecks, String resourceVersion) {
    }

    private static final Set<String> PROMOTING = Set.of("Promoting", "Finalising", "Succeeded", "WaitingPromotion");
    private static final Set<String> FINAL = Set.of(CrashFleet.PROMOTED, CrashFleet.ROLLED_BACK);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String api;
    private final Map<String, CrashFleet.Rollout> rollouts = new HashMap<>();
    private final Map<String, Seen> last = new ConcurrentHashMap<>();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile int round = 1;
    private final Map<String, Integer> finishedRound = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxFailed = new ConcurrentHashMap<>();

    FleetObserver(String api, List<CrashFleet.Rollout> fleet) {
        this.api = api;
        fleet.forEach(r -> rollouts.put(r.name(), r));
    }

    /** A new release is in Git: final phases seen from now on belong to {@code n}. */
    void round(int n) {
        round = n;
    }

    /**
     * One look at the child; returns the number of canaries whose status changed since the last
     * look, or -1 when the child did not answer (it is down or starting).
     */
    int poll() {
        JsonNode canaries = list("/apis/flagger.app/v1beta1/namespaces/" + CrashFleet.NS + "/canaries");
        JsonNode deployments = list("/apis/apps/v1/namespaces/" + CrashFleet.NS + "/deployments");
        if (canaries == null || deployments == null) {
            return -1;
        }
        int changed = 0;
        for (JsonNode c : canaries.path("items")) {
            String name = c.path("metadata").path("name").asText();
            CrashFleet.Rollout r = rollouts.get(name);
            if (r == null) {
                continue;
            }
            JsonNode st = c.path("status");
            Seen s = new Seen(st.path("phase").asText(""), st.path("canaryWeight").asInt(), st.path("failedChecks").asInt(),
                    c.path("metadata").path("resourceVersion").asText());
            Seen before = last.put(name, s);
            if (before == null || !before.resourceVersion().equals(s.resourceVersion())) {
                changed++;
            }
            check(r, s, before);
            maxFailed.merge(name, s.failedChecks(), Math::max);
        }
        for (JsonNode d : deployments.path("items")) {
            String name = d.path("metadata").path("name").asText();
            if (name.endsWith("-primary")) {
                CrashFleet.Rollout r = rollouts.get(name.substring(0, name.length() - "-primary".length()));
                if (r != null && !r.mustPromote() && d.toString().contains("\"ERROR_FRACTION\",\"value\":\"100\"")) {
                    violate(r.name() + ": the primary runs the failing release (ERROR_FRACTION=100)");
                }
            }
        }
        return changed;
    }

    private void check(CrashFleet.Rollout r, Seen s, Seen before) {
        if (round >= 2 && !r.mustPromote() && PROMOTING.contains(s.phase())) {
            violate(r.name() + ": must roll back but is " + s.phase());
        }
        if (PROMOTING.contains(s.phase()) && !s.phase().equals(CrashFleet.PROMOTED) && s.failedChecks() >= CrashFleet.THRESHOLD) {
            violate(r.name() + ": " + s.phase() + " with " + s.failedChecks() + " failed checks (threshold " + CrashFleet.THRESHOLD + ")");
        }
        if (FINAL.contains(s.phase())) {
            int done = finishedRound.getOrDefault(r.name(), 0);
            if (done < round && before != null && !FINAL.contains(before.phase())) {
                finishedRound.put(r.name(), round);
                if (round >= 2 && !s.phase().equals(r.expectedPhase())) {
                    violate(r.name() + ": ended release " + round + " " + s.phase() + ", expected " + r.expectedPhase()
                            + " (failed checks " + s.failedChecks() + ")");
                }
            }
        } else if (before != null && FINAL.contains(before.phase()) && finishedRound.getOrDefault(r.name(), 0) == round
                && !s.phase().isEmpty()) {
            violate(r.name() + ": left its final phase " + before.phase() + " for " + s.phase() + " in round " + round
                    + " (a second analysis of the same release)");
        }
    }

    private void violate(String message) {
        if (!violations.contains(message)) {
            violations.add(message);
        }
    }

    private JsonNode list(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    Map<String, Seen> last() {
        return Map.copyOf(last);
    }

    /** True when every canary has been seen in its expected final phase for round {@code n}. */
    boolean roundDone(int n) {
        return rollouts.values().stream().allMatch(r -> finishedRound.getOrDefault(r.name(), 0) >= n
                && last.containsKey(r.name()) && FINAL.contains(last.get(r.name()).phase()));
    }

    boolean allIn(String phase) {
        return rollouts.keySet().stream().allMatch(n -> last.containsKey(n) && last.get(n).phase().equals(phase));
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** The most failed checks seen on a canary that must promote (what restarts cost it, at worst). */
    int maxFailedChecksOfPromoted() {
        return rollouts.values().stream().filter(CrashFleet.Rollout::mustPromote)
                .mapToInt(r -> maxFailed.getOrDefault(r.name(), 0)).max().orElse(0);
    }
}
