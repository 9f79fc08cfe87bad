package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceFilterTest {

    @Test
    void defaultsExcludeVcsCiImagesAndFluxFiles() {
        SourceFilter f = SourceFilter.defaults();
        assertThat(f.includes("apps/podinfo/deployment.yaml")).isTrue();
        assertThat(f.includes("README.md")).isTrue();
        assertThat(f.includes(".gitignore")).isFalse();
        assertThat(f.includes("sub/.gitattributes")).isFalse();
        assertThat(f.includes(".github/workflows/ci.yaml")).isFalse();
        assertThat(f.includes(".gitlab-ci.yml")).isFalse();
        assertThat(f.includes("docs/logo.png")).isFalse();
        assertThat(f.includes("dist/chart.tar.gz")).isFalse();
        assertThat(f.includes("clusters/prod/.sops.yaml")).isFalse();
        assertThat(f.includes(".flux.yaml")).isFalse();
        assertThat(f.includes("x/.git/config")).isFalse();
    }

    @Test
    void specIgnoreReplacesTheDefaultsButNotTheVcsRules() {
        SourceFilter f = SourceFilter.of(Map.of(), Optional.of("# exclude all\n/*\n# include deploy dir\n!/deploy\n"
                + "/deploy/**/*.md\n"), List.of());
        assertThat(f.includes("deploy/app.yaml")).isTrue();
        assertThat(f.includes("deploy/logo.png")).isTrue(); // default exclusions replaced
        assertThat(f.includes("deploy/nested/README.md")).isFalse();
        assertThat(f.includes("src/main.go")).isFalse();
        assertThat(f.includes("top.yaml")).isFalse();
        assertThat(f.includes(".gitignore")).isFalse(); // VCS rules always apply, at the lowest priority:
        assertThat(f.includes("deploy/.gitignore")).isTrue(); // as in Flux, "!/deploy" brings it back
    }

    @Test
    void theFacesDemoIgnoreKeepsOnlyTheNamedFiles() {
        SourceFilter f = SourceFilter.of(Map.of(), Optional.of("/*\n!/k8s/01-base/*-profile.yaml\n"
                + "!/k8s/01-base/faces.yaml\n!/k8s/01-base/faces-gui.yaml\n"), List.of());
        assertThat(f.includes("k8s/01-base/faces.yaml")).isTrue();
        assertThat(f.includes("k8s/01-base/smiley-profile.yaml")).isTrue();
        assertThat(f.includes("k8s/01-base/other.yaml")).isFalse();
        assertThat(f.includes("README.md")).isFalse();
    }

    @Test
    void sourceIgnoreRulesAreScopedToTheirDirectoryAndAlsoReplaceDefaults() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("", "/*\n!/apps/\n!/clusters/\n");
        files.put("apps", "secret.yaml\n/local-only/\n");
        SourceFilter f = SourceFilter.of(files, Optional.empty(), List.of());
        assertThat(f.includes("apps/a/deployment.yaml")).isTrue();
        assertThat(f.includes("apps/logo.png")).isTrue();
        assertThat(f.includes("apps/secret.yaml")).isFalse();
        assertThat(f.includes("apps/a/secret.yaml")).isFalse();
        assertThat(f.includes("apps/local-only/x.yaml")).isFalse();
        assertThat(f.includes("apps/a/local-only/x.yaml")).isTrue(); // anchored to apps/
        assertThat(f.includes("clusters/secret.yaml")).isTrue(); // rule of apps/ does not apply here
        assertThat(f.includes("infrastructure/x.yaml")).isFalse();
    }

    @Test
    void sparseCheckoutKeepsOnlyTheListedDirectories() {
        SourceFilter f = SourceFilter.of(Map.of(), Optional.empty(), List.of("k8s", "apps/web"));
        assertThat(f.includes("k8s/a.yaml")).isTrue();
        assertThat(f.includes("apps/web/b.yaml")).isTrue();
        assertThat(f.includes("apps/api/b.yaml")).isFalse();
        assertThat(f.includes("top.yaml")).isFalse();
    }
}
