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
        JsonNode result = demo("demo", "-o", "json");
        assertWorkshop(result);
        assertThat(result.path("notes").toString()).as("the drift report after the rollback").contains("GitDrift", "faces");
        assertThat(result.path("drift").path("face").path("state").asText()).isEqualTo("Drifted");
        assertThat(result.has("revertCommit")).isFalse();
    }

    @Test
    void withWriteBackSluiceRevertsGitAndNoNewAnalysisStarts() throws Exception {
        JsonNode result = demo("demo", "--write-back", "-o", "json");
        assertWorkshop(result);
        assertThat(result.path("revertCommit").asText()).matches("[0-9a-f]{40}");
        assertThat(result.path("revertCommits")).hasSize(3);
        List<String> reverted = new ArrayList<>();
        for (JsonNode s : result.path("scenarios")) {
            if (s.path("name").asText().equals("write-back revert")) {
                reverted.add(s.path("canary").asText() + " " + s.path("actual").asText());
            }
        }
        assertThat(reverted).containsExactlyInAnyOrder("faces/face Reverted", "faces/smiley Reverted", "faces/color Reverted");
    }

    private JsonNode demo(String... args) throws Exception {
        Path out = home.resolve("demo.json");
        Path err = home.resolve("demo.err");
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
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

        return Json.parseObject(Files.readString(out));
    }

    private static void assertWorkshop(JsonNode result) {
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
    }
}
