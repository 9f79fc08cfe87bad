package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.api.GoDuration;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.server.timeline.TimelineJson;
import dev.sluice.server.timeline.TimelineSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's JSON API under {@code /api/sluice/v1/} (documented in docs/dashboard.md): read
 * views open to anyone who can reach the (loopback) port, actions ({@code POST}) only with the
 * token. Reads go through the {@link Cluster} port and the tick store, writes through {@link Actions}.
 */
final class DashboardApi implements HttpHandler {

    static final String PREFIX = "/api/sluice/";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardApi.class);
    private static final GroupKind CANARY = GroupKind.of(ResourceTypes.FLAGGER, "Canary");
    private static final GroupKind KUSTOMIZATION = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");
    private static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");
    private static final List<GroupKind> SOURCES = List.of(GroupKind.of(ResourceTypes.SOURCE, "GitRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "OCIRepository"), GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "Bucket"));

    private final Cluster cluster;
    private final DashboardSources sources;
    private final Actions actions;
    private final TimelineSource timelines;
    private final EventStream stream;

    DashboardApi(Cluster cluster, DashboardSources sources, EventStream stream) {
        this.cluster = cluster;
        this.sources = sources;
        this.actions = new Actions(cluster, sources.clock(), sources.gates());
        this.timelines = new TimelineSource(cluster, sources.ticks(), sources.clock());
        this.stream = stream;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Http http = new Http(exchange);
            List<String> p = http.segments();
            if (p.size() < 4 || !p.get(2).equals("v1")) {
                http.fail(404, "NotFound", "no dashboard API at " + exchange.getRequestURI().getPath());
                return;
            }
            List<String> route = p.subList(3, p.size());
            try {
                if (http.method().equals("GET")) {
                    get(http, route);
                } else if (http.method().equals("POST")) {
                    post(http, route);
                } else {
                    http.fail(405, "MethodNotAllowed", http.method() + " is not supported here");
                }
            } catch (ClusterException e) {
                int code = switch (e.reason()) {
                    case NOT_FOUND -> 404;
                    case CONFLICT, ALREADY_EXISTS -> 409;
                    case INVALID -> 422;
                    case FORBIDDEN -> 403;
                    default -> 503;
                };
                http.fail(code, e.reason().name(), e.getMessage());
            } catch (GateApprover.GateException e) {
                http.fail(502, "GateNotOpened", e.getMessage());
            } catch (IllegalArgumentException e) {
                http.fail(422, "Invalid", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("dashboard request {} {} failed", http.method(), exchange.getRequestURI(), e);
                http.fail(500, "InternalError", e.toString());
            }
        }
    }

    private void get(Http http, List<String> r) throws IOException {
        String first = r.get(0);
        switch (first) {
            case "overview" -> http.json(200, OverviewView.of(sources(), list(KUSTOMIZATION), list(CANARY),
                    list(DEPLOYMENT), cluster.events(null)));
            case "info" -> http.json(200, Json.object().put("gates", sources.gates() != GateApprover.NONE)
                    .put("workloads", sources.workloads() != WorkloadStats.NONE).put("metrics", sources.metrics() != null));
            case "sources" -> http.json(200, Json.object().set("rows", FluxViews.sources(sources())));
            case "kustomizations" -> {
                List<KubeObject> ks = list(KUSTOMIZATION);
                ObjectNode out = Json.object();
                out.set("rows", FluxViews.kustomizations(ks));
                out.set("graph", FluxViews.graph(ks, sources()));
                http.json(200, out);
            }
            case "canaries" -> canaries(http, r);
            case "timeline" -> {
                require(r, 3, "timeline/<namespace>/<canary>");
                var t = timelines.timeline(r.get(1), r.get(2))
                        .orElseThrow(() -> ClusterException.notFound(new ObjectKey(CANARY, r.get(1), r.get(2))));
                http.json(200, TimelineJson.write(t));
            }
            case "events" -> {
                int limit = Math.min(EventViews.MAX_LIMIT, intParam(http, "limit", EventViews.DEFAULT_LIMIT));
                var f = new EventViews.Filter(http.query("namespace", ""), http.query("kind", ""), http.query("name", ""),
                        http.query("type", ""), http.query("reason", ""), http.query("q", ""), limit);
                http.json(200, Json.object().set("items", EventViews.list(cluster.events(null), f)));
            }
            case "stat" -> {
                require(r, 2, "stat/deployments");
                if (!r.get(1).equals("deployments") && !r.get(1).equals("deploy")) {
                    throw new IllegalArgumentException("stat of '" + r.get(1) + "': only deployments are supported");
                }
                Duration window = GoDuration.parse(http.query("window", "1m"));
                http.json(200, StatView.of(cluster.list(DEPLOYMENT, http.query("namespace", ""), LabelSelector.everything()),
                        sources.workloads(), window));
            }
            case "stream" -> stream.serve(http);
            default -> http.fail(404, "NotFound", "no dashboard API '" + first + "'");
        }
    }

    private void canaries(Http http, List<String> r) throws IOException {
        if (r.size() == 1) {
            http.json(200, Json.object().set("rows", CanaryViews.rows(list(CANARY))));
            return;
        }
        require(r, 3, "canaries/<namespace>/<name>");
        ObjectKey key = new ObjectKey(CANARY, r.get(1), r.get(2));
        KubeObject c = cluster.get(key).orElseThrow(() -> ClusterException.notFound(key));
        if (r.size() == 4 && r.get(3).equals("ticks")) {
            ArrayNode ticks = Json.nodes().arrayNode();
            sources.ticks().ticks(key).forEach(t -> ticks.add(CanaryViews.tick(t)));
            http.json(200, Json.object().set("items", ticks));
            return;
        }
        http.json(200, CanaryViews.detail(c, sources.ticks().ticks(key), cluster.events(key)));
    }

    private void post(Http http, List<String> r) throws IOException {
        if (!sources.auth().allows(http.header("Authorization"))) {
            http.fail(401, "Unauthorized", "actions need the API token (Authorization: Bearer <token>); "
                    + "'sluice up' writes it to its state directory");
            return;
        }
        http.jsonBody(); // read and bound the body even though no action takes one yet
        String first = r.get(0);
        if (first.equals("auth") && r.size() == 2 && r.get(1).equals("check")) {
            http.json(200, Json.object().put("message", "token accepted"));
        } else if (first.equals("canaries") && r.size() == 4) {
            String value = actions.canary(r.get(1), r.get(2), r.get(3));
            http.json(202, Json.object().put("message", r.get(3) + " requested for Canary " + r.get(1) + "/" + r.get(2))
                    .put("annotation", CanaryViews.REQUESTED_ACTION).put("value", value));
        } else if (first.equals("canaries") && r.size() == 6 && r.get(3).equals("gates") && r.get(5).equals("open")) {
            http.json(202, Json.object().put("message", actions.openGate(r.get(1), r.get(2), r.get(4))));
        } else if (first.equals("reconcile") && r.size() == 4) {
            String value = actions.reconcile(r.get(1), r.get(2), r.get(3));
            http.json(202, Json.object().put("message", "reconcile requested for " + r.get(1) + " " + r.get(2) + "/" + r.get(3))
                    .put("annotation", Actions.REQUESTED_AT).put("value", value));
        } else {
            http.fail(404, "NotFound", "no dashboard action at " + http.exchange().getRequestURI().getPath());
        }
    }

    private List<KubeObject> sources() {
        List<KubeObject> out = new ArrayList<>();
        SOURCES.forEach(k -> out.addAll(list(k)));
        return out;
    }

    private List<KubeObject> list(GroupKind kind) {
        try {
            return cluster.list(kind, "", LabelSelector.everything());
        } catch (ClusterException e) {
            if (e.is(ClusterException.Reason.NOT_FOUND)) {
                return List.of(); // a kind this cluster does not serve
            }
            throw e;
        }
    }

    private static void require(List<String> r, int size, String form) {
        if (r.size() != size) {
            throw new IllegalArgumentException("expected /api/sluice/v1/" + form);
        }
    }

    private static int intParam(Http http, String name, int fallback) {
        String v = http.query(name, "");
        try {
            return v.isEmpty() ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter " + name + "='" + v + "': expected an integer");
        }
    }
}
