package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.CanaryStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatusRulesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    static CanaryState running() {
        return CanaryState.NEW.toBuilder().phase(CanaryPhase.PROGRESSING).canaryWeight(30).iterations(3)
                .failedChecks(1).lastAppliedSpec("v2").lastPromotedSpec("v1").build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "PROGRESSING, 30, 3", "WAITING, 30, 3", "PROMOTING, 30, 3",
            "WAITING_PROMOTION, 0, 4", "FINALISING, 0, 0", "SUCCEEDED, 0, 0", "FAILED, 0, 0", "INITIALIZED, 0, 0"})
    void setPhaseZeroesWeightAndIterationsExceptWhileRunning(CanaryPhase phase, int weight, int iterations) {
        CanaryState s = StatusRules.setPhase(running(), phase, 5, "Deployment", T1);
        assertThat(s.canaryWeight()).isEqualTo(weight);
        assertThat(s.iterations()).isEqualTo(iterations);
        assertThat(s.failedChecks()).as("SetStatusPhase keeps failed checks").isEqualTo(1);
        assertThat(s.lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void succeededMarksTheAppliedSpecPromoted() {
        assertThat(StatusRules.setPhase(running(), CanaryPhase.SUCCEEDED, 0, "Deployment", T1).lastPromotedSpec())
                .isEqualTo("v2");
        assertThat(StatusRules.setPhase(running(), CanaryPhase.FAILED, 0, "Deployment", T1).lastPromotedSpec())
                .isEqualTo("v1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "INITIALIZING | Unknown | New Deployment detected, starting initialization.",
            "INITIALIZED | True | Deployment initialization completed.",
            "WAITING | Unknown | Waiting for approval.",
            "PROGRESSING | Unknown | New revision detected, progressing canary analysis.",
            "WAITING_PROMOTION | Unknown | Waiting for approval.",
            "PROMOTING | Unknown | Canary analysis completed, starting primary rolling update.",
            "FINALISING | Unknown | Canary analysis completed, routing all traffic to primary.",
            "SUCCEEDED | True | Canary analysis completed successfully, promotion finished.",
            "FAILED | False | Canary analysis failed, Deployment scaled to zero."})
    void promotedConditionPerPhase(CanaryPhase phase, String status, String message) {
        CanaryState.Promoted c = StatusRules.condition(Optional.empty(), phase, "Deployment", T0).orElseThrow();
        assertThat(c.status()).isEqualTo(status);
        assertThat(c.reason()).isEqualTo(phase.wireName());
        assertThat(c.message()).isEqualTo(message);
    }

    @Test
    void conditionKeepsItsTransitionTimeWhileTheStatusStaysTheSame() {
        Optional<CanaryState.Promoted> progressing = StatusRules.condition(Optional.empty(), CanaryPhase.PROGRESSING,
                "Deployment", T0);
        Optional<CanaryState.Promoted> promoting = StatusRules.condition(progressing, CanaryPhase.PROMOTING,
                "Deployment", T1);
        assertThat(promoting.orElseThrow().lastTransitionTime()).isEqualTo(T0);
        assertThat(promoting.orElseThrow().lastUpdateTime()).isEqualTo(T1);
        assertThat(StatusRules.condition(progressing, CanaryPhase.PROGRESSING, "Deployment", T1)).isSameAs(progressing);
        assertThat(StatusRules.condition(progressing, CanaryPhase.SUCCEEDED, "Deployment", T1).orElseThrow()
                .lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void stateRoundTripsThroughTheStatus() {
        CanaryState s = StatusRules.setPhase(running(), CanaryPhase.PROGRESSING, 0, "Deployment", T1).toBuilder()
                .trackedConfigs(Map.of("configmap/app", "1a2b3c4d")).cookies("c=1", "p=2", "o=3")
                .lastHandledAction("pause@1").paused(true).build();
        CanaryStatus status = s.toStatus(CanaryStatus.EMPTY);
        assertThat(status.toNode().toString()).isEqualTo("{\"phase\":\"Progressing\",\"failedChecks\":1,"
                + "\"canaryWeight\":30,\"iterations\":3,\"previousSessionAffinityCookie\":\"o=3\","
                + "\"sessionAffinityCookie\":\"c=1\",\"primarySessionAffinityCookie\":\"p=2\","
                + "\"trackedConfigs\":{\"configmap/app\":\"1a2b3c4d\"},\"lastAppliedSpec\":\"v2\","
                + "\"lastPromotedSpec\":\"v1\",\"lastTransitionTime\":\"2026-01-01T00:01:00Z\",\"conditions\":[{"
                + "\"type\":\"Promoted\",\"status\":\"Unknown\",\"lastUpdateTime\":\"2026-01-01T00:01:00Z\","
                + "\"lastTransitionTime\":\"2026-01-01T00:01:00Z\",\"reason\":\"Progressing\",\"message\":"
                + "\"New revision detected, progressing canary analysis.\"}],\"lastHandledAction\":\"pause@1\","
                + "\"paused\":true}");
        assertThat(CanaryState.fromStatus(CanaryStatus.fromNode(status.toNode()))).isEqualTo(s);
    }
}
