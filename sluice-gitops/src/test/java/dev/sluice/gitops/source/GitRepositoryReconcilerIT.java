package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitRepository reconciles against real repositories on disk (file:// URLs). */
class GitRepositoryReconcilerIT {

    @TempDir
    Path tmp;
    TestRepo repo;
    SourceFixture f;

    @BeforeEach
    void setUp() {
        repo = TestRepo.init(tmp.resolve("origin"));
        f = new SourceFixture(tmp.resolve("state"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private ObjectKey create(String ref) {
        return f.create("podinfo", "  url: " + repo.url() + "\n  interval: 5m\n" + (ref.isEmpty() ? "" : "  ref: " + ref + "\n"));
    }

    @Test
    void branchGivesFluxRevisionArtifactConditionsAndEvent() throws Exception {
        String head = repo.write("deploy/app.yaml", "kind: ConfigMap\n").write("logo.png", "x").commit("add the app");
        ObjectKey key = create("{branch: main}");

        Result result = f.reconciler.reconcile(key);

        assertThat(result.requeueAfter()).contains(Duration.ofMinutes(5));
        Artifact a = f.artifact(key);
        assertThat(a.revision()).isEqualTo("main@sha1:" + head);
        assertThat(a.path()).isEqualTo("gitrepository/flux-system/podinfo/" + head + ".tar.gz");
        assertThat(a.url()).isEqualTo("http://source-controller.flux-system.svc.cluster.local./" + a.path());
        assertThat(a.digest()).isEqualTo(ArtifactStore.digestOf(f.store.tarball(a)));
        assertThat(a.size()).isEqualTo(Files.size(f.store.tarball(a)));
        assertThat(a.lastUpdateTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(f.condition(key, "Ready").isTrue()).isTrue();
        assertThat(f.condition(key, "Ready").reason()).isEqualTo("Succeeded");
        assertThat(f.condition(key, "Ready").message()).isEqualTo("stored artifact for revision 'main@sha1:" + head + "'");
        assertThat(f.condition(key, "ArtifactInStorage").isTrue()).isTrue();
        assertThat(f.status(key).path("observedGeneration").asLong()).isEqualTo(1);
        List<EventRecord> events = f.cluster.events(key);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("NewArtifact");
            assertThat(e.message()).isEqualTo("stored artifact for commit 'add the app'");
            assertThat(e.annotations()).containsEntry("source.toolkit.fluxcd.io/revision", "main@sha1:" + head);
        });
        Path tree = f.store.open(a);
        assertThat(Files.readString(tree.resolve("deploy/app.yaml"))).isEqualTo("kind: ConfigMap\n");
        assertThat(tree.resolve("logo.png")).doesNotExist(); // a default exclusion
        assertThat(Files.getPosixFilePermissions(tree.resolve("deploy/app.yaml")))
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void defaultBranchIsMaster() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        ObjectKey key = create("");
        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
        assertThat(f.condition(key, "FetchFailed").reason()).isEqualTo("GitOperationFailed");
        assertThat(f.condition(key, "FetchFailed").message())
                .isEqualTo("failed to checkout and determine revision: couldn't find remote ref \"refs/heads/master\"");
        assertThat(f.condition(key, "Ready").isFalse()).isTrue();
        assertThat(f.condition(key, "Reconciling").reason()).isEqualTo("ProgressingWithRetry");
    }

    @Test
    void tagsAreRevisionedByTagNameAndPeeledCommit() throws Exception {
        String tagged = repo.write("a.yaml", "v1").commit("release 1");
        repo.annotatedTag("v1.0.0", "first release");
        repo.write("a.yaml", "later").commit("later");
        ObjectKey key = create("{tag: v1.0.0}");
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("v1.0.0@sha1:" + tagged);
        assertThat(Files.readString(f.store.open(f.artifact(key)).resolve("a.yaml"))).isEqualTo("v1");
        f.reconciler.reconcile(key);
        assertThat(f.git.fetches.get()).as("the annotated tag is peeled when listed: no refetch").isEqualTo(1);
    }

    @Test
    void semverPicksTheHighestMatchingTag() throws Exception {
        repo.write("v", "1.0.0").commit("1.0.0");
        repo.tag("v1.0.0");
        String v12 = repo.write("v", "1.2.0").commit("1.2.0");
        repo.tag("v1.2.0");
        repo.write("v", "1.3.0-rc.1").commit("rc");
        repo.tag("v1.3.0-rc.1");
        repo.write("v", "2.0.0").commit("2.0.0");
        repo.tag("v2.0.0");
        ObjectKey key = create("{semver: '~1', branch: main}");
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("v1.2.0@sha1:" + v12);
    }

    @Test
    void commitPinsAnOlderCommitEvenWhenAbbreviated() throws Exception {
        String old = repo.write("a.yaml", "old").commit("old");
        repo.write("a.yaml", "new").commit("new");
        ObjectKey withBranch = f.create("pinned", "  url: " + repo.url() + "\n  interval: 1m\n  ref: {branch: main, commit: "
                + old + "}\n");
        f.reconciler.reconcile(withBranch);
        assertThat(f.artifact(withBranch).revision()).isEqualTo("main@sha1:" + old);
        assertThat(Files.readString(f.store.open(f.artifact(withBranch)).resolve("a.yaml"))).isEqualTo("old");

        ObjectKey abbreviated = f.create("short", "  url: " + repo.url() + "\n  interval: 1m\n  ref: {commit: '"
                + old.substring(0, 7) + "'}\n");
        f.reconciler.reconcile(abbreviated);
        assertThat(f.artifact(abbreviated).revision()).isEqualTo("sha1:" + old);
        int fetches = f.git.fetches.get();
        f.reconciler.reconcile(abbreviated);
        f.reconciler.reconcile(withBranch);
        assertThat(f.git.fetches.get()).as("a pinned commit already stored is not fetched again").isEqualTo(fetches);
    }

    @Test
    void refNameGivesABareCommitRevision() throws Exception {
        repo.write("a.yaml", "main").commit("main");
        repo.branch("pr").checkout("pr");
        String pr = repo.write("a.yaml", "pr").commit("pull request");
        repo.ref("refs/pull/1/head").checkout("main");
        ObjectKey key = create("{name: refs/pull/1/head, branch: main}");
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("sha1:" + pr);
    }

    @Test
    void unchangedCommitIsNotFetchedAgainAndNothingIsWritten() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);
        long writes = f.cluster.statusWrites();
        f.clock.advance(Duration.ofMinutes(5));

        Result again = f.reconciler.reconcile(key);

        assertThat(again.requeueAfter()).contains(Duration.ofMinutes(5));
        assertThat(f.git.lsRemotes.get()).isEqualTo(2);
        assertThat(f.git.fetches.get()).isEqualTo(1);
        assertThat(f.cluster.statusWrites()).isEqualTo(writes);
        assertThat(f.cluster.events(key)).hasSize(1);
    }

    @Test
    void newCommitGivesANewArtifactAndEventAndOldOnesAreCollected() throws Exception {
        String first = repo.write("a.yaml", "1").commit("one");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);
        Artifact a1 = f.artifact(key);
        String second = repo.write("a.yaml", "2").commit("two");
        f.reconciler.reconcile(key);
        String third = repo.write("a.yaml", "3").commit("three");
        f.reconciler.reconcile(key);

        assertThat(f.artifact(key).revision()).isEqualTo("main@sha1:" + third);
        assertThat(f.cluster.events(key)).extracting(EventRecord::message).containsExactly(
                "stored artifact for commit 'one'", "stored artifact for commit 'two'", "stored artifact for commit 'three'");
        Path dir = tmp.resolve("state/artifacts/gitrepository/flux-system/podinfo");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(second + ".tar.gz", third + ".tar.gz");
        }
        assertThat(f.store.contains(a1)).isFalse();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void ignoreRulesAndSourceIgnoreShapeTheArtifactAndAChangeRebuildsIt() throws Exception {
        repo.write(".sourceignore", "/*\n!/apps/\n").write("apps/a.yaml", "a").write("apps/secret.yaml", "s")
                .write("apps/.sourceignore", "secret.yaml\n").write("docs/readme.md", "r").commit("layout");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);
        Path tree = f.store.open(f.artifact(key));
        assertThat(tree.resolve("apps/a.yaml")).exists();
        assertThat(tree.resolve("apps/secret.yaml")).doesNotExist();
        assertThat(tree.resolve("docs")).doesNotExist();

        var obj = f.get(key);
        f.cluster.update(obj.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("spec")).put("ignore", "!/docs/\n")));
        f.reconciler.reconcile(key);

        Path tree2 = f.store.open(f.artifact(key));
        assertThat(tree2).isNotEqualTo(tree);
        assertThat(tree2.resolve("docs/readme.md")).exists(); // spec.ignore comes after .sourceignore and wins
        assertThat(tree2.resolve("apps/secret.yaml")).doesNotExist();
        assertThat(f.status(key).path("observedIgnore").asText()).isEqualTo("!/docs/\n");
        assertThat(f.status(key).path("observedGeneration").asLong()).isEqualTo(2);
        assertThat(f.git.fetches.get()).as("same commit, new rules: rebuilt from the cache").isEqualTo(1);
    }

    @Test
    void requestedAtIsEchoedAsLastHandledReconcileAt() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);
        f.cluster.update(f.get(key).edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations")
                .put("reconcile.fluxcd.io/requestedAt", "2026-01-01T00:10:00Z")));
        f.reconciler.reconcile(key);
        assertThat(f.status(key).path("lastHandledReconcileAt").asText()).isEqualTo("2026-01-01T00:10:00Z");
    }

    @Test
    void invalidSpecStallsWithoutRetry() throws Exception {
        ObjectKey key = f.create("bad", "  url: git@github.com:org/repo.git\n  interval: 1m\n");
        assertThat(f.reconciler.reconcile(key).requeueAfter()).isEmpty();
        assertThat(f.condition(key, "Stalled").isTrue()).isTrue();
        assertThat(f.condition(key, "Ready").message()).contains("spec.url: 'git@github.com:org/repo.git' is an scp-like address");
        assertThat(f.git.lsRemotes.get()).isZero();
    }

    @Test
    void suspendedSourcesAreLeftAlone() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        ObjectKey key = f.create("paused", "  url: " + repo.url() + "\n  interval: 1m\n  suspend: true\n");
        assertThat(f.reconciler.reconcile(key).requeueAfter()).isEmpty();
        assertThat(f.cluster.statusWrites()).isZero();
        assertThat(f.git.lsRemotes.get()).isZero();
    }

    @Test
    void deletedSourceLosesItsArtifacts() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);
        Artifact a = f.artifact(key);
        f.cluster.delete(key, dev.sluice.cluster.DeleteOptions.background());
        f.reconciler.reconcile(key);
        assertThat(f.store.contains(a)).isFalse();
        assertThat(tmp.resolve("state/git/flux-system/podinfo.git")).doesNotExist();
    }

    @Test
    void aFetchKilledHalfwayDoesNotBlockTheNextOne() throws Exception {
        repo.write("a.yaml", "1").commit("one");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);
        Path cache = tmp.resolve("state/git/flux-system/podinfo.git");
        Files.writeString(cache.resolve("refs/heads/main.lock"), "stale"); // as left by a killed process
        Files.writeString(cache.resolve("shallow.lock"), "stale");
        String two = repo.write("a.yaml", "2").commit("two");
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("main@sha1:" + two);
    }

    @Test
    void theKustomizationPortOpensTheAdvertisedRevision() throws Exception {
        var sources = new StoredSourceArtifacts(f.store);
        repo.write("deploy/app.yaml", "v1").commit("one");
        ObjectKey key = create("{branch: main}");
        f.reconciler.reconcile(key);

        var source = f.get(key);
        var advertised = sources.advertised(source).orElseThrow();
        assertThat(advertised.revision()).isEqualTo("main@sha1:" + repo.head());
        Path dir = sources.open(source, advertised);
        assertThat(Files.readString(dir.resolve("deploy/app.yaml"))).isEqualTo("v1");

        Storage.deleteTree(dir); // unpacked again from the tar.gz, digest checked
        assertThat(Files.readString(sources.open(source, advertised).resolve("deploy/app.yaml"))).isEqualTo("v1");
        f.store.deleteAll(key);
        assertThatThrownBy(() -> sources.open(source, advertised)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
    @Test
    void includeCopiesAnotherSourcesArtifactAndFollowsItsChanges() throws Exception {
        try (TestRepo shared = TestRepo.init(tmp.resolve("shared"))) {
            shared.write("deploy/base.yaml", "base v1").write("README.md", "shared").commit("shared one");
            ObjectKey sharedKey = f.create("shared", "  url: " + shared.url() + "\n  interval: 5m\n  ref: {branch: main}\n");
            repo.write("app.yaml", "app").write("vendor/base/base.yaml", "replaced by the include").commit("app");
            ObjectKey key = f.create("app", "  url: " + repo.url() + "\n  interval: 5m\n  ref: {branch: main}\n"
                    + "  include: [{repository: {name: shared}, fromPath: deploy, toPath: vendor/base}]\n");

            assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
            assertThat(f.condition(key, "IncludeUnavailable").message())
                    .isEqualTo("could not get resource for include 'shared': no artifact available yet");

            f.reconciler.reconcile(sharedKey);
            f.reconciler.reconcile(key);
            Artifact a = f.artifact(key);
            assertThat(a.revision()).isEqualTo("main@sha1:" + repo.head());
            Path tree = f.store.open(a);
            assertThat(Files.readString(tree.resolve("app.yaml"))).isEqualTo("app");
            assertThat(Files.readString(tree.resolve("vendor/base/base.yaml"))).isEqualTo("base v1");
            assertThat(tree.resolve("vendor/base/README.md")).doesNotExist();
            assertThat(f.status(key).path("includedArtifacts").get(0).path("revision").asText())
                    .isEqualTo("main@sha1:" + shared.head());
            assertThat(f.status(key).path("observedInclude").get(0).path("toPath").asText()).isEqualTo("vendor/base");
            assertThat(dev.sluice.api.Conditions.find(f.status(key), "IncludeUnavailable")).isEmpty();

            f.reconciler.reconcile(key);
            int fetches = f.git.fetches.get();
            shared.write("deploy/base.yaml", "base v2").commit("shared two");
            f.reconciler.reconcile(sharedKey);
            f.reconciler.reconcile(key);
            assertThat(f.git.fetches.get()).as("own commit unchanged: only the shared source was fetched").isEqualTo(fetches + 1);
            assertThat(Files.readString(f.store.open(f.artifact(key)).resolve("vendor/base/base.yaml"))).isEqualTo("base v2");
            assertThat(f.artifact(key).revision()).isEqualTo(a.revision());
            assertThat(f.artifact(key).digest()).isNotEqualTo(a.digest());
        }
    }
}
