package dev.sluice.server.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Json;
import dev.sluice.gitops.drift.Analysis;
import dev.sluice.gitops.drift.RevertMode;
import dev.sluice.gitops.drift.RevertResult;
import dev.sluice.server.api.TokenAuth;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftEndpointsTest {

    /** Records calls and answers canned results. */
    static final class FakeService implements DriftService {
        final List<String> calls = new ArrayList<>();

        @Override
        public Analysis analyze(String namespace, String name) throws NoSuchCanary {
            calls.add("analyze " + namespace + "/" + name);
            if (name.equals("missing")) {
                throw new NoSuchCanary(namespace, name);
            }
            return new Analysis.NoDrift("the target runs the promoted spec");
        }

        @Override
        public RevertResult revert(String namespace, String name, Optional<RevertMode> mode, boolean dryRun) {
            calls.add("revert " + namespace + "/" + name + " " + mode.map(RevertMode::wireName).orElse("-") + " " + dryRun);
            return dryRun ? new RevertResult.DryRun(RevertMode.BRANCH, RevertResult.Kind.REVERT, "sluice/revert/test-face-1a2b3c4",
                    List.of("apps/kustomization.yaml"), "diff --git a/x b/x\n", "Revert \"x\"")
                    : new RevertResult.Rejected("main", "the remote branch 'main' moved on (not a fast-forward); fetch again and retry");
        }
    }

    final FakeService service = new FakeService();
    final HttpClient http = HttpClient.newHttpClient();
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        DriftEndpoints h = new DriftEndpoints(service, TokenAuth.of("t0ken"));
        server.createContext(DriftEndpoints.DRIFT, h);
        server.createContext(DriftEndpoints.REVERT, h);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body());
    }

    @Test
    void analysesOnGet() throws Exception {
        HttpResponse<String> r = send("GET", "/api/sluice/v1/drift/test/face", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("analysis").asText()).isEqualTo("NoDrift");
        assertThat(json(r).path("reason").asText()).isEqualTo("the target runs the promoted spec");
        assertThat(send("GET", "/api/sluice/v1/drift/test/missing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void revertNeedsTheTokenAndPassesModeAndDryRun() throws Exception {
        assertThat(send("POST", "/api/sluice/v1/revert/test/face", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/sluice/v1/revert/test/face", "wrong").statusCode()).isEqualTo(401);
        assertThat(service.calls).isEmpty();

        HttpResponse<String> dry = send("POST", "/api/sluice/v1/revert/test/face?mode=branch&dryRun=true", "t0ken");
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(json(dry).path("result").asText()).isEqualTo("DryRun");
        assertThat(json(dry).path("diff").asText()).startsWith("diff --git");

        HttpResponse<String> real = send("POST", "/api/sluice/v1/revert/test/face", "t0ken");
        assertThat(json(real).path("result").asText()).isEqualTo("Rejected");
        assertThat(service.calls).containsExactly("revert test/face branch true", "revert test/face - false");
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> mode = send("POST", "/api/sluice/v1/revert/test/face?mode=force", "t0ken");
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(json(mode).path("message").asText())
                .isEqualTo("query parameter mode: 'force' is not a revert mode; expected branch or direct");
        assertThat(send("GET", "/api/sluice/v1/revert/test/face", "t0ken").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/api/sluice/v1/drift/Test/../x", null).statusCode()).isEqualTo(404);
        assertThat(service.calls).isEmpty();
    }
}
