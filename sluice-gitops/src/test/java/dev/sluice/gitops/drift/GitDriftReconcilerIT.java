package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Git drift controller on a failed canary: records, reverts once, rechecks, clears. */
class GitDriftReconcilerIT {

    @TempDir
    Path tmp;

    private static GitDriftReconciler reconciler(DriftFixture f) {
        GitDrift drift = new GitDrift(f.analyzer(), f.writeBack());
        return new GitDriftReconciler(f.cluster, drift, f.clock, DriftSettings.DEFAULTS);
    }

    @Test
    void recordsTheDriftRevertsOnceAndClearsWhenTheCanaryMovesOn() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            String bad = f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            f.failedCanary("direct");
            f.cluster.updateStatus(f.canary().withStatus(((com.fasterxml.jackson.databind.node.ObjectNode) f.canary().status()
                    .deepCopy()).put("lastAppliedSpec", "aaaaaaaaaaaaaaaa")));
            setArtifact(f, bad);
            GitDriftReconciler r = reconciler(f);

            Result first = r.reconcile(DriftFixture.CANARY);

            var status = f.canary().status();
            assertThat(status.path("phase").asText()).isEqualTo("Failed");
            assertThat(status.path("failedChecks").asInt()).isEqualTo(5);
            var g = status.path("gitDrift");
            assertThat(g.path("state").asText()).isEqualTo("Drifted");
            assertThat(g.path("commit").asText()).isEqualTo(bad);
            assertThat(g.path("spec").asText()).isEqualTo("aaaaaaaaaaaaaaaa");
            assertThat(g.path("sourceRevision").asText()).isEqualTo("main@sha1:" + bad);
            assertThat(g.path("revert").path("result").asText()).isEqualTo("Pushed");
            assertThat(g.path("revert").path("branch").asText()).isEqualTo("main");
            assertThat(GitDriftStatus.condition(status).orElseThrow().path("status").asText()).isEqualTo("True");
            assertThat(first.requeueAfter()).contains(DriftSettings.DEFAULTS.retryInterval());
            assertThat(f.cluster.events(DriftFixture.CANARY)).extracting(EventRecord::reason)
                    .containsSubsequence("GitDrift", "GitReverted");
            String reverted = f.remoteBranches().get("main");
            assertThat(reverted).isNotEqualTo(bad);

            // Woken again before the recheck is due: nothing is analysed, nothing written.
            long writes = f.cluster.statusWrites();
            f.clock.advance(Duration.ofMinutes(1));
            Result again = r.reconcile(DriftFixture.CANARY);
            assertThat(f.cluster.statusWrites()).isEqualTo(writes);
            assertThat(again.requeueAfter()).contains(Duration.ofMinutes(4));

            // The GitRepository fetches the revert: the drifted Canary is woken and re-checked at once
            // (before the recheck is due); Git builds the promoted spec again, so the drift is cleared.
            var source = f.cluster.get(dev.sluice.api.ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository",
                    "flux-system", "faces")).orElseThrow();
            assertThat(GitDriftReconciler.driftingFrom(f.cluster).apply(source)).containsExactly(DriftFixture.CANARY);
            setArtifact(f, reverted);
            r.reconcile(DriftFixture.CANARY);
            assertThat(GitDriftStatus.of(f.canary().status())).isEmpty();
            assertThat(GitDriftStatus.condition(f.canary().status())).isEmpty();
            assertThat(f.remoteBranches().get("main")).isEqualTo(reverted);
        }
    }

    private static void setArtifact(DriftFixture f, String commit) {
        var key = dev.sluice.api.ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "faces");
        var o = f.cluster.get(key).orElseThrow();
        var st = Json.object();
        st.putObject("artifact").put("revision", "main@sha1:" + commit);
        f.cluster.updateStatus(o.withStatus(st));
    }

    @Test
    void aCanaryThatLeavesFailedIsCleared() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            f.failedCanary("");
            GitDriftReconciler r = reconciler(f);
            r.reconcile(DriftFixture.CANARY);
            assertThat(GitDriftStatus.of(f.canary().status()).orElseThrow().path("revert").isMissingNode()).isTrue();

            f.cluster.updateStatus(f.canary().withStatus(((com.fasterxml.jackson.databind.node.ObjectNode) f.canary().status()
                    .deepCopy()).put("phase", "Progressing")));
            assertThat(r.reconcile(DriftFixture.CANARY)).isEqualTo(Result.done());

            assertThat(f.canary().status().has("gitDrift")).isFalse();
            assertThat(GitDriftStatus.condition(f.canary().status())).isEmpty();
            assertThat(f.canary().status().path("phase").asText()).isEqualTo("Progressing");
        }
    }

    @Test
    void theWakeUpFingerprintIgnoresOrdinaryStatusWrites() {
        var c = dev.sluice.api.KubeObject.parse("apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: {name: a, namespace: b}")
                .withStatus(Json.parseObject("{\"phase\":\"Progressing\",\"canaryWeight\":10,\"lastAppliedSpec\":\"x\"}"));
        var weight = c.withStatus(Json.parseObject("{\"phase\":\"Progressing\",\"canaryWeight\":20,\"lastAppliedSpec\":\"x\"}"));
        var failed = c.withStatus(Json.parseObject("{\"phase\":\"Failed\",\"canaryWeight\":0,\"lastAppliedSpec\":\"x\"}"));
        assertThat(GitDriftReconciler.CHANGES.of(weight)).isEqualTo(GitDriftReconciler.CHANGES.of(c));
        assertThat(GitDriftReconciler.CHANGES.of(failed)).isNotEqualTo(GitDriftReconciler.CHANGES.of(c));
    }
}
