package dev.sluice.api.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel.Parsed;
import dev.sluice.api.KubeObject;
import dev.sluice.api.source.GitRepositoryRef.Selected;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitRepositoryModelTest {

    private final GitRepositoryModel model = new GitRepositoryModel();

    private Parsed<GitRepository> parse(String yaml) {
        return model.parse(model.toLatest(KubeObject.parse(yaml)));
    }

    private static String repo(String apiVersion, String spec) {
        return "apiVersion: source.toolkit.fluxcd.io/" + apiVersion + "\nkind: GitRepository\n"
                + "metadata: {name: podinfo, namespace: flux-system, generation: 3}\nspec:\n" + spec;
    }

    @Test
    void readsV1WithDefaults() {
        GitRepository r = parse(repo("v1", "  url: https://github.com/stefanprodan/podinfo\n  interval: 1m\n")).value();
        assertThat(r.key().toString()).isEqualTo("GitRepository/flux-system/podinfo");
        assertThat(r.generation()).isEqualTo(3);
        assertThat(r.spec().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.spec().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.spec().ref().effective()).isEqualTo(new Selected.Branch("master"));
        assertThat(r.spec().ignore()).isEmpty();
        assertThat(r.spec().secretRef()).isEmpty();
    }

    @Test
    void refPrecedenceIsCommitNameSemverTagBranch() {
        String all = "branch: main, tag: v1, semver: '>=1', name: refs/pull/1/head, commit: " + "a".repeat(40);
        assertThat(new GitRepositoryRef("main", "v1", ">=1", "refs/pull/1/head", "a".repeat(40)).effective())
                .isEqualTo(new Selected.Commit("a".repeat(40), "main"));
        assertThat(parse(repo("v1", "  url: https://h/r\n  interval: 1m\n  ref: {" + all + "}\n")).value()
                .spec().ref().effective()).isInstanceOf(Selected.Commit.class);
        assertThat(new GitRepositoryRef("main", "v1", ">=1", "refs/pull/1/head", "").effective())
                .isEqualTo(new Selected.Name("refs/pull/1/head"));
        assertThat(new GitRepositoryRef("main", "v1", ">=1", "", "").effective()).isEqualTo(new Selected.Semver(">=1"));
        assertThat(new GitRepositoryRef("main", "v1", "", "", "").effective()).isEqualTo(new Selected.Tag("v1"));
        assertThat(new GitRepositoryRef("main", "", "", "", "").effective()).isEqualTo(new Selected.Branch("main"));
    }

    @Test
    void convertsV1beta2AndV1beta1() {
        KubeObject old = KubeObject.parse(repo("v1beta2",
                "  url: ssh://git@github.com/org/repo\n  interval: 5m\n  gitImplementation: libgit2\n"
                        + "  accessFrom: {namespaceSelectors: []}\n  verify: {mode: head, secretRef: {name: pgp}}\n"
                        + "  ref: {branch: main}\n  ignore: '/*'\n"));
        KubeObject latest = model.toLatest(old);
        assertThat(latest.apiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1");
        assertThat(latest.spec().has("gitImplementation")).isFalse();
        assertThat(latest.spec().has("accessFrom")).isFalse();
        assertThat(latest.at("/spec/verify/mode").asText()).isEqualTo("HEAD");
        assertThat(latest.at("/spec/ignore").asText()).isEqualTo("/*");
        assertThat(model.toLatest(KubeObject.parse(repo("v1beta1", "  url: https://h/r\n  interval: 1m\n"))).apiVersion())
                .isEqualTo(GitRepository.API_VERSION);
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThatThrownBy(() -> model.toLatest(KubeObject.parse(repo("v2", "  url: https://h/r\n"))))
                .hasMessageContaining("apiVersion: 'source.toolkit.fluxcd.io/v2' is not a supported GitRepository version");
    }

    @Test
    void rejectsTheScpFormWithTheSshSpelling() {
        assertThatThrownBy(() -> parse(repo("v1", "  url: git@github.com:org/repo.git\n  interval: 1m\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spec.url: 'git@github.com:org/repo.git' is an scp-like address")
                .hasMessageContaining("ssh://git@github.com/org/repo.git");
    }

    @Test
    void reportsEveryErrorWithItsFieldPath() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(repo("v1",
                "  url: ftp://h/r\n  interval: soon\n  timeout: -1s\n  ref: {semver: 'abc', commit: xyz, name: main}\n"
                        + "  secretRef: {}\n  verify: {mode: HEAD}\n")));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactlyInAnyOrder(
                "spec.url: 'ftp://h/r' has scheme 'ftp'; expected an https://, http://, ssh:// or (embedded mode) file:// URL",
                "spec.interval: 'soon' is not a duration; expected e.g. 30s, 5m or 1h30m",
                "spec.timeout: '-1s' must be a positive duration such as 30s or 5m",
                "spec.ref.semver: 'abc' in 'abc' is not a semver comparator; expected e.g. '>=1.0.0', '~1.2', '^1', '1.x' or '*'",
                "spec.ref.name: 'main' is not a full reference name; expected e.g. refs/heads/main, refs/tags/v1.0.0 or refs/pull/1/head",
                "spec.ref.commit: 'xyz' is not a commit id; expected 40 hex digits",
                "spec.secretRef.name: required: the name of a Secret in the same namespace",
                "spec.verify: commit signature verification is not supported yet; remove spec.verify to fetch unverified");
    }

    @Test
    void missingIntervalAndUrlAreRequired() {
        assertThatThrownBy(() -> parse(repo("v1", "  suspend: true\n")))
                .hasMessageContaining("spec.url: required")
                .hasMessageContaining("spec.interval: required duration");
    }

    @Test
    void warnsAboutWhatIsNotSupportedYet() {
        Parsed<GitRepository> p = parse(repo("v1", "  url: file:///tmp/repo\n  interval: 30s\n  recurseSubmodules: true\n"
                + "  ref: {commit: 8c6b63c}\n  include: [{repository: {name: other}, toPath: x}]\n"
                + "  sparseCheckout: [./apps/, /k8s]\n"));
        assertThat(p.value().spec().url()).isEqualTo("file:///tmp/repo");
        assertThat(p.value().spec().sparseCheckout()).containsExactly("apps", "k8s");
        assertThat(p.warnings()).extracting(d -> d.path().toString())
                .containsExactlyInAnyOrder("spec.recurseSubmodules", "spec.ref.commit");
        assertThat(p.value().spec().include()).containsExactly(new GitRepositoryInclude("other", "", "x"));
    }

    @Test
    void includesDefaultTheirTargetAndStayInsideTheArtifact() {
        GitRepository r = parse(repo("v1", "  url: https://h/r\n  interval: 1m\n"
                + "  include: [{repository: {name: shared}}, {repository: {name: lib}, fromPath: ./deploy/, toPath: /vendor/lib}]\n"))
                .value();
        assertThat(r.spec().include()).containsExactly(new GitRepositoryInclude("shared", "", "shared"),
                new GitRepositoryInclude("lib", "deploy", "vendor/lib"));
        assertThatThrownBy(() -> parse(repo("v1", "  url: https://h/r\n  interval: 1m\n"
                + "  include: [{repository: {name: podinfo}}, {repository: {name: x}, toPath: ../up}]\n")))
                .hasMessageContaining("spec.include[0].repository.name: 'podinfo' is this GitRepository")
                .hasMessageContaining("spec.include[1].toPath: '../up' leaves the artifact");
    }
}
