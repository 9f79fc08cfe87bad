package dev.sluice.local.apps.faces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.apps.FakeMesh;
import dev.sluice.local.apps.RunningApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GUI page in a real (headless) browser: its script fills the grid from face, smiley and color. */
class FacesGuiE2E {

    @TempDir
    Path profile;
    final BuiltinApps apps = BuiltinApps.standard(Clock.systemUTC(), new Random(5));
    final List<RunningApp> running = new ArrayList<>();
    FakeMesh mesh;

    @AfterEach
    void stop() {
        running.forEach(RunningApp::close);
        if (mesh != null) {
            mesh.close();
        }
        apps.close();
    }

    RunningApp start(String image, Map<String, String> env) throws Exception {
        RunningApp app = apps.forImage(image).orElseThrow().start(new AppContext("faces", "pod-" + running.size(), image, env,
                List.of(), 0, Optional.of(mesh.address()), l -> { }, apps.clock(), apps.random(), apps.sleeper()));
        running.add(app);
        return app;
    }

    static Optional<Path> chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    @Test
    void theGridShowsSmileysOnTheirColoursAndTheFailuresOfFace() throws Exception {
        Optional<Path> browser = chromium();
        Assumptions.assumeTrue(browser.isPresent(), "no chromium on this machine");
        mesh = new FakeMesh();
        mesh.route("smiley.faces", start("dwflynn/faces-service:0.8.0", Map.of("FACES_SERVICE", "smiley", "SMILEY", "HeartEyes")).port());
        mesh.route("color.faces", start("dwflynn/faces-service:0.8.0", Map.of("FACES_SERVICE", "color", "COLOR", "blue")).port());
        mesh.route("face.faces", start("dwflynn/faces-service:0.8.0", Map.of("FACES_SERVICE", "face", "ERROR_FRACTION", "50")).port());
        RunningApp gui = start("dwflynn/faces-gui:0.8.0", Map.of("COLOR", "lightcyan"));

        Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", "http://127.0.0.1:" + gui.port() + "/")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String dom = new String(out, StandardCharsets.UTF_8);

        Matcher cells = Pattern.compile("<div class=\"cell( failed)?\"").matcher(dom);
        int total = 0;
        while (cells.find()) {
            total++;
        }
        assertThat(total).isEqualTo(16);
        // Each cell polled several times: with face failing half its answers, both kinds were counted
        // (the chance of either count being zero is below 1e-20).
        Matcher counts = Pattern.compile("ok (\\d+) · fallback (\\d+) · failed (\\d+)").matcher(dom);
        assertThat(counts.find()).as(dom).isTrue();
        assertThat(Integer.parseInt(counts.group(1))).isPositive();
        assertThat(Integer.parseInt(counts.group(3))).isPositive();
        assertThat(dom).contains("\uD83D\uDE0D", "background-color: rgb(102, 204, 238)");
    }
}
