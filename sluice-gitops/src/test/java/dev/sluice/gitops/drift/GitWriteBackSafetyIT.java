package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.gitops.source.GitAuth;
import dev.sluice.testkit.git.GitHttpServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-back leaves Git untouched unless it can push a proven change, and never does it twice. */
class GitWriteBackSafetyIT {

    @TempDir
    Path tmp;

    private static KubeObject failedImageBump(DriftFixture f) throws Exception {
        f.faces("1.0.0").repo.commit("faces 1.0.0");
        f.sources().sync();
        f.promote();
        f.faces("1.1.0").repo.commit("face: image 1.1.0");
        f.sync();
        return f.failedCanary("");
    }

    @Test
    void aPushThatIsNotAFastForwardLeavesGitUntouched() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedImageBump(f);
            String[] competing = new String[1];

            RevertResult r = f.writeBack(branch -> {
                f.repo.write("NOTES.md", "someone else was faster\n");
                competing[0] = f.repo.commit("meanwhile");
            }).revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isEqualTo(new RevertResult.Rejected("main",
                    "the remote branch 'main' moved on (not a fast-forward); fetch again and retry"));
            assertThat(f.remoteBranches()).isEqualTo(Map.of("main", competing[0]));
            assertThat(f.remoteFile("apps/faces/kustomization.yaml")).contains("newTag: 1.1.0");
        }
    }

    @Test
    void wrongCredentialsAreReportedAndNothingIsPushed() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp); GitHttpServer server = GitHttpServer.start()) {
            server.serve("faces.git", f.repo.repository()).requireBasicAuth("flux", "s3cret");
            f.remote(server.url("faces.git"), GitAuth.basic("flux", "s3cret"));
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources("git-auth", Map.of("username", "flux", "password", "wrong"), "").sync();
            f.promote();
            f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            KubeObject canary = f.failedCanary("");
            int refused = server.unauthorizedRequests();

            RevertResult r = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isInstanceOf(RevertResult.AuthenticationFailed.class);
            assertThat(r.message()).startsWith("authentication failed: unable to fetch 'main' from '" + server.url("faces.git") + "'");
            assertThat(server.receivePackRequests()).isZero();
            // A bounded handful of refused requests (JGit's anonymous probe, then the credentials once
            // per protocol attempt), not a retry loop.
            assertThat(server.unauthorizedRequests() - refused).isBetween(1, 4);
            assertThat(f.analyzer().analyze(canary)).isInstanceOf(Analysis.Incomplete.class)
                    .extracting(a -> ((Analysis.Incomplete) a).reason()).asString().startsWith("AuthenticationFailed: ");
        }
    }

    @Test
    void pushesARevertBranchOverHttpWithTheSourcesCredentialsOnlyOnce() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp); GitHttpServer server = GitHttpServer.start()) {
            server.serve("faces.git", f.repo.repository()).requireBasicAuth("flux", "s3cret");
            f.remote(server.url("faces.git"), GitAuth.basic("flux", "s3cret"));
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources("git-auth", Map.of("username", "flux", "password", "s3cret"), "").sync();
            f.promote();
            String bad = f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            KubeObject canary = f.failedCanary("");

            RevertResult first = f.writeBack().revert(canary, RevertMode.BRANCH, false);

            String branch = "sluice/revert/test-face-" + bad.substring(0, 7);
            assertThat(first).isInstanceOf(RevertResult.Pushed.class);
            RevertResult.Pushed p = (RevertResult.Pushed) first;
            assertThat(p.branch()).isEqualTo(branch);
            assertThat(f.remoteBranches()).isEqualTo(Map.of("main", bad, branch, p.commit()));
            assertThat(server.receivePackRequests()).isEqualTo(1);

            RevertResult second = f.writeBack().revert(canary, RevertMode.BRANCH, false);

            assertThat(second).isEqualTo(new RevertResult.AlreadyReverted(branch, p.commit(), "branch " + branch
                    + " (commit " + p.commit().substring(0, 7) + ") reverts " + bad.substring(0, 7)));
            assertThat(server.receivePackRequests()).isEqualTo(1);
            assertThat(f.remoteBranches()).hasSize(2);
            // Even asked for a direct push now, the existing revert branch is reported, not duplicated.
            assertThat(f.writeBack().revert(canary, RevertMode.DIRECT, false)).isEqualTo(second);
        }
    }

    @Test
    void aDirectRevertIsFoundAgainBeforeAndAfterItIsApplied() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedImageBump(f);
            String bad = f.repo.head();
            RevertResult.Pushed p = (RevertResult.Pushed) f.writeBack().revert(canary, RevertMode.DIRECT, false);

            RevertResult again = f.writeBack().revert(f.canary(), RevertMode.DIRECT, false);

            assertThat(again).isEqualTo(new RevertResult.AlreadyReverted("main", p.commit(),
                    "commit " + p.commit().substring(0, 7) + " on main reverts " + bad.substring(0, 7)));
            f.sync();
            assertThat(f.writeBack().revert(f.canary(), RevertMode.DIRECT, false)).isEqualTo(again);
            assertThat(f.remoteBranches()).isEqualTo(Map.of("main", p.commit()));
        }
    }

    @Test
    void aDryRunShowsTheDiffAndWritesNothing() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedImageBump(f);
            Map<String, String> before = f.remoteBranches();

            RevertResult r = f.writeBack().revert(canary, RevertMode.BRANCH, true);

            assertThat(r).isInstanceOf(RevertResult.DryRun.class);
            RevertResult.DryRun d = (RevertResult.DryRun) r;
            assertThat(d.diff()).startsWith("diff --git a/apps/faces/kustomization.yaml b/apps/faces/kustomization.yaml")
                    .contains("-    newTag: 1.1.0\n+    newTag: 1.0.0\n");
            assertThat(d.branch()).startsWith("sluice/revert/test-face-");
            assertThat(f.remoteBranches()).isEqualTo(before);
        }
    }

    @Test
    void aBranchThatMovedOnToANewSpecIsLeftAlone() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedImageBump(f);
            String next = f.faces("1.2.0").repo.commit("face: image 1.2.0");

            RevertResult r = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isEqualTo(new RevertResult.NothingToRevert("branch main moved on: " + next.substring(0, 7)
                    + " builds a spec the canary has not analysed yet; left alone"));
            assertThat(f.remoteBranches()).isEqualTo(Map.of("main", next));
        }
    }

    @Test
    void aChangeInFilesSharedWithAnotherKustomizationIsNotPushed() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.repo.write("base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
            f.repo.write("base/deployment.yaml", DriftFixture.deployment("blue"));
            f.repo.write("apps/faces/kustomization.yaml", "namespace: test\nresources:\n  - ../../base\n");
            f.repo.write("staging/kustomization.yaml", "namespace: staging\nresources:\n  - ../base\n");
            f.repo.commit("faces in test and staging from one base");
            f.sources().sync();
            f.cluster.create(KubeObject.parse("""
                    apiVersion: kustomize.toolkit.fluxcd.io/v1
                    kind: Kustomization
                    metadata: {name: staging, namespace: flux-system}
                    spec:
                      interval: 5m
                      path: ./staging
                      prune: true
                      sourceRef: {kind: GitRepository, name: faces}
                    """));
            f.promote();
            f.repo.write("base/deployment.yaml", DriftFixture.deployment("red"));
            f.repo.commit("red faces everywhere");
            f.sync();
            KubeObject canary = f.failedCanary("");

            RevertResult r = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isEqualTo(new RevertResult.NotPushed("restoring the promoted values would also change "
                    + "Kustomization flux-system/staging, which reads the same files"));
            assertThat(f.remoteFile("base/deployment.yaml")).isEqualTo(DriftFixture.deployment("red"));
        }
    }

    @Test
    void pushesOverHttpsTrustingTheCaOfTheSourcesSecret() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp); GitHttpServer server = GitHttpServer.startHttps(tmp.resolve("tls"))) {
            server.serve("faces.git", f.repo.repository()).requireBasicAuth("flux", "s3cret");
            String ca = server.caCertificatePem();
            f.remote(server.url("faces.git"), new GitAuth(GitAuth.Kind.BASIC, "flux", "s3cret", "", new byte[0], new byte[0],
                    java.util.Optional.of(ca.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources("git-auth", Map.of("username", "flux", "password", "s3cret", "ca.crt", ca), "").sync();
            f.promote();
            String bad = f.faces("1.1.0").repo.commit("face: image 1.1.0");
            f.sync();
            KubeObject canary = f.failedCanary("");

            RevertResult r = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isInstanceOf(RevertResult.Pushed.class);
            assertThat(f.remoteBranches().get("main")).isEqualTo(((RevertResult.Pushed) r).commit()).isNotEqualTo(bad);
        }
    }

    @Test
    void aDirectPushIntoALocalWorkingTreeUpdatesItOrWaitsForUncommittedChanges() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedImageBump(f);
            String bad = f.repo.head();
            Path file = f.repo.dir().resolve("apps/faces/kustomization.yaml");
            java.nio.file.Files.writeString(file.resolveSibling("service.yaml"), "# being edited\n");

            RevertResult dirty = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(dirty).isEqualTo(new RevertResult.Rejected("main", "branch 'main' is checked out in "
                    + f.repo.dir().toFile() + " with uncommitted changes; commit or stash them, or use the branch mode"));
            assertThat(f.remoteBranches()).isEqualTo(Map.of("main", bad));

            f.repo.write("apps/faces/service.yaml", java.nio.file.Files.readString(file.resolveSibling("service.yaml"))
                    .replace("# being edited\n", ""));
            org.eclipse.jgit.api.Git.wrap(f.repo.repository()).checkout().addPath("apps/faces/service.yaml").call();
            RevertResult clean = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(clean).isInstanceOf(RevertResult.Pushed.class);
            // The user's checkout follows the branch, as with git's updateInstead: no phantom reverse change.
            assertThat(java.nio.file.Files.readString(file)).contains("newTag: 1.0.0");
            assertThat(org.eclipse.jgit.api.Git.wrap(f.repo.repository()).status().call().hasUncommittedChanges()).isFalse();
        }
    }
}
