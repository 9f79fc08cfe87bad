package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftAnalyzerIT {

    @TempDir
    Path tmp;

    @Test
    void findsTheCommitThatIntroducedTheFailedSpecAndDescribesTheDrift() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            String good = f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            String bad = f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.repo.write("README.md", "# faces\nnow with docs\n");
            String docs = f.repo.commit("docs");
            assertThat(f.sync()).isEqualTo(docs);
            f.failedCanary("");

            Analysis a = f.analyzer().analyze(f.canary());

            assertThat(a).isInstanceOf(Analysis.Drifted.class);
            DriftReport r = ((Analysis.Drifted) a).report();
            assertThat(r.commit().sha()).isEqualTo(bad);
            assertThat(r.commit().subject()).isEqualTo("face: image 1.1.0");
            assertThat(r.lastGood()).map(CommitInfo::sha).contains(good);
            assertThat(r.range()).extracting(CommitInfo::sha).containsExactly(bad);
            assertThat(r.failedRevision()).isEqualTo("main@sha1:" + docs);
            assertThat(r.source().ref()).isEqualTo("GitRepository/flux-system/faces");
            assertThat(r.kustomization()).isEqualTo("flux-system/apps");
            assertThat(r.path()).isEqualTo("./apps/faces");
            assertThat(r.git().images()).containsEntry("face", DriftFixture.IMAGE + ":1.1.0");
            assertThat(r.cluster().images()).containsEntry("face", DriftFixture.IMAGE + ":1.0.0");
            assertThat(r.differences()).containsExactly(new SpecDiff.Difference("spec.containers[face].image",
                    DriftFixture.IMAGE + ":1.1.0", DriftFixture.IMAGE + ":1.0.0"));
            assertThat(r.verdict().describe())
                    .isEqualTo("5 failed checks (threshold 5); last: Halt face.test advancement success rate 81.25% < 99%");
            assertThat(r.message()).startsWith("Git declares the failed spec: commit " + bad.substring(0, 7)
                    + " \"face: image 1.1.0\" by Sluice Test in GitRepository/flux-system/faces (main), path ./apps/faces");
            // The JSON shape reads back to the same report.
            assertThat(DriftReport.fromJson(Json.parseObject(Json.write(r.toJson()))).toJson()).isEqualTo(r.toJson());
        }
    }

    @Test
    void aRevisionAppliedButStillWaitingForHealthIsTheFailedOne() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            String good = f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            String bad = f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            // Flux records lastAppliedRevision only after the health check; the canary held the target
            // back, so the check is still waiting: only lastAttemptedRevision names the failed commit.
            f.kustomizationStatus("main@sha1:" + good, "main@sha1:" + bad);
            f.failedCanary("");

            Analysis a = f.analyzer().analyze(f.canary());

            assertThat(a).isInstanceOf(Analysis.Drifted.class);
            assertThat(((Analysis.Drifted) a).report().commit().sha()).isEqualTo(bad);
            assertThat(((Analysis.Drifted) a).report().failedRevision()).isEqualTo("main@sha1:" + bad);
        }
    }

    @Test
    void anAttemptedRevisionWhoseApplyFailedFallsBackToTheAppliedOne() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            String bad = f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            String unapplied = f.faces("1.2.0").repo.commit("face: image 1.2.0 (its apply failed)");
            f.kustomizationStatus("main@sha1:" + bad, "main@sha1:" + unapplied);
            f.failedCanary("");

            Analysis a = f.analyzer().analyze(f.canary());

            assertThat(a).isInstanceOf(Analysis.Drifted.class);
            assertThat(((Analysis.Drifted) a).report().commit().sha()).isEqualTo(bad);
            assertThat(((Analysis.Drifted) a).report().failedRevision()).isEqualTo("main@sha1:" + bad);
        }
    }

    @Test
    void noDriftWhileTheCanaryIsNotFailedOrWhenTheTargetRunsThePromotedSpec() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            f.failedCanary("");
            assertThat(f.analyzer().analyze(f.canary())).isEqualTo(new Analysis.NoDrift("the target runs the promoted spec"));

            f.cluster.updateStatus(f.canary().withStatus(Json.object().put("phase", "Succeeded")));
            assertThat(f.analyzer().analyze(f.canary())).isEqualTo(new Analysis.NoDrift("the canary is Succeeded, not Failed"));
        }
    }

    @Test
    void gitAlreadyFixedButNotAppliedIsNoDrift() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            f.faces("1.1.0").repo.commit("face 1.1.0");
            f.sync();
            f.failedCanary("");
            String fix = f.faces("1.0.0").repo.commit("back to 1.0.0 by hand");

            Analysis a = f.analyzer().analyze(f.canary());

            assertThat(a).isEqualTo(new Analysis.NoDrift("Git at " + fix.substring(0, 7)
                    + " builds the promoted spec; the Kustomization has not applied it yet"));
        }
    }

    @Test
    void aTargetNotAppliedByAKustomizationIsNotManaged() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            f.upsert(f.cluster.get(DriftFixture.TARGET).orElseThrow().edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                    n.with("metadata")).remove("labels")));
            f.failedCanary("");

            assertThat(f.analyzer().analyze(f.canary())).isInstanceOf(Analysis.NotManaged.class);
        }
    }
}
