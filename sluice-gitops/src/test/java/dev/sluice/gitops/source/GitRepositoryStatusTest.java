package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.source.GitRepository;
import dev.sluice.api.source.GitRepositoryModel;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitRepositoryStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:05:00.750Z");
    private static final Artifact ARTIFACT = new Artifact("main@sha1:" + "a".repeat(40), "sha256:" + "b".repeat(64),
            "gitrepository/ns/app/" + "a".repeat(40) + ".tar.gz", "http://x/gitrepository/ns/app/a.tar.gz", 10, "2026-01-01T00:00:00Z");

    private static GitRepository repo(String extra) {
        GitRepositoryModel m = new GitRepositoryModel();
        return m.parse(KubeObject.parse("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                + "metadata: {name: app, namespace: ns, generation: 4}\nspec:\n  url: https://h/r\n  interval: 1m\n" + extra)).value();
    }

    @Test
    void successIsReadyWithTheStoredRevisionAndIsStableWhenRepeated() {
        JsonNode first = GitRepositoryStatus.succeeded(Json.object(), repo(""), ARTIFACT, Optional.of("now"), T0);
        assertThat(first.path("observedGeneration").asLong()).isEqualTo(4);
        assertThat(first.path("lastHandledReconcileAt").asText()).isEqualTo("now");
        assertThat(Conditions.of(first)).extracting(c -> c.type() + "=" + c.status() + "/" + c.reason())
                .containsExactly("Ready=True/Succeeded", "ArtifactInStorage=True/Succeeded");
        assertThat(Conditions.find(first, "Ready").orElseThrow().message())
                .isEqualTo("stored artifact for revision 'main@sha1:" + "a".repeat(40) + "'");
        JsonNode again = GitRepositoryStatus.succeeded(first, repo(""), ARTIFACT, Optional.empty(), T1);
        assertThat(again).isEqualTo(first); // nothing to write on an unchanged reconcile
    }

    @Test
    void failureKeepsTheArtifactAndMarksTheNewRevisionOutdated() {
        JsonNode ok = GitRepositoryStatus.succeeded(Json.object(), repo(""), ARTIFACT, Optional.empty(), T0);
        GitSourceException e = new GitSourceException(GitSourceException.GIT_OPERATION_FAILED, "boom");
        JsonNode failed = GitRepositoryStatus.failed(ok, repo(""), e, Optional.of("main@sha1:" + "c".repeat(40)),
                Optional.empty(), T1);
        assertThat(Artifact.fromStatus(failed)).contains(ARTIFACT);
        assertThat(Conditions.find(failed, "ArtifactInStorage").orElseThrow().isTrue()).isTrue();
        assertThat(Conditions.find(failed, "Ready").orElseThrow().lastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(Conditions.find(failed, "ArtifactInStorage").orElseThrow().lastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(Conditions.find(failed, "ArtifactOutdated").orElseThrow().message())
                .isEqualTo("new upstream revision 'main@sha1:" + "c".repeat(40) + "'");
        assertThat(Conditions.find(failed, "Reconciling").orElseThrow().reason()).isEqualTo("ProgressingWithRetry");
        JsonNode recovered = GitRepositoryStatus.succeeded(failed, repo(""), ARTIFACT, Optional.empty(), T1);
        assertThat(Conditions.of(recovered)).extracting(c -> c.type()).containsExactly("Ready", "ArtifactInStorage");
    }

    @Test
    void observedIgnoreAndSparseCheckoutDecideWhetherTheArtifactStillFits() {
        JsonNode built = GitRepositoryStatus.succeeded(Json.object(), repo("  ignore: '/*'\n"), ARTIFACT, Optional.empty(), T0);
        assertThat(built.path("observedIgnore").asText()).isEqualTo("/*");
        assertThat(GitRepositoryStatus.sameSettings(built, repo("  ignore: '/*'\n"))).isTrue();
        assertThat(GitRepositoryStatus.sameSettings(built, repo(""))).isFalse();
        assertThat(GitRepositoryStatus.sameSettings(built, repo("  ignore: '/*'\n  sparseCheckout: [k8s]\n"))).isFalse();
    }
}
