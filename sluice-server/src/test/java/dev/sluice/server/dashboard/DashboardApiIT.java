package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardApiIT {

    private final List<String> gateCalls = new ArrayList<>();
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        WorkloadStats stats = new WorkloadStats() {
            @Override
            public boolean meshed(String namespace, String deployment) {
                return !deployment.equals("faces-gui");
            }

            @Override
            public Optional<Golden> golden(String namespace, String deployment, Duration window) {
                return deployment.equals("face") ? Optional.of(new Golden(81.5, 2.25, 3.0, 9.5, 12.0, null)) : Optional.empty();
            }
        };
        GateApprover gates = (canary, webhook, url) -> {
            gateCalls.add(canary + " " + webhook + " " + url);
            return "gate opened";
        };
        server = new DashboardServer(stats, gates);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    private Optional<KubeObject> canary(String name) {
        return server.cluster.get(Fixtures.canaryKey(name));
    }

    @Test
    void overviewCountsAndPutsFailingThingsFirst() {
        HttpResponse<String> r = server.get("/api/sluice/v1/overview");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode o = json(r);
        assertThat(o.at("/counts/kustomizations/total").asInt()).isEqualTo(3);
        assertThat(o.at("/counts/kustomizations/failing").asInt()).isEqualTo(1);
        assertThat(o.at("/counts/canaries/Failed").asInt()).isEqualTo(1);
        assertThat(o.path("failing").findValuesAsText("name")).containsExactly("broken", "color");
        assertThat(o.path("inProgress").findValuesAsText("name")).containsExactlyInAnyOrder("face", "faces-gui");

        JsonNode canaries = json(server.get("/api/sluice/v1/canaries")).path("rows");
        assertThat(canaries.findValuesAsText("name")).containsExactly("color", "face", "faces-gui", "smiley");
        JsonNode ks = json(server.get("/api/sluice/v1/kustomizations"));
        assertThat(ks.path("rows").get(0).path("name").asText()).isEqualTo("broken");
        assertThat(ks.at("/rows/1/inventory/0/kind").asText()).isEqualTo("Deployment");
        assertThat(ks.at("/graph/edges").findValuesAsText("to")).contains("Kustomization/faces/infrastructure",
                "GitRepository/faces/faces");
        JsonNode src = json(server.get("/api/sluice/v1/sources")).at("/rows/0");
        assertThat(src.path("shortRevision").asText()).isEqualTo("main@sha1:bbbbbbbb");
    }

    @Test
    void actionsNeedTheTokenAndWriteTheAnnotations() {
        HttpResponse<String> refused = server.post("/api/sluice/v1/canaries/faces/face/promote", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("reason").asText()).isEqualTo("Unauthorized");
        assertThat(server.post("/api/sluice/v1/canaries/faces/face/promote", "wrong").statusCode()).isEqualTo(401);
        assertThat(canary("face").orElseThrow().annotations()).doesNotContainKey("sluice.dev/requested-action");

        HttpResponse<String> ok = server.post("/api/sluice/v1/canaries/faces/face/promote", DashboardServer.TOKEN);
        assertThat(ok.statusCode()).isEqualTo(202);
        String expected = "promote@" + server.clock.instant();
        assertThat(canary("face").orElseThrow().annotations()).containsEntry("sluice.dev/requested-action", expected);
        assertThat(json(ok).path("value").asText()).isEqualTo(expected);

        HttpResponse<String> bad = server.post("/api/sluice/v1/canaries/faces/face/explode", DashboardServer.TOKEN);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(json(bad).path("message").asText()).isEqualTo("canary action 'explode': expected one of abort, pause, promote, resume, retry");

        assertThat(server.post("/api/sluice/v1/reconcile/Kustomization/faces/faces", DashboardServer.TOKEN).statusCode())
                .isEqualTo(202);
        KubeObject ks = server.cluster.get(ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "faces", "faces")).orElseThrow();
        assertThat(ks.annotations()).containsEntry("reconcile.fluxcd.io/requestedAt", server.clock.instant().toString());
        assertThat(server.post("/api/sluice/v1/reconcile/Kustomization/faces/nope", DashboardServer.TOKEN).statusCode())
                .isEqualTo(404);
    }

    @Test
    void gatesOpenThroughTheApproverOnlyForGateWebhooks() {
        HttpResponse<String> r = server.post("/api/sluice/v1/canaries/faces/faces-gui/gates/approve-promotion/open",
                DashboardServer.TOKEN);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(gateCalls).containsExactly("Canary/faces/faces-gui approve-promotion http://flagger-loadtester.faces/gate/check");

        HttpResponse<String> notGate = server.post("/api/sluice/v1/canaries/faces/faces-gui/gates/load-test/open",
                DashboardServer.TOKEN);
        assertThat(notGate.statusCode()).isEqualTo(422);
        assertThat(json(notGate).path("message").asText()).contains("has type 'rollout', not a gate");
    }

    @Test
    void canaryDetailTimelineAndStat() {
        server.ticks.record(Fixtures.tick("face", Fixtures.T0.plusSeconds(700), "hash-b", "Progressing", 20, 0, 99, 30,
                List.of("Advance face.faces canary weight 20")));
        JsonNode d = json(server.get("/api/sluice/v1/canaries/faces/face"));
        assertThat(d.path("phase").asText()).isEqualTo("Progressing");
        assertThat(d.at("/metrics/0/min").asDouble()).isEqualTo(70.0);
        assertThat(d.at("/metrics/1/max").asDouble()).isEqualTo(500.0);
        assertThat(d.at("/webhooks/0/gate").asBoolean()).isTrue();
        assertThat(d.at("/webhooks/1/passed").asBoolean()).isTrue();
        assertThat(d.at("/ticks/0/canaryWeight").asInt()).isEqualTo(20);

        JsonNode t = json(server.get("/api/sluice/v1/timeline/faces/face"));
        assertThat(t.path("shape").asText()).isEqualTo("sluice.dev/timeline/v1");
        assertThat(t.at("/kustomization/name").asText()).isEqualTo("faces");
        assertThat(t.at("/source/name").asText()).isEqualTo("faces");
        assertThat(server.get("/api/sluice/v1/timeline/faces/nope").statusCode()).isEqualTo(404);

        JsonNode stat = json(server.get("/api/sluice/v1/stat/deployments?namespace=faces"));
        JsonNode face = stat.path("rows").findParents("name").stream().filter(n -> n.path("name").asText().equals("face"))
                .findFirst().orElseThrow();
        assertThat(face.path("meshed").asText()).isEqualTo("0/0");
        assertThat(face.path("successRate").asDouble()).isEqualTo(81.5);
        assertThat(face.path("tcpConnections").isNull()).isTrue();
        JsonNode gui = stat.path("rows").findParents("name").stream().filter(n -> n.path("name").asText().equals("faces-gui"))
                .findFirst().orElseThrow();
        assertThat(gui.path("meshed").asText()).isEqualTo("0/1");
        assertThat(gui.path("rps").isNull()).isTrue();
    }

    @Test
    void eventsAreFilteredNewestFirst() {
        ObjectKey face = Fixtures.canaryKey("face");
        // The store stamps events with its own clock, as an API server does.
        server.cluster.recordEvent(EventRecord.normal(face, "Synced", "Advance face.faces canary weight 5", "flagger",
                Fixtures.T0.plusSeconds(10)));
        server.clock.advance(Duration.ofSeconds(10));
        server.cluster.recordEvent(EventRecord.warning(face, "Synced", "Halt face.faces advancement success rate 60% < 70%",
                "flagger", Fixtures.T0.plusSeconds(20)));
        JsonNode all = json(server.get("/api/sluice/v1/events?namespace=faces&kind=Canary"));
        assertThat(all.path("items").findValuesAsText("message")).first().asString().startsWith("Halt");
        JsonNode warnings = json(server.get("/api/sluice/v1/events?type=Warning&q=success%20RATE"));
        assertThat(warnings.path("items")).hasSize(1);
        assertThat(server.get("/api/sluice/v1/events?limit=x").statusCode()).isEqualTo(422);
    }

    @Test
    void pageAndVendorFilesComeFromTheJarWithAStrictPolicy() {
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.body()).contains("/assets/vendor/chart.js/dist/chart.umd.min.js");

        HttpResponse<String> chart = server.get("/assets/vendor/chart.js/dist/chart.umd.min.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(server.get("/assets/vendor/cytoscape/dist/cytoscape.esm.min.mjs").statusCode()).isEqualTo(200);
        assertThat(server.get("/assets/vendor/jquery/dist/jquery.js").statusCode()).isEqualTo(404);
        assertThat(server.get("/assets/..%2F..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(server.get("/assets/app.js").statusCode()).isEqualTo(200);

        HttpResponse<String> metrics = server.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("flagger_canary_total{namespace=\"faces\"} 4.0");
    }
}
