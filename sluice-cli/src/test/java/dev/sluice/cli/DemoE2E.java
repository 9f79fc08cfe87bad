package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a user runs it: {@code ./sluice demo} through the launcher script,
 * as a separate process, on the jar this build just packaged. The whole Faces workshop must end as the
 * seeds say: every canary initialized, the bad release rolled back, the good one promoted, the A/B
 * test promoted with the test user seeing the new color first.
 */
class DemoE2E {

    private static final Path LAUNCHER = Path.of("..", "sluice");

    @TempDir
    Path home;

    @Test
    void theFacesWorkshopPlaysToTheEnd() throws Exception {
        Path out = home.resolve("demo.json");
        Path err = home.resolve("demo.err");
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "demo", "-o", "json")
                .directory(new File("."))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // The jar was packaged by this build: the launcher must not start another Maven.
        pb.environment().put("SLUICE_SKIP_BUILD", "1");
        pb.environment().put("SLUICE_HOME", home.toString());
        Process p = pb.start();
        boolean ended = p.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String log = Files.readString(err);
        assertThat(ended).as("the demo ended within 8 minutes; its log:\n%s", log).isTrue();
        assertThat(p.exitValue()).as("exit status; log:\n%s", log).isZero();

        JsonNode result = Json.parseObject(Files.readString(out));
        assertThat(result.path("ok").asBoolean()).isTrue();
        List<String> outcomes = new ArrayList<>();
        for (JsonNode s : result.path("scenarios")) {
            assertThat(s.path("actual").asText()).as("%s", s).isEqualTo(s.path("expected").asText());
            outcomes.add(s.path("name").asText() + " " + s.path("canary").asText() + " " + s.path("actual").asText());
        }
        assertThat(outcomes).contains(
                "bootstrap faces/face Initialized", "bootstrap faces/smiley Initialized",
                "bootstrap faces/color Initialized", "bootstrap faces/faces-gui Initialized");
        assertThat(outcomes).filteredOn(o -> o.contains("ERROR_FRACTION=75"))
                .containsExactlyInAnyOrder(
                        "bad release (ERROR_FRACTION=75) faces/face Failed",
                        "bad release (ERROR_FRACTION=75) faces/smiley Failed",
                        "bad release (ERROR_FRACTION=75) faces/color Failed");
        assertThat(outcomes).filteredOn(o -> o.contains("ERROR_FRACTION=20"))
                .containsExactlyInAnyOrder(
                        "good release (ERROR_FRACTION=20) faces/face Succeeded",
                        "good release (ERROR_FRACTION=20) faces/smiley Succeeded",
                        "good release (ERROR_FRACTION=20) faces/color Succeeded");
        assertThat(outcomes).anyMatch(o -> o.contains("faces/faces-gui") && o.endsWith("Succeeded") && !o.startsWith("bootstrap"));
        assertThat(result.path("notes").toString()).as("the drift report after the rollback").contains("GitDrift", "faces");
    }
}
