package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitDriftStatusTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration RECHECK = Duration.ofMinutes(5);
    static final CommitInfo BAD = new CommitInfo("b".repeat(40), "t", List.of("a".repeat(40)), "Alice", "alice@example.com",
            T0.minusSeconds(600), "face: image 1.1.0\n\nbody\n");

    static DriftReport report() {
        DriftReport.Facets git = new DriftReport.Facets(Map.of("face", "face:1.1.0"), Map.of(), Map.of());
        DriftReport.Facets cluster = new DriftReport.Facets(Map.of("face", "face:1.0.0"), Map.of(), Map.of());
        return new DriftReport("test", "face", "Deployment/face", "main@sha1:" + BAD.sha(),
                new DriftReport.Source("flux-system", "faces", "https://git.example/faces.git", "main"), "flux-system/apps",
                "./apps/faces", BAD, List.of(BAD), Optional.empty(), git, cluster,
                List.of(new SpecDiff.Difference("spec.containers[face].image", "face:1.1.0", "face:1.0.0")),
                new Verdict(5, 5, "Halt face.test advancement success rate 81.25% < 99%"), T0);
    }

    static ObjectNode failed() {
        ObjectNode s = Json.object().put("phase", "Failed").put("lastAppliedSpec", "1a2b3c4d5e6f7a8b");
        s.putArray("conditions").addObject().put("type", "Promoted").put("status", "False").put("reason", "Failed")
                .put("message", "Canary analysis failed, Deployment scaled to zero.");
        return s;
    }

    @Test
    void analysesOncePerFailedSpecThenAfterTheRecheckInterval() {
        ObjectNode s = failed();
        assertThat(GitDriftStatus.needsAnalysis(s, T0, RECHECK)).isTrue();
        GitDriftStatus.record(s, new Analysis.Drifted(report()), T0);
        assertThat(GitDriftStatus.needsAnalysis(s, T0.plusSeconds(60), RECHECK)).isFalse();
        assertThat(GitDriftStatus.needsAnalysis(s, T0.plus(RECHECK), RECHECK)).isTrue();
        s.put("lastAppliedSpec", "ffffffffffffffff");
        assertThat(GitDriftStatus.needsAnalysis(s, T0.plusSeconds(60), RECHECK)).isTrue();
        s.put("phase", "Progressing");
        assertThat(GitDriftStatus.needsAnalysis(s, T0.plusSeconds(60), RECHECK)).isFalse();
    }

    @Test
    void recordsTheConditionAndTheCompactFieldsAndClearsThemAgain() {
        ObjectNode s = failed();
        GitDriftStatus.record(s, new Analysis.Drifted(report()), T0);

        var g = GitDriftStatus.of(s).orElseThrow();
        assertThat(g.path("state").asText()).isEqualTo("Drifted");
        assertThat(g.path("commit").asText()).isEqualTo(BAD.sha());
        assertThat(g.path("author").asText()).isEqualTo("Alice <alice@example.com>");
        assertThat(g.path("subject").asText()).isEqualTo("face: image 1.1.0");
        assertThat(g.path("source").asText()).isEqualTo("GitRepository/flux-system/faces");
        assertThat(g.path("spec").asText()).isEqualTo("1a2b3c4d5e6f7a8b");
        assertThat(g.path("differences").get(0).path("git").asText()).isEqualTo("face:1.1.0");
        var c = GitDriftStatus.condition(s).orElseThrow();
        assertThat(c.path("status").asText()).isEqualTo("True");
        assertThat(c.path("reason").asText()).isEqualTo("FailedSpecInGit");
        assertThat(c.path("message").asText()).startsWith("Git declares the failed spec: commit bbbbbbb \"face: image 1.1.0\"");
        assertThat(s.path("conditions")).hasSize(2);

        GitDriftStatus.record(s, new Analysis.NoDrift("the target runs the promoted spec"), T0.plusSeconds(60));
        assertThat(GitDriftStatus.of(s)).isEmpty();
        assertThat(GitDriftStatus.condition(s)).isEmpty();
        assertThat(s.path("conditions")).hasSize(1);
    }

    @Test
    void anIncompleteAnalysisIsUnknownAndKeepsTheTransitionTimeWhileItLasts() {
        ObjectNode s = failed();
        GitDriftStatus.record(s, new Analysis.Incomplete("AuthenticationFailed: unable to fetch"), T0);
        GitDriftStatus.record(s, new Analysis.Incomplete("AuthenticationFailed: unable to fetch"), T0.plus(RECHECK));
        var c = GitDriftStatus.condition(s).orElseThrow();
        assertThat(c.path("status").asText()).isEqualTo("Unknown");
        assertThat(c.path("reason").asText()).isEqualTo("AnalysisIncomplete");
        assertThat(c.path("lastTransitionTime").asText()).isEqualTo(T0.toString());
        assertThat(c.path("lastUpdateTime").asText()).isEqualTo(T0.plus(RECHECK).toString());
    }

    @Test
    void writesBackOncePerOffendingCommitAndRetriesOnlyTransientFailures() {
        ObjectNode s = failed();
        GitDriftStatus.record(s, new Analysis.Drifted(report()), T0);
        assertThat(GitDriftStatus.shouldWriteBack(s, T0, RECHECK)).isTrue();

        GitDriftStatus.recordRevert(s, new RevertResult.Rejected("main", "moved on"), T0);
        assertThat(GitDriftStatus.shouldWriteBack(s, T0.plusSeconds(1), RECHECK)).isFalse();
        assertThat(GitDriftStatus.shouldWriteBack(s, T0.plus(RECHECK), RECHECK)).isTrue();

        GitDriftStatus.recordRevert(s, new RevertResult.AuthenticationFailed("refused"), T0);
        assertThat(GitDriftStatus.shouldWriteBack(s, T0.plus(Duration.ofDays(1)), RECHECK)).isFalse();

        // A re-analysis of the same commit keeps the revert record; another commit starts afresh.
        GitDriftStatus.record(s, new Analysis.Drifted(report()), T0.plus(RECHECK));
        assertThat(GitDriftStatus.of(s).orElseThrow().path("revert").path("result").asText()).isEqualTo("AuthenticationFailed");
        s.with(GitDriftStatus.FIELD).put("commit", "c".repeat(40));
        assertThat(GitDriftStatus.shouldWriteBack(s, T0.plus(RECHECK), RECHECK)).isTrue();
    }

    @Test
    void carryOverKeepsFieldAndConditionWhenTheTypedModelRewritesStatus() {
        ObjectNode stored = failed();
        GitDriftStatus.record(stored, new Analysis.Drifted(report()), T0);
        ObjectNode next = Json.object().put("phase", "Failed");
        next.putArray("conditions").add(stored.path("conditions").get(0).deepCopy());

        GitDriftStatus.carryOver(stored, next);

        assertThat(next.path("gitDrift")).isEqualTo(stored.path("gitDrift"));
        assertThat(next.path("conditions")).hasSize(2);
        GitDriftStatus.carryOver(stored, next);
        assertThat(next.path("conditions")).hasSize(2);
    }

    @Test
    void revertMessagesCarryTheTrailersThatMakeWriteBackIdempotent() {
        String m = "Revert \"x\"\n\nbody\n\nSluice-Canary: test/face\nSluice-Reverts: " + BAD.sha() + "\n";
        assertThat(RevertMessage.trailer(m, RevertMessage.CANARY)).contains("test/face");
        assertThat(RevertMessage.trailer(m, RevertMessage.REVERTS)).contains(BAD.sha());
        assertThat(RevertMessage.trailer("Sluice-Canary is mentioned in prose", RevertMessage.CANARY)).isEmpty();
        assertThat(RevertMessage.wrap("word ".repeat(30).strip()).lines()).allMatch(l -> l.length() <= 72);
    }
}
