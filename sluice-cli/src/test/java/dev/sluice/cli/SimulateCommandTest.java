package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance runs of issue 4, on the seeds' YAML unchanged. */
class SimulateCommandTest {

    private static final String FACE = "../examples/seeds/gitops-linkerd-blog/faces/faces-canary.yaml";
    private static final String GUI = "../examples/seeds/gitops-linkerd-blog/faces/faces-abtest.yaml";

    @Test
    void theFaceCanaryAt80PercentStepsTo50AndIsPromoted() {
        CliRunner r = CliRunner.run("simulate", "--canary", FACE, "--success-rate", "80", "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = Json.parseObject(r.out());
        assertThat(json.path("verdict").asText()).isEqualTo("Succeeded");
        assertThat(distinctCanaryWeights(json)).containsSequence(5, 10, 15, 20, 25, 30, 35, 40, 45, 50);
        assertThat(r.out()).contains("Promoting");
    }

    @Test
    void theFaceCanaryAt25PercentFailsAfterThreeChecksAndGoesBackToZero() {
        CliRunner r = CliRunner.run("simulate", "--canary", FACE, "--success-rate", "25", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(3);
        JsonNode json = Json.parseObject(r.out());
        assertThat(json.path("verdict").asText()).isEqualTo("Failed");
        JsonNode ticks = json.path("ticks");
        JsonNode last = ticks.get(ticks.size() - 1);
        assertThat(last.path("canaryWeight").asInt()).isZero();
        assertThat(last.path("event").asText()).contains("failed checks threshold reached 3");
        assertThat(ticks.get(ticks.size() - 2).path("failedChecks").asInt()).isEqualTo(3);
    }

    @Test
    void theFacesGuiAbTestRunsTenIterationsThenPromotes() {
        CliRunner r = CliRunner.run("simulate", "--canary", GUI, "-o", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode json = Json.parseObject(r.out());
        assertThat(json.path("verdict").asText()).isEqualTo("Succeeded");
        int maxIterations = 0;
        for (JsonNode t : json.path("ticks")) {
            maxIterations = Math.max(maxIterations, t.path("iterations").asInt());
        }
        assertThat(maxIterations).isEqualTo(10);
    }

    @Test
    void theTableShowsTheVerdict() {
        CliRunner r = CliRunner.run("simulate", "--canary", FACE, "--success-rate", "25");
        assertThat(r.out()).contains("PHASE").contains("face.default: Failed after");
    }

    private static List<Integer> distinctCanaryWeights(JsonNode json) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode t : json.path("ticks")) {
            int w = t.path("canaryWeight").asInt();
            if (w > 0 && (out.isEmpty() || out.get(out.size() - 1) != w)) {
                out.add(w);
            }
        }
        return out;
    }
}
