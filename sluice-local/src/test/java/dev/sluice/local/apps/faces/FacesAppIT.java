package dev.sluice.local.apps.faces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.AppStartException;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.apps.FakeMesh;
import dev.sluice.local.apps.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FacesAppIT {

    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final BuiltinApps apps = BuiltinApps.standard(Clock.systemUTC(), new Random(5), slept::add);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<RunningApp> running = new ArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    FakeMesh mesh;

    @AfterEach
    void stop() {
        running.forEach(RunningApp::close);
        if (mesh != null) {
            mesh.close();
        }
        apps.close();
    }

    RunningApp start(String image, String pod, Map<String, String> env) throws Exception {
        AppContext ctx = new AppContext("faces", pod, image, env, List.of(), 0,
                Optional.ofNullable(mesh).map(FakeMesh::address), logs::add, apps.clock(), apps.random(), apps.sleeper());
        RunningApp app = apps.forImage(image).orElseThrow().start(ctx);
        running.add(app);
        return app;
    }

    HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void faces(Map<String, String> smileyEnv, Map<String, String> colorEnv) throws Exception {
        mesh = new FakeMesh();
        Map<String, String> s = new HashMap<>(smileyEnv);
        s.put("FACES_SERVICE", "smiley");
        Map<String, String> c = new HashMap<>(colorEnv);
        c.put("FACES_SERVICE", "color");
        mesh.route("smiley.faces", start("dwflynn/faces-service:0.8.0", "smiley-abc", s).port());
        mesh.route("color.faces", start("ghcr.io/buoyantio/faces-service:2.0", "color-abc", c).port());
        mesh.route("face.faces", start("dwflynn/faces-service:0.8.0", "face-abc", Map.of("FACES_SERVICE", "face")).port());
    }

    @Test
    void smileyAnswersItsConfiguredSmileyAsJsonWithTheRequestEchoed() throws Exception {
        RunningApp smiley = start("dwflynn/faces-service:0.8.0", "smiley-abc", Map.of("FACES_SERVICE", "smiley", "SMILEY", "HeartEyes",
                "DELAY_BUCKETS", "7"));
        HttpResponse<String> r = get(smiley.port(), "/center/?row=1", "X-Faces-User", "alice");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = Json.mapper().readTree(r.body());
        assertThat(j.path("smiley").asText()).isEqualTo("\uD83D\uDE0D");
        assertThat(j.path("path").asText()).isEqualTo("/center/");
        assertThat(j.path("method").asText()).isEqualTo("GET");
        assertThat(j.path("status").asInt()).isEqualTo(200);
        assertThat(j.path("headers").path("X-faces-user").asText()).isEqualTo("alice");
        assertThat(r.headers().firstValue("X-Faces-Pod")).contains("smiley-abc");
        assertThat(slept).containsExactly(Duration.ofMillis(7));
    }

    @Test
    void faceCombinesSmileyAndColorThroughTheMesh() throws Exception {
        faces(Map.of("SMILEY", "HeartEyes"), Map.of("COLOR", "blue", "COLOR_testuser", "#E0FFFF"));
        JsonNode j = Json.mapper().readTree(get(portOf("face"), "/").body());
        assertThat(j.path("smiley").asText()).isEqualTo("\uD83D\uDE0D");
        assertThat(j.path("color").asText()).isEqualTo("#66CCEE");
        assertThat(j.has("errors")).isFalse();
        assertThat(mesh.hosts).contains("smiley.faces", "color.faces");

        JsonNode forUser = Json.mapper().readTree(get(portOf("face"), "/", "X-Faces-User", "testuser").body());
        assertThat(forUser.path("color").asText()).as("the user header travels to color").isEqualTo("#E0FFFF");
    }

    @Test
    void failingSmileyGivesACursingFaceAndFailingColorAGreyCell() throws Exception {
        faces(Map.of("ERROR_FRACTION", "100"), Map.of("ERROR_FRACTION", "100"));
        HttpResponse<String> r = get(portOf("face"), "/");
        assertThat(r.statusCode()).as("the face itself still answers").isEqualTo(200);
        JsonNode j = Json.mapper().readTree(r.body());
        assertThat(j.path("smiley").asText()).isEqualTo(Smileys.named("Cursing"));
        assertThat(j.path("color").asText()).isEqualTo("#BBBBBB");
        assertThat(j.path("errors").toString()).contains("smiley: status 500", "color: status 500");
    }

    @Test
    void faceWithItsOwnErrorFractionAnswers500() throws Exception {
        mesh = new FakeMesh();
        RunningApp face = start("dwflynn/faces-service:0.8.0", "face-x", Map.of("FACES_SERVICE", "face", "ERROR_FRACTION", "100"));
        HttpResponse<String> r = get(face.port(), "/");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(mesh.hosts).as("a failing face calls nobody").isEmpty();
        assertThat(get(face.port(), "/ready").statusCode()).as("readiness is not fault-injected").isEqualTo(200);
    }

    @Test
    void guiServesThePageAndForwardsFaceRequestsThroughTheMesh() throws Exception {
        faces(Map.of(), Map.of());
        RunningApp gui = start("dwflynn/faces-gui:0.8.0", "faces-gui-abc", Map.of("COLOR", "lightcyan", "COLOR_testuser", "purple"));
        HttpResponse<String> page = get(gui.port(), "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"color\":\"lightcyan\"", "\"grid\":4", "fetch('face/?row=");
        assertThat(get(gui.port(), "/", "X-Faces-User", "testuser").body()).contains("\"color\":\"#AA3377\"", "\"user\":\"testuser\"");
        assertThat(get(gui.port(), "/?user=%3C/script%3E%3Cb%3E").body()).as("a hostile user name stays inside the string")
                .contains("\\u003c/script\\u003e\\u003cb\\u003e").doesNotContain("</script><b>");

        HttpResponse<String> viaGui = get(gui.port(), "/face/?row=0&col=1", "X-Faces-User", "bob");
        assertThat(viaGui.statusCode()).isEqualTo(200);
        JsonNode j = Json.mapper().readTree(viaGui.body());
        assertThat(j.path("smiley").asText()).isEqualTo(Smileys.named("Smiling"));
        assertThat(j.path("color").asText()).isEqualTo("#228833");
        assertThat(viaGui.headers().firstValue("X-Faces-Pod")).contains("face-abc");
        assertThat(get(gui.port(), "/ready").statusCode()).isEqualTo(200);
        assertThat(get(gui.port(), "/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAMeshTheFaceFallsBackInsteadOfHanging() throws Exception {
        RunningApp face = start("dwflynn/faces-service:0.8.0", "face-x", Map.of("FACES_SERVICE", "face"));
        JsonNode j = Json.mapper().readTree(get(face.port(), "/").body());
        assertThat(j.path("smiley").asText()).isEqualTo(Smileys.named("Cursing"));
        assertThat(j.path("errors").toString()).contains("no mesh proxy to reach smiley.faces");
    }

    @Test
    void unknownRoleOrBadKnobRefusesToStartWithAClearMessage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("dwflynn/faces-service:0.8.0", "x", Map.of()))
                .isInstanceOf(AppStartException.class).hasMessageContaining("FACES_SERVICE is not set");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("dwflynn/faces-service:0.8.0", "x", Map.of("FACES_SERVICE", "smiley", "ERROR_FRACTION", "x")))
                .hasMessageContaining("ERROR_FRACTION='x'");
    }

    @Test
    void unknownSmileyShowsTheFallbackAndSaysWhy() throws Exception {
        RunningApp smiley = start("dwflynn/faces-service:0.8.0", "s", Map.of("FACES_SERVICE", "smiley", "SMILEY", "Hapy"));
        assertThat(Json.mapper().readTree(get(smiley.port(), "/").body()).path("smiley").asText()).isEqualTo(Smileys.VOMITING);
        assertThat(logs).anyMatch(l -> l.contains("env SMILEY='Hapy' is not known"));
    }

    /** The port of a service started by {@link #faces}, in the order it starts them. */
    private int portOf(String service) {
        return running.get(List.of("smiley", "color", "face").indexOf(service)).port();
    }
}
