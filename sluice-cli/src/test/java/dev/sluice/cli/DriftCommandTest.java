package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import dev.sluice.gitops.drift.Analysis;
import dev.sluice.gitops.drift.RevertMode;
import dev.sluice.gitops.drift.RevertResult;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.drift.DriftEndpoints;
import dev.sluice.server.drift.DriftService;
import dev.sluice.server.drift.MemoryCluster;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sluice drift} and {@code sluice revert canary} against a real API server with the drift endpoints. */
class DriftCommandTest {

    static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    final MemoryCluster cluster = new MemoryCluster();
    final List<String> reverts = new ArrayList<>();
    RevertResult answer;
    ApiServer api;
    String url;

    @BeforeEach
    void start() throws Exception {
        api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), cluster, ResourceTypes.builtIn(), TokenAuth.of("t0ken"));
        DriftEndpoints.mount(api, new DriftService() {
            @Override
            public Analysis analyze(String namespace, String name) {
                return new Analysis.NoDrift("unused");
            }

            @Override
            public RevertResult revert(String namespace, String name, Optional<RevertMode> mode, boolean dryRun) {
                reverts.add(namespace + "/" + name + " " + mode.map(RevertMode::wireName).orElse("-") + " " + dryRun);
                return dryRun ? new RevertResult.DryRun(RevertMode.BRANCH, RevertResult.Kind.REVERT,
                        "sluice/revert/faces-face-1a2b3c4", List.of("apps/faces/kustomization.yaml"),
                        "diff --git a/apps/faces/kustomization.yaml b/apps/faces/kustomization.yaml\n"
                                + "--- a/apps/faces/kustomization.yaml\n+++ b/apps/faces/kustomization.yaml\n"
                                + "@@ -9 +9 @@\n-    newTag: 1.1.0\n+    newTag: 1.0.0\n", "Revert \"face 1.1.0\"") : answer;
            }
        }, TokenAuth.of("t0ken"));
        url = api.baseUrl();
        canary("faces", "face", """
                {"phase": "Failed", "failedChecks": 5,
                 "conditions": [{"type": "GitDrift", "status": "True", "reason": "FailedSpecInGit", "message": "Git declares the failed spec"}],
                 "gitDrift": {"state": "Drifted", "commit": "%s", "author": "Alice <alice@example.com>",
                   "subject": "face: image 1.1.0", "source": "GitRepository/flux-system/faces", "path": "./apps/faces",
                   "differences": [{"field": "spec.containers[face].image", "git": "faces:1.1.0", "cluster": "faces:1.0.0"}],
                   "revert": {"result": "Pushed", "branch": "sluice/revert/faces-face-1a2b3c4"}}}
                """.formatted(SHA));
        canary("faces", "smiley", "{\"phase\": \"Succeeded\"}");
        canary("other", "color", """
                {"phase": "Failed", "conditions": [{"type": "GitDrift", "status": "Unknown", "reason": "AnalysisIncomplete",
                 "message": "AuthenticationFailed: unable to fetch"}],
                 "gitDrift": {"state": "Unknown", "message": "AuthenticationFailed: unable to fetch"}}
                """);
    }

    private void canary(String ns, String name, String status) {
        cluster.create(KubeObject.parse("apiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: {name: " + name
                + ", namespace: " + ns + "}\nspec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: " + name + "}}")
                .withStatus(Json.parseObject(status)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listsDriftsOfOneNamespaceAsATable() {
        CliRunner r = CliRunner.run("drift", "-n", "faces", "--server", url);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                NAME   STATE     COMMIT                      AUTHOR   SOURCE                                         CHANGE                                                    REVERT
                face   Drifted   1a2b3c4 face: image 1.1.0   Alice    GitRepository/flux-system/faces ./apps/faces   spec.containers[face].image: faces:1.1.0 -> faces:1.0.0   Pushed sluice/revert/faces-face-1a2b3c4
                """);
    }

    @Test
    void listsEveryNamespaceAsJson() {
        CliRunner r = CliRunner.run("drift", "-A", "-o", "json", "--server", url);
        assertThat(r.exitCode()).isZero();
        var items = Json.parseObject(r.out()).path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("name").asText()).isEqualTo("face");
        assertThat(items.get(0).path("gitDrift").path("commit").asText()).isEqualTo(SHA);
        assertThat(items.get(1).path("namespace").asText()).isEqualTo("other");
        assertThat(items.get(1).path("condition").path("reason").asText()).isEqualTo("AnalysisIncomplete");
    }

    @Test
    void saysSoWhenThereIsNoDriftAndWhenTheServerIsNotThere() {
        CliRunner none = CliRunner.run("drift", "-n", "empty", "--server", url);
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No drift found in empty namespace.\n");
        api.close();
        CliRunner down = CliRunner.run("drift", "--server", url);
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).startsWith("sluice drift: cannot reach sluice at " + url).contains("is 'sluice up' running?");
    }

    @Test
    void revertShowsTheDiffThenPushes() {
        answer = new RevertResult.Pushed(RevertMode.BRANCH, RevertResult.Kind.REVERT, "sluice/revert/faces-face-1a2b3c4",
                "9".repeat(40), List.of("apps/faces/kustomization.yaml"), "diff", "Revert \"face 1.1.0\"");
        CliRunner r = CliRunner.run("revert", "canary", "face", "-n", "faces", "--server", url, "--token", "t0ken");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                Canary faces/face: would revert on sluice/revert/faces-face-1a2b3c4 (apps/faces/kustomization.yaml)

                diff --git a/apps/faces/kustomization.yaml b/apps/faces/kustomization.yaml
                --- a/apps/faces/kustomization.yaml
                +++ b/apps/faces/kustomization.yaml
                @@ -9 +9 @@
                -    newTag: 1.1.0
                +    newTag: 1.0.0
                Pushed: reverted in commit 9999999 pushed to sluice/revert/faces-face-1a2b3c4 (apps/faces/kustomization.yaml)
                """);
        assertThat(reverts).containsExactly("faces/face - true", "faces/face - false");
    }

    @Test
    void aDryRunStopsAfterTheDiffAndARejectedPushExits3() {
        CliRunner dry = CliRunner.run("revert", "canary", "face", "-n", "faces", "--mode", "direct", "--dry-run",
                "--server", url, "--token", "t0ken");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).endsWith("+    newTag: 1.0.0\n(dry run: nothing was written)\n");
        assertThat(reverts).containsExactly("faces/face direct true");

        answer = new RevertResult.Rejected("main", "the remote branch 'main' moved on (not a fast-forward); fetch again and retry");
        CliRunner rejected = CliRunner.run("revert", "canary", "face", "-n", "faces", "--server", url, "--token", "t0ken");
        assertThat(rejected.exitCode()).isEqualTo(RevertCommand.NOT_PUSHED);
        assertThat(rejected.out()).endsWith("Rejected: rejected: the remote branch 'main' moved on (not a fast-forward); fetch again and retry\n");
    }

    @Test
    void revertNeedsAValidModeAndTheToken() {
        CliRunner mode = CliRunner.run("revert", "canary", "face", "--mode", "force", "--server", url, "--token", "t0ken");
        assertThat(mode.exitCode()).isEqualTo(1);
        assertThat(mode.err()).isEqualTo("sluice revert canary: --mode: 'force' is not a revert mode; expected branch or direct\n");
        CliRunner wrong = CliRunner.run("revert", "canary", "face", "-n", "faces", "--server", url, "--token", "nope");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("a revert needs the API token");
        assertThat(reverts).isEmpty();
    }
}
