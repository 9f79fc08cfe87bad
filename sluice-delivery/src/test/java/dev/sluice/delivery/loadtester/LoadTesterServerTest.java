package dev.sluice.delivery.loadtester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.delivery.net.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadTesterServerTest {

    private final TestServer backend;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private LoadTesterServer server;

    LoadTesterServerTest() throws Exception {
        backend = new TestServer();
        backend.always("/", 200, "ok");
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        backend.close();
        http.close();
    }

    private LoadTesterServer start(LoadTesterSettings settings) throws Exception {
        server = LoadTesterServer.start(settings, new LoadGenerator(Pacer.real(), System::nanoTime, null), log::add);
        return server;
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String payload(String metadata) {
        return "{\"name\":\"podinfo\",\"namespace\":\"test\",\"phase\":\"Progressing\",\"metadata\":" + metadata + "}";
    }

    @Test
    void cmdStartsAHeyRunInTheBackground() throws Exception {
        start(LoadTesterSettings.defaults());
        String cmd = "hey -n 10 -c 2 " + backend.url() + "/";
        assertThat(post("/", payload("{\"cmd\":\"" + cmd + "\"}")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.runner().lastReport("podinfo.test", cmd).isPresent());
        assertThat(server.runner().lastReport("podinfo.test", cmd).get().statuses()).containsEntry(200, 10L);
        assertThat(log).anyMatch(l -> l.startsWith("canary podinfo.test: " + cmd + ": 10 requests"));
    }

    @Test
    void theSameCommandForTheSameCanaryRunsOnceAtATime() throws Exception {
        backend.hang("/slow");
        start(LoadTesterSettings.defaults());
        String cmd = "hey -n 1 -c 1 -t 30 " + backend.url() + "/slow";
        assertThat(post("/", payload("{\"cmd\":\"" + cmd + "\"}")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.runner().isRunning("podinfo.test", cmd));
        assertThat(post("/", payload("{\"cmd\":\"" + cmd + "\"}")).statusCode()).isEqualTo(202);
        assertThat(log).contains("canary podinfo.test: command skipped, already running: " + cmd);
        assertThat(server.runner().submit("other.test", cmd, HeyCommand.parse(cmd))).as("another canary may run it").isTrue();
    }

    @Test
    void badTasksGetA400SayingWhy() throws Exception {
        start(LoadTesterSettings.defaults());
        assertThat(post("/", "{\"name\":\"podinfo\",\"namespace\":\"test\"}").body()).isEqualTo("metadata not found in payload");
        var ghz = post("/", payload("{\"cmd\":\"ghz --insecure podinfo:9999\"}"));
        assertThat(ghz.statusCode()).isEqualTo(400);
        assertThat(ghz.body()).startsWith("only hey commands are supported in cmd tasks (got 'ghz')");
        var helm = post("/", payload("{\"type\":\"helmv3\",\"cmd\":\"test podinfo\"}"));
        assertThat(helm.statusCode()).isEqualTo(400);
        assertThat(helm.body()).contains("task type helmv3 is not supported");
        var bash = post("/", payload("{\"type\":\"bash\",\"cmd\":\"echo hi\"}"));
        assertThat(bash.statusCode()).isEqualTo(400);
        assertThat(bash.body()).startsWith("bash tasks are disabled");
        assertThat(post("/", "not json").statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("OK");
    }

    @Test
    void bashRunsWhenEnabledBlockingWithItsOutcome() throws Exception {
        start(LoadTesterSettings.defaults().withBash(true));
        var ok = post("/", payload("{\"type\":\"bash\",\"cmd\":\"echo hi\",\"returnCmdOutput\":\"true\"}"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hi\n");
        var failed = post("/", payload("{\"type\":\"bash\",\"cmd\":\"echo nope >&2; exit 3\"}"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("command echo nope >&2; exit 3 failed: exit status 3: nope");
    }

    @Test
    void gatesAndRollbackGatesPerCanary() throws Exception {
        start(LoadTesterSettings.defaults());
        String p = payload("{}");
        assertThat(post("/gate/check", p).statusCode()).isEqualTo(403);
        assertThat(post("/gate/open", p).statusCode()).isEqualTo(202);
        assertThat(post("/gate/check", p).statusCode()).isEqualTo(200);
        assertThat(post("/gate/check", p.replace("podinfo", "other")).statusCode()).isEqualTo(403);
        assertThat(post("/gate/close", p).statusCode()).isEqualTo(202);
        assertThat(post("/gate/check", p).statusCode()).isEqualTo(403);
        assertThat(post("/rollback/check", p).statusCode()).isEqualTo(403);
        assertThat(post("/rollback/open", p).statusCode()).isEqualTo(202);
        assertThat(post("/rollback/check", p).statusCode()).isEqualTo(200);
        assertThat(post("/gate/check", p).statusCode()).as("rollback and gate are separate").isEqualTo(403);
        assertThat(post("/rollback/close", p).statusCode()).isEqualTo(202);
        assertThat(post("/rollback/check", p).statusCode()).isEqualTo(403);
        assertThat(post("/gate/approve", p).statusCode()).isEqualTo(200);
        assertThat(post("/gate/halt", p).statusCode()).isEqualTo(403);
    }

    @Test
    void namespaceRegexpRestrictsWhoMayUseIt() throws Exception {
        start(LoadTesterSettings.defaults().withNamespaceRegexp(Pattern.compile("prod-.*")));
        assertThat(post("/gate/open", payload("{}")).statusCode()).isEqualTo(403);
        assertThat(post("/gate/open", payload("{}").replace("\"test\"", "\"prod-eu\"")).statusCode()).isEqualTo(202);
    }

}
