package dev.sluice.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testkit.git.TestRepo;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's "approve" button in the running embedded runtime: it opens the gate on the
 * built-in load tester that the Canary's webhook names, reached through the mesh as the seeds'
 * {@code http://flagger-loadtester.flagger-system/gate/check} is.
 */
class GateApprovalEmbeddedIT {

    private static final String GATE = "{\"name\":\"web\",\"namespace\":\"test\"}";

    @TempDir
    Path dir;

    @Test
    void approvingAGateOnTheDashboardOpensItOnTheLoadTesterTheWebhookNames() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("repo"), "main")) {
            repo.write("loadtester.yaml", """
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: flagger-system}
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: flagger-loadtester, namespace: flagger-system}
                    spec:
                      selector: {matchLabels: {app: flagger-loadtester}}
                      template:
                        metadata: {labels: {app: flagger-loadtester}}
                        spec: {containers: [{name: loadtester, image: "ghcr.io/fluxcd/flagger-loadtester:0.34.0", ports: [{containerPort: 8080}]}]}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: flagger-loadtester, namespace: flagger-system}
                    spec: {selector: {app: flagger-loadtester}, ports: [{name: http, port: 80, targetPort: 8080}]}
                    ---
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: test}
                    ---
                    apiVersion: flagger.app/v1beta1
                    kind: Canary
                    metadata: {name: web, namespace: test}
                    spec:
                      suspend: true
                      targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                      service: {port: 80}
                      analysis:
                        interval: 10s
                        threshold: 2
                        iterations: 2
                        webhooks:
                        - {name: approve, type: confirm-promotion, url: "http://flagger-loadtester.flagger-system/gate/check"}
                    """);
            repo.commit("load tester and a gated canary");
            EmbeddedConfig config = EmbeddedConfig.defaults(dir.resolve("state"))
                    .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                    .withRepo(repo.dir().toString(), "main", "./");
            try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config);
                 HttpClient viaMesh = HttpClient.newBuilder()
                         .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", runtime.mesh().port()))).build();
                 HttpClient http = HttpClient.newHttpClient()) {
                HttpRequest check = HttpRequest.newBuilder(URI.create("http://flagger-loadtester.flagger-system/gate/check"))
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(GATE)).build();
                await().atMost(Duration.ofSeconds(60)).until(() -> status(viaMesh, check) == 403); // up, gate closed

                String action = runtime.dashboardUrl().replaceAll("/+$", "") + "/api/sluice/v1/canaries/test/web/gates/approve/open";
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(action))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as("no token, no approval").isEqualTo(401);
                assertThat(status(viaMesh, check)).isEqualTo(403);

                HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(action))
                        .header("Authorization", "Bearer " + runtime.token())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
                assertThat(approved.body()).contains("gate opened for web.test");
                assertThat(status(viaMesh, check)).as("the load tester's gate is open").isEqualTo(200);
            }
        }
    }

    private static int status(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
