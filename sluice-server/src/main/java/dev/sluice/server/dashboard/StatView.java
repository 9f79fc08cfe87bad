package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code linkerd viz stat deploy}: one row per Deployment with {@code meshed} ("meshed/total" pods)
 * and the golden metrics; a null value means "-" (no traffic in the window, or not measured).
 */
final class StatView {

    private StatView() {
    }

    static ObjectNode of(List<KubeObject> deployments, WorkloadStats stats, Duration window) {
        ObjectNode out = Json.object().put("window", window.toString());
        ArrayNode rows = out.putArray("rows");
        deployments.stream().sorted(Comparator.comparing(KubeObject::namespace).thenComparing(KubeObject::name))
                .forEach(d -> {
                    int pods = d.status().path("replicas").asInt(0);
                    boolean meshed = stats.meshed(d.namespace(), d.name());
                    ObjectNode r = rows.addObject().put("namespace", d.namespace()).put("name", d.name())
                            .put("meshed", (meshed ? pods : 0) + "/" + pods);
                    Optional<WorkloadStats.Golden> g = stats.golden(d.namespace(), d.name(), window);
                    r.put("successRate", g.map(WorkloadStats.Golden::successRate).orElse(null));
                    r.put("rps", g.map(WorkloadStats.Golden::rps).orElse(null));
                    r.put("latencyP50", g.map(WorkloadStats.Golden::p50Ms).orElse(null));
                    r.put("latencyP95", g.map(WorkloadStats.Golden::p95Ms).orElse(null));
                    r.put("latencyP99", g.map(WorkloadStats.Golden::p99Ms).orElse(null));
                    r.put("tcpConnections", g.map(WorkloadStats.Golden::tcpConnections).orElse(null));
                });
        return out;
    }
}
