package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.source.GitRepositoryRef;
import dev.sluice.api.source.GitRepositoryRef.Selected;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefResolverTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final RemoteRefs REMOTE = new RemoteRefs(Map.of(
            "HEAD", A, "refs/heads/main", A, "refs/heads/feature/x", B,
            "refs/tags/v1.0.0", B, "refs/tags/1.1.0", C, "refs/tags/v2.0.0-rc.1", A, "refs/tags/latest", C,
            "refs/pull/7/head", C), "refs/heads/main");

    @Test
    void branchesAndTagsNameTheRevision() throws Exception {
        assertThat(RefResolver.resolve(new Selected.Branch("main"), REMOTE).revision()).isEqualTo("main@sha1:" + A);
        assertThat(RefResolver.resolve(new Selected.Branch("feature/x"), REMOTE).revision()).isEqualTo("feature/x@sha1:" + B);
        assertThat(RefResolver.resolve(new Selected.Tag("v1.0.0"), REMOTE).revision()).isEqualTo("v1.0.0@sha1:" + B);
        assertThat(RefResolver.resolve(new Selected.Name("refs/pull/7/head"), REMOTE).revision()).isEqualTo("sha1:" + C);
    }

    @Test
    void semverIgnoresPrereleasesAndNonVersionTags() throws Exception {
        var r = RefResolver.resolve(new Selected.Semver(">=1.0.0"), REMOTE);
        assertThat(r.fetchRef()).isEqualTo("refs/tags/1.1.0");
        assertThat(r.revision()).isEqualTo("1.1.0@sha1:" + C);
        assertThat(RefResolver.resolve(new Selected.Semver(">=2.0.0-rc.0"), REMOTE).fetchRef()).isEqualTo("refs/tags/v2.0.0-rc.1");
        assertThatThrownBy(() -> RefResolver.resolve(new Selected.Semver(">=3"), REMOTE))
                .hasMessage("no match found for semver: >=3");
    }

    @Test
    void aCommitAtTheTipIsShallowOtherwiseTheBranchIsFetchedWhole() throws Exception {
        var tip = RefResolver.resolve(new GitRepositoryRef("main", "", "", "", A).effective(), REMOTE);
        assertThat(tip.shallow()).isTrue();
        assertThat(tip.revision()).isEqualTo("main@sha1:" + A);
        var older = RefResolver.resolve(new GitRepositoryRef("main", "", "", "", C).effective(), REMOTE);
        assertThat(older.shallow()).isFalse();
        assertThat(older.fetchRef()).isEqualTo("refs/heads/main");
        var bare = RefResolver.resolve(new GitRepositoryRef("", "", "", "", "cccccc").effective(), REMOTE);
        assertThat(bare.fetchRef()).isEqualTo("HEAD");
        assertThat(bare.commitKnown()).isFalse();
    }

    @Test
    void missingReferencesAreNamed() {
        assertThatThrownBy(() -> RefResolver.resolve(new Selected.Branch("nope"), REMOTE))
                .isInstanceOfSatisfying(GitSourceException.class, e -> assertThat(e.reason()).isEqualTo("GitOperationFailed"))
                .hasMessage("couldn't find remote ref \"refs/heads/nope\"");
        assertThatThrownBy(() -> RefResolver.resolve(new Selected.Tag("v9"), REMOTE))
                .hasMessage("couldn't find remote ref \"refs/tags/v9\"");
    }

    @Test
    void revisionsParseInEveryFluxForm() {
        assertThat(GitRevision.commitOf("main@sha1:" + A)).isEqualTo(A);
        assertThat(GitRevision.commitOf("sha1:" + B)).isEqualTo(B);
        assertThat(GitRevision.commitOf("main/" + C)).isEqualTo(C); // v1beta2
        assertThat(GitRevision.commitOf("main")).isEmpty();
        assertThat(GitRevision.shorten("main@sha1:696f056df2ab38e4bc1c7cae2d04bb80b3a53f4c")).isEqualTo("main@sha1:696f056d");
    }
}
