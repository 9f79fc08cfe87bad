package dev.sluice.delivery.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.InvalidInputException;
import dev.sluice.delivery.simulate.SimulationResult.TimelineTick;
import dev.sluice.delivery.simulate.SimulationResult.Verdict;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The acceptance runs of the seeds' Canaries. */
class SimulationTest {

    @Test
    void faceCanaryAt80PercentIsPromoted() {
        SimulationResult r = Simulation.run(Seeds.FACE, "faces-canary.yaml", SimulationScript.constant(80, 0));
        assertThat(r.verdict()).isEqualTo(Verdict.SUCCEEDED);
        assertThat(r.canary()).isEqualTo("face.faces");
        List<Integer> weights = r.ticks().stream().filter(t -> t.phase().equals("Progressing"))
                .map(TimelineTick::canaryWeight).distinct().toList();
        assertThat(weights).containsExactlyElementsOf(IntStream.rangeClosed(0, 10).map(i -> i * 5).boxed().toList());
        assertThat(r.ticks()).extracting(TimelineTick::phase).endsWith("Promoting", "Finalising", "Succeeded");
        assertThat(r.ticks().get(0)).isEqualTo(new TimelineTick(0, "Progressing", 100, 0, 0, 0,
                "New revision detected! Scaling up face.faces"));
        assertThat(r.ticks().get(1)).isEqualTo(new TimelineTick(10, "Progressing", 95, 5, 0, 0,
                "Starting canary analysis for face.faces; Advance face.faces canary weight 5"));
        assertThat(r.ticks().get(11).event()).isEqualTo("Copying face.faces template spec to face-primary.faces");
        assertThat(r.durationSeconds()).as("just shy of two minutes, as the workshop says").isEqualTo(130);
        assertThat(r.ticks().get(r.ticks().size() - 1)).isEqualTo(new TimelineTick(130, "Succeeded", 100, 0, 0, 0,
                "Promotion completed! Scaling down face.faces"));
    }

    @Test
    void faceCanaryAt25PercentFailsAfterThreeFailedChecks() {
        SimulationResult r = Simulation.run(Seeds.FACE, "faces-canary.yaml", SimulationScript.constant(25, 0));
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.ticks()).extracting(TimelineTick::failedChecks).containsExactly(0, 0, 1, 2, 3, 0);
        assertThat(r.ticks().get(2).event()).isEqualTo("Halt face.faces advancement success rate 25.00% < 70%");
        TimelineTick last = r.ticks().get(r.ticks().size() - 1);
        assertThat(last.phase()).isEqualTo("Failed");
        assertThat(last.canaryWeight()).isZero();
        assertThat(last.primaryWeight()).isEqualTo(100);
        assertThat(last.event()).isEqualTo("Rolling back face.faces failed checks threshold reached 3; "
                + "Canary failed! Scaling down face.faces");
        assertThat(r.durationSeconds()).isEqualTo(50);
    }

    @Test
    void facesGuiAbTestRunsTenIterationsThenPromotes() {
        SimulationResult r = Simulation.run(Seeds.FACES_GUI, "faces-abtest.yaml", SimulationScript.healthy());
        assertThat(r.verdict()).isEqualTo(Verdict.SUCCEEDED);
        assertThat(r.ticks().stream().filter(t -> t.event().contains("canary iteration")).map(TimelineTick::event))
                .hasSize(10).last().asString().endsWith("Advance faces-gui.faces canary iteration 10/10");
        assertThat(r.ticks().get(1).canaryWeight()).as("matching requests go to the canary").isEqualTo(100);
        assertThat(r.ticks()).extracting(TimelineTick::phase).endsWith("Promoting", "Finalising", "Succeeded");
        assertThat(r.durationSeconds()).isEqualTo(130);
    }

    @Test
    void scriptedTicks() {
        SimulationScript script = SimulationScript.parse("""
                successRate: 99
                ticks:
                  - at: 3
                    successRate: nan
                  - from: 4
                    to: 5
                    canary: waiting
                  - at: 7
                    command: promote
                """, "script.yaml");
        SimulationResult r = Simulation.run(Seeds.FACE, "faces-canary.yaml", script);
        assertThat(r.ticks().get(3).failedChecks()).isEqualTo(1);
        assertThat(r.ticks().get(3).event()).contains("insufficient data: the value is NaN");
        assertThat(r.ticks().get(4).event()).isEqualTo("canary deployment face.faces not ready: waiting for rollout "
                + "to finish (simulated)");
        assertThat(r.ticks().get(7).phase()).isEqualTo("Promoting");
        assertThat(r.verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aGateThatNeverOpensEndsIncomplete() {
        String gated = Seeds.FACE.replace("    webhooks:\n", """
                    webhooks:
                      - name: approve
                        type: confirm-rollout
                        url: http://flagger-loadtester.flagger-system/gate/check
                """);
        SimulationResult r = Simulation.run(gated, "gated.yaml",
                SimulationScript.parse("webhooks: {approve: fail}", "script.yaml"));
        assertThat(r.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(r.ticks()).extracting(TimelineTick::phase).containsExactly("Waiting", "Waiting");
    }

    @Test
    void aCanaryWithoutNamespaceIsSimulatedInDefault() {
        SimulationResult r = Simulation.run(Seeds.FACE.replace("  namespace: faces\n", ""), "face.yaml",
                SimulationScript.healthy());
        assertThat(r.canary()).isEqualTo("face.default");
        assertThat(r.ticks().get(0).event()).isEqualTo("New revision detected! Scaling up face.default");
    }

    @Test
    void stableJsonForm() {
        SimulationResult r = Simulation.run(Seeds.FACE, "faces-canary.yaml", SimulationScript.constant(25, 0));
        String json = r.toJson().toString();
        assertThat(json).startsWith("{\"verdict\":\"Failed\",\"durationSeconds\":50,\"ticks\":[{\"t\":0,"
                + "\"phase\":\"Progressing\",\"primaryWeight\":100,\"canaryWeight\":0,\"iterations\":0,"
                + "\"failedChecks\":0,\"event\":\"New revision detected! Scaling up face.faces\"},");
        assertThat(r.toTable()).contains("face.faces: Failed after 50s (6 ticks)");
    }

    @Test
    void invalidInputNamesFileFieldAndValue() {
        assertThatThrownBy(() -> Simulation.run(Seeds.FACE.replace("stepWeight: 5", "stepWeight: 70"), "faces.yaml",
                SimulationScript.healthy()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("faces.yaml[0] spec.analysis.stepWeight: 70 must be <= maxWeight (50)");
        assertThatThrownBy(() -> Simulation.run("apiVersion: v1\nkind: Service\nmetadata: {name: x}\n", "svc.yaml",
                SimulationScript.healthy())).hasMessageContaining("svc.yaml no flagger.app/v1beta1 Canary found");
        assertThatThrownBy(() -> SimulationScript.parse("""
                successRate: lots
                ticks:
                  - at: -1
                    canary: sleepy
                """, "script.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("script.yaml[0] successRate: \"lots\" must be a number, no-data, nan, multiple "
                        + "or error[: message]")
                .hasMessageContaining("ticks[0].at: -1 must be a tick number >= 0")
                .hasMessageContaining("ticks[0].canary: \"sleepy\" must be ready, waiting or failed");
    }
}
