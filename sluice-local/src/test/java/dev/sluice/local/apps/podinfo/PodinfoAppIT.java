package dev.sluice.local.apps.podinfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.apps.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PodinfoAppIT {

    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final BuiltinApps apps = BuiltinApps.standard(Clock.systemUTC(), new Random(5), slept::add);
    final HttpClient http = HttpClient.newHttpClient();
    RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        apps.close();
    }

    void start(String image, Map<String, String> env, List<String> args) throws Exception {
        app = apps.forImage(image).orElseThrow().start(new AppContext("test", "podinfo-7d4b9-x2k4q", image, env, args, 0,
                Optional.empty(), l -> { }, apps.clock(), apps.random(), apps.sleeper()));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        return Json.mapper().readTree(get(path).body());
    }

    @Test
    void infoCarriesTheVersionFromTheTagAndTheUiSettings() throws Exception {
        start("ghcr.io/stefanprodan/podinfo:6.5.0", Map.of("PODINFO_UI_COLOR", "#ff0000", "PODINFO_UI_MESSAGE", "hello canary"), List.of());
        JsonNode info = json("/");
        assertThat(info.path("version").asText()).isEqualTo("6.5.0");
        assertThat(info.path("color").asText()).isEqualTo("#ff0000");
        assertThat(info.path("message").asText()).isEqualTo("hello canary");
        assertThat(info.path("hostname").asText()).isEqualTo("podinfo-7d4b9-x2k4q");
        assertThat(json("/version").path("version").asText()).isEqualTo("6.5.0");
    }

    @Test
    void flagsWinOverEnvironmentAndDefaultsNameTheVersion() throws Exception {
        start("stefanprodan/podinfo:6.0.1", Map.of("PODINFO_UI_COLOR", "#ff0000"),
                List.of("./podinfo", "--port=9898", "--ui-color=#00ff00", "--level=info"));
        JsonNode info = json("/");
        assertThat(info.path("color").asText()).isEqualTo("#00ff00");
        assertThat(info.path("message").asText()).isEqualTo("greetings from podinfo v6.0.1");
    }

    @Test
    void healthStatusDelayAndReadinessToggle() throws Exception {
        start("ghcr.io/stefanprodan/podinfo:6.5.0", Map.of(), List.of());
        assertThat(json("/healthz").path("status").asText()).isEqualTo("OK");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        HttpResponse<String> teapot = get("/status/418");
        assertThat(teapot.statusCode()).isEqualTo(418);
        assertThat(Json.mapper().readTree(teapot.body()).path("status").asInt()).isEqualTo(418);
        assertThat(json("/delay/2").path("delay").asInt()).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofSeconds(2));
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/readyz/disable"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void randomErrorsFailAboutOneRequestInThree() throws Exception {
        start("ghcr.io/stefanprodan/podinfo:6.5.0", Map.of("PODINFO_RANDOM_ERROR", "true"), List.of());
        int failed = 0;
        for (int i = 0; i < 150; i++) {
            if (get("/").statusCode() != 200) {
                failed++;
            }
        }
        assertThat(failed).isBetween(30, 70);
        assertThat(get("/healthz").statusCode()).as("probes are never failed on purpose").isEqualTo(200);
    }

    @Test
    void browsersGetAPage() throws Exception {
        start("ghcr.io/stefanprodan/podinfo:6.5.0", Map.of("PODINFO_UI_MESSAGE", "<b>hi</b>"), List.of());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/"))
                .header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("&lt;b&gt;hi&lt;/b&gt;", "podinfo v6.5.0");
    }
}
