package dev.sluice.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.server.dashboard.DashboardServer;
import dev.sluice.server.dashboard.GateApprover;
import dev.sluice.server.dashboard.WorkloadStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bad or missing token never changes anything: every mutating path of the HTTP API (create,
 * update, status, merge and apply patches, delete, events) and every dashboard action answers 401,
 * and the store's resourceVersion and events are exactly as before. Secrets cannot be read without
 * the token either. The same requests with the token do change the store, so the test would see it.
 */
class MutationsNeedTokenTest {

    private static final String CM = "/api/v1/namespaces/faces/configmaps";
    private static final String KS = "/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/faces/kustomizations";
    private static final String CANARIES = "/apis/flagger.app/v1beta1/namespaces/faces/canaries";
    private static final String SECRETS = "/api/v1/namespaces/faces/secrets";
    private static final List<String> BAD_AUTH = java.util.Arrays.asList(null, "", "Bearer ", "Bearer wrong",
            "Bearer " + DashboardServer.TOKEN + "x", "Bearer " + DashboardServer.TOKEN.substring(1), "Basic "
            + java.util.Base64.getEncoder().encodeToString(("x:" + DashboardServer.TOKEN).getBytes()),
            "bearer " + DashboardServer.TOKEN, DashboardServer.TOKEN);

    private DashboardServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Call(String method, String path, String contentType, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        server = new DashboardServer(WorkloadStats.NONE, GateApprover.NONE);
        server.cluster.create(KubeObject.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: faces}, data: {a: b}}"));
        server.cluster.create(KubeObject.parse("{apiVersion: v1, kind: Secret, metadata: {name: git-auth, namespace: faces}, "
                + "data: {password: c3VwZXJzZWNyZXQ=}}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<Call> mutations() {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\",\"namespace\":\"faces\"},\"data\":{\"a\":\"changed\"}}";
        String fresh = cm.replace("settings", "fresh");
        List<Call> out = new ArrayList<>();
        out.add(new Call("POST", CM, "application/json", fresh));
        out.add(new Call("PUT", CM + "/settings", "application/json", cm));
        out.add(new Call("PUT", CM + "/settings/status", "application/json", cm));
        out.add(new Call("PATCH", CM + "/settings", "application/merge-patch+json", "{\"data\":{\"a\":\"changed\"}}"));
        out.add(new Call("PATCH", CM + "/settings?fieldManager=x&force=true", "application/apply-patch+yaml", cm));
        out.add(new Call("PATCH", CM + "/fresh?fieldManager=x", "application/apply-patch+yaml", fresh));
        out.add(new Call("DELETE", CM + "/settings", null, null));
        out.add(new Call("DELETE", CM + "/settings?propagationPolicy=Foreground", null, null));
        out.add(new Call("DELETE", "/api/v1/namespaces/faces", null, null));
        out.add(new Call("PATCH", KS + "/faces", "application/merge-patch+json", "{\"spec\":{\"suspend\":true}}"));
        out.add(new Call("PATCH", KS + "/faces/status", "application/merge-patch+json", "{\"status\":{\"conditions\":[]}}"));
        out.add(new Call("PATCH", CANARIES + "/face", "application/merge-patch+json", "{\"metadata\":{\"annotations\":{\"x\":\"y\"}}}"));
        out.add(new Call("DELETE", CANARIES + "/face", null, null));
        out.add(new Call("PUT", SECRETS + "/git-auth", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"git-auth\",\"namespace\":\"faces\"},\"data\":{}}"));
        out.add(new Call("POST", "/api/v1/namespaces/faces/events", "application/json",
                "{\"involvedObject\":{\"kind\":\"Canary\",\"name\":\"face\",\"namespace\":\"faces\",\"apiVersion\":\"flagger.app/v1beta1\"},"
                        + "\"type\":\"Normal\",\"reason\":\"Forged\",\"message\":\"forged\"}"));
        out.add(new Call("OPTIONS", CM + "/settings", null, null));
        for (String action : List.of("promote", "abort", "retry", "pause", "resume")) {
            out.add(new Call("POST", "/api/sluice/v1/canaries/faces/face/" + action, "application/json", "{}"));
        }
        out.add(new Call("POST", "/api/sluice/v1/canaries/faces/face/gates/approve-promotion/open", "application/json", "{}"));
        out.add(new Call("POST", "/api/sluice/v1/reconcile/kustomizations/faces/faces", "application/json", "{}"));
        out.add(new Call("POST", "/api/sluice/v1/reconcile/gitrepositories/faces/faces", "application/json", "{}"));
        out.add(new Call("POST", "/api/sluice/v1/auth/check", "application/json", "{}"));
        return out;
    }

    @Test
    void everyMutationWithoutTheRightTokenIs401AndChangesNothing() throws Exception {
        String version = server.cluster.currentResourceVersion();
        int events = server.cluster.events(null).size();
        for (Call c : mutations()) {
            for (String auth : BAD_AUTH) {
                HttpResponse<String> r = send(c, auth);
                assertThat(r.statusCode()).as(c + " with " + auth + ": " + r.body()).isEqualTo(401);
                assertThat(r.body()).contains("token");
            }
        }
        assertThat(server.cluster.currentResourceVersion()).as("nothing was written").isEqualTo(version);
        assertThat(server.cluster.events(null)).hasSize(events);
        assertThat(server.cluster.get(new dev.sluice.api.ObjectKey(dev.sluice.api.GroupKind.of("", "ConfigMap"), "faces", "settings")).orElseThrow()
                .toNode().path("data").path("a").asText()).isEqualTo("b");
    }

    @Test
    void withTheTokenTheSameRequestsDoChangeTheStore() throws Exception {
        String version = server.cluster.currentResourceVersion();
        HttpResponse<String> r = send(new Call("PATCH", CM + "/settings", "application/merge-patch+json",
                "{\"data\":{\"a\":\"changed\"}}"), "Bearer " + DashboardServer.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        HttpResponse<String> promote = send(new Call("POST", "/api/sluice/v1/canaries/faces/face/promote", "application/json", "{}"),
                "Bearer " + DashboardServer.TOKEN);
        assertThat(promote.statusCode()).as(promote.body()).isEqualTo(202);
        assertThat(server.cluster.currentResourceVersion()).isNotEqualTo(version);
    }

    @Test
    void secretsCannotBeReadWithoutTheToken() throws Exception {
        for (String path : List.of(SECRETS, SECRETS + "/git-auth", "/api/v1/secrets", SECRETS + "?watch=true&resourceVersion=0")) {
            for (String auth : BAD_AUTH) {
                HttpResponse<String> r = send(new Call("GET", path, null, null), auth);
                assertThat(r.statusCode()).as(path + " with " + auth).isEqualTo(401);
                assertThat(r.body()).doesNotContain("c3VwZXJzZWNyZXQ=");
            }
        }
        HttpResponse<String> ok = send(new Call("GET", SECRETS + "/git-auth", null, null), "Bearer " + DashboardServer.TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("c3VwZXJzZWNyZXQ=");
        assertThat(send(new Call("GET", CM + "/settings", null, null), null).statusCode()).as("other reads stay open").isEqualTo(200);
    }

    private HttpResponse<String> send(Call c, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + c.path())).timeout(Duration.ofSeconds(10))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
