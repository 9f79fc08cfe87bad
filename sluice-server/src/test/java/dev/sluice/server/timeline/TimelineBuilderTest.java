package dev.sluice.server.timeline;

import static dev.sluice.server.dashboard.Fixtures.REV_A;
import static dev.sluice.server.dashboard.Fixtures.REV_B;
import static dev.sluice.server.dashboard.Fixtures.T0;
import static dev.sluice.server.dashboard.Fixtures.event;
import static dev.sluice.server.dashboard.Fixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.dashboard.Fixtures;
import dev.sluice.server.timeline.Timeline.Entry;
import dev.sluice.server.timeline.Timeline.Result;
import dev.sluice.server.timeline.Timeline.RevisionTimeline;
import dev.sluice.server.timeline.Timeline.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {

    private static final KubeObject CANARY = Fixtures.canary("face", "Succeeded", 0, 0);
    private static final KubeObject SOURCE = Fixtures.gitRepository();
    private static final KubeObject KS = Fixtures.kustomizations().get(1);

    private static Instant at(long seconds) {
        return T0.plus(Duration.ofSeconds(seconds));
    }

    private static List<EventRecord> sourceEvents() {
        return List.of(
                event(SOURCE.key(), "Normal", "NewArtifact", "stored artifact for commit 'Force ERROR_FRACTION to 75%'",
                        at(0), Map.of(GitHistory.SOURCE_REVISION, REV_A)),
                event(SOURCE.key(), "Normal", "NewArtifact", "stored artifact for commit 'Force ERROR_FRACTION to 20%'",
                        at(600), Map.of(GitHistory.SOURCE_REVISION, REV_B)));
    }

    private static List<EventRecord> ksEvents() {
        return List.of(
                event(KS.key(), "Normal", "Progressing", "Deployment/faces/face configured", at(5),
                        Map.of(GitHistory.KUSTOMIZE_REVISION, REV_A)),
                event(KS.key(), "Normal", "ReconciliationSucceeded", "Reconciliation finished in 1s, next run in 10m0s",
                        at(6), Map.of(GitHistory.KUSTOMIZE_REVISION, REV_A)),
                event(KS.key(), "Normal", "Progressing", "Deployment/faces/face configured", at(605),
                        Map.of(GitHistory.KUSTOMIZE_REVISION, REV_B)));
    }

    /** Revision A fails twice and rolls back; revision B passes every step and is promoted. */
    private static List<AnalysisTick> ticks() {
        List<AnalysisTick> t = new ArrayList<>();
        t.add(tick("face", at(20), "hash-a", "Progressing", 0, 0, 100, 5, List.of("New revision detected! Scaling up face.faces")));
        t.add(tick("face", at(30), "hash-a", "Progressing", 5, 0, 99, 5, List.of("Advance face.faces canary weight 5")));
        t.add(tick("face", at(40), "hash-a", "Progressing", 5, 1, 25, 5, List.of()));
        t.add(tick("face", at(50), "hash-a", "Progressing", 5, 2, 24, 5, List.of()));
        t.add(tick("face", at(60), "hash-a", "Failed", 0, 2, 24, 5,
                List.of("Rolling back face.faces failed checks threshold reached 2", "Canary failed! Scaling down face.faces")));
        t.add(tick("face", at(620), "hash-b", "Progressing", 0, 0, 100, 5, List.of("New revision detected! Scaling up face.faces")));
        for (int w = 5; w <= 50; w += 5) {
            t.add(tick("face", at(620 + w * 2L), "hash-b", "Progressing", w, 0, 81, 7,
                    List.of("Advance face.faces canary weight " + w)));
        }
        t.add(tick("face", at(760), "hash-b", "Promoting", 0, 0, 82, 7, List.of("Copying face.faces template spec to face-primary.faces")));
        t.add(tick("face", at(770), "hash-b", "Succeeded", 0, 0, 82, 7, List.of("Promotion completed! Scaling down face.faces")));
        return t;
    }

    private static List<EventRecord> canaryEvents() {
        return List.of(
                // Also carried by the first tick: shown once.
                event(CANARY.key(), "Normal", "Synced", "New revision detected! Scaling up face.faces", at(20), Map.of()),
                // Not in any tick: shown as an event of revision A.
                event(CANARY.key(), "Warning", "Synced", "canary deployment face.faces not ready: waiting for rollout to finish",
                        at(25), Map.of()));
    }

    private static Timeline build(List<AnalysisTick> ticks, List<EventRecord> canaryEvents) {
        return TimelineBuilder.build(new TimelineInputs(CANARY, KS, SOURCE, canaryEvents, ksEvents(), sourceEvents(), ticks),
                at(1000));
    }

    @Test
    void eachRevisionReadsCommitArtifactApplyStepsOutcome() {
        Timeline t = build(ticks(), canaryEvents());

        assertThat(t.revisions()).extracting(RevisionTimeline::revision).containsExactly(REV_A, REV_B);
        RevisionTimeline a = t.revisions().get(0);
        assertThat(a.commit().sha()).isEqualTo("a".repeat(40));
        assertThat(a.commit().message()).isEqualTo("Force ERROR_FRACTION to 75%");
        assertThat(a.commit().author()).isNull();
        assertThat(a.entries()).extracting(Entry::stage).startsWith(Stage.COMMIT, Stage.ARTIFACT, Stage.APPLY, Stage.APPLY)
                .endsWith(Stage.OUTCOME);
        assertThat(a.entries().get(2).detail()).isEqualTo("Deployment/faces/face configured");

        assertThat(a.outcome().result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(a.outcome().reason())
                .startsWith("Rolling back face.faces failed checks threshold reached 2")
                .contains("last failed check: request-success-rate: success rate 24.0% < 70%");
        assertThat(a.outcome().at()).isEqualTo(at(60));

        RevisionTimeline b = t.revisions().get(1);
        assertThat(b.commit().message()).isEqualTo("Force ERROR_FRACTION to 20%");
        assertThat(b.outcome().result()).isEqualTo(Result.PROMOTED);
        assertThat(b.outcome().reason()).isEqualTo("Promotion completed! Scaling down face.faces");
        assertThat(b.entries()).filteredOn(e -> e.stage() == Stage.ANALYSIS).hasSize(13);
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("commit author: not shown"));
    }

    @Test
    void stepsCarryMetricValuesAgainstThresholdsAndFoldRepeats() {
        RevisionTimeline a = build(ticks(), canaryEvents()).revisions().get(0);
        List<Entry> steps = a.entries().stream().filter(e -> e.stage() == Stage.ANALYSIS).toList();
        // 20s, 30s, 40s (1 failed), 50s (2 failed), 60s Failed: all differ, nothing folds.
        assertThat(steps).hasSize(5);
        Timeline.Step failing = steps.get(2).step();
        assertThat(failing.failedChecks()).isEqualTo(1);
        assertThat(failing.metrics().get(0)).satisfies(m -> {
            assertThat(m.name()).isEqualTo("request-success-rate");
            assertThat(m.value()).isEqualTo(25.0);
            assertThat(m.min()).isEqualTo(70.0);
            assertThat(m.verdict()).isEqualTo("FAIL");
        });
        assertThat(steps.get(2).level()).isEqualTo(Timeline.Level.WARNING);
        assertThat(steps.get(4).level()).isEqualTo(Timeline.Level.ERROR);

        List<AnalysisTick> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(tick("face", at(20 + i * 10L), "hash-a", "WaitingPromotion", 50, 0, 99, 5, List.of()));
        }
        RevisionTimeline folded = build(waiting, List.of()).revisions().get(0);
        List<Entry> foldedSteps = folded.entries().stream().filter(e -> e.stage() == Stage.ANALYSIS).toList();
        assertThat(foldedSteps).hasSize(1);
        assertThat(foldedSteps.get(0).step().ticks()).isEqualTo(4);
        assertThat(foldedSteps.get(0).at()).isEqualTo(at(20));
        assertThat(foldedSteps.get(0).step().lastAt()).isEqualTo(at(50));
        assertThat(folded.outcome().result()).isEqualTo(Result.IN_PROGRESS);
    }

    @Test
    void canaryEventsAlreadyShownByTicksAreNotRepeated() {
        RevisionTimeline a = build(ticks(), canaryEvents()).revisions().get(0);
        assertThat(a.entries()).filteredOn(e -> e.stage() == Stage.EVENT).extracting(Entry::title)
                .containsExactly("canary deployment face.faces not ready: waiting for rollout to finish");
    }

    @Test
    void withoutTicksTheOutcomeComesFromFlaggerEvents() {
        List<EventRecord> events = List.of(
                event(CANARY.key(), "Normal", "Synced", "New revision detected! Scaling up face.faces", at(20), Map.of()),
                event(CANARY.key(), "Warning", "Synced", "Halt face.faces advancement success rate 25.00% < 70%", at(40), Map.of()),
                event(CANARY.key(), "Warning", "Synced", "Rolling back face.faces failed checks threshold reached 2", at(60), Map.of()),
                event(CANARY.key(), "Warning", "Synced", "Canary failed! Scaling down face.faces", at(60), Map.of()));
        Timeline t = build(List.of(), events);
        assertThat(t.revisions().get(0).outcome().result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(t.revisions().get(0).outcome().reason()).isEqualTo("Rolling back face.faces failed checks threshold reached 2");
        assertThat(t.revisions().get(1).outcome().result()).isEqualTo(Result.NOT_ANALYSED);
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("no analysis ticks"));
    }

    @Test
    void aNewRevisionDuringAnalysisSupersedesIt() {
        List<AnalysisTick> ticks = List.of(
                tick("face", at(30), "hash-a", "Progressing", 5, 0, 99, 5, List.of()),
                tick("face", at(620), "hash-b", "Progressing", 0, 0, 99, 5,
                        List.of("New revision detected! Restarting analysis for face.faces")));
        Timeline t = build(ticks, List.of());
        RevisionTimeline a = t.revisions().get(0);
        assertThat(a.outcome().result()).isEqualTo(Result.SUPERSEDED);
        assertThat(a.outcome().reason()).isEqualTo("a new revision (hash-b) restarted the analysis");
        assertThat(a.outcome().at()).isEqualTo(at(620));
        assertThat(t.revisions().get(1).outcome().result()).isEqualTo(Result.IN_PROGRESS);
    }

    @Test
    void withoutAKustomizationEverythingIsUnderAnUnknownRevision() {
        Timeline t = TimelineBuilder.build(new TimelineInputs(CANARY, null, null, List.of(), List.of(), List.of(), ticks()),
                at(1000));
        assertThat(t.revisions()).hasSize(1);
        assertThat(t.revisions().get(0).revision()).isEmpty();
        assertThat(t.revisions().get(0).commit()).isNull();
        assertThat(t.revisions().get(0).outcome().result()).isEqualTo(Result.PROMOTED);
        assertThat(t.notes().get(0)).isEqualTo("no Kustomization's inventory holds Deployment/faces/face or the Canary, "
                + "so no Git revision can be tied to this Canary");
    }

    @Test
    void jsonHasTheDocumentedShapeAndReadsBack() {
        Timeline t = build(ticks(), canaryEvents());
        JsonNode n = TimelineJson.write(t);

        assertThat(n.path("shape").asText()).isEqualTo("sluice.dev/timeline/v1");
        assertThat(n.path("canary").path("name").asText()).isEqualTo("face");
        assertThat(n.path("target").path("kind").asText()).isEqualTo("Deployment");
        assertThat(n.path("kustomization").path("name").asText()).isEqualTo("faces");
        JsonNode rev = n.path("revisions").path(0);
        assertThat(rev.path("commit").has("author")).isTrue();
        assertThat(rev.path("commit").path("author").isNull()).isTrue();
        assertThat(rev.path("outcome").path("result").asText()).isEqualTo("RolledBack");
        JsonNode step = rev.path("entries").path(4).path("step");
        assertThat(rev.path("entries").path(4).path("stage").asText()).isEqualTo("analysis");
        assertThat(step.path("metrics").path(0).path("min").asDouble()).isEqualTo(70.0);
        assertThat(step.path("metrics").path(0).path("max").isNull()).isTrue();

        Timeline back = TimelineJson.read(Json.parseObject(Json.write(n)));
        assertThat(back).isEqualTo(t);
    }
}
