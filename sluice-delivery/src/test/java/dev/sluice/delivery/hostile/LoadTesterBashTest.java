package dev.sluice.delivery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.loadtester.LoadGenerator;
import dev.sluice.delivery.loadtester.LoadTesterServer;
import dev.sluice.delivery.loadtester.LoadTesterSettings;
import dev.sluice.delivery.loadtester.Pacer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tester runs no command a Canary names unless bash was enabled when it started: a bash
 * task is refused, and a {@code cmd} is parsed as a {@code hey} command line, never given to a shell,
 * so shell syntax smuggled into it runs nothing. Each attempt tries to create a marker file.
 */
class LoadTesterBashTest {

    @TempDir
    Path dir;
    private LoadTesterServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bashIsOffByDefaultAndCmdNeverReachesAShell() throws Exception {
        assertThat(LoadTesterSettings.defaults().bashEnabled()).isFalse();
        assertThat(LoadTesterSettings.defaults().bindAddress()).isEqualTo("127.0.0.1");
        server = LoadTesterServer.start(LoadTesterSettings.defaults(), new LoadGenerator(Pacer.real(), System::nanoTime, null), l -> { });
        Path marker = dir.resolve("pwned");
        String touch = "touch " + marker;
        HttpResponse<String> bash = post("{\"type\":\"bash\",\"cmd\":\"" + touch + "\"}");
        assertThat(bash.statusCode()).isEqualTo(400);
        assertThat(bash.body()).startsWith("bash tasks are disabled");
        for (String cmd : List.of(touch, "bash -c '" + touch + "'", "sh -c '" + touch + "'", "hey -z 1s http://127.0.0.1:9/; " + touch,
                "hey -z 1s http://127.0.0.1:9/ && " + touch, "hey -z 1s http://127.0.0.1:9/$(" + touch + ")",
                "hey -z 1s `" + touch + "`", "hey -z 1s http://127.0.0.1:9/ | " + touch)) {
            HttpResponse<String> r = post("{\"cmd\":\"" + cmd.replace("\"", "\\\"") + "\"}");
            assertThat(r.statusCode()).as(cmd).isIn(202, 400);
        }
        server.close();
        server = null;
        assertThat(marker).as("no command ran").doesNotExist();
    }

    @Test
    void bashRunsOnlyWhenEnabled() throws Exception {
        server = LoadTesterServer.start(LoadTesterSettings.defaults().withBash(true),
                new LoadGenerator(Pacer.real(), System::nanoTime, null), l -> { });
        Path marker = dir.resolve("ran");
        assertThat(post("{\"type\":\"bash\",\"cmd\":\"touch " + marker + "\"}").statusCode()).isEqualTo(200);
        assertThat(Files.exists(marker)).as("the enabled bash task ran: the test above would see a marker").isTrue();
    }

    private HttpResponse<String> post(String metadata) throws Exception {
        String body = "{\"name\":\"podinfo\",\"namespace\":\"test\",\"metadata\":" + metadata + "}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
