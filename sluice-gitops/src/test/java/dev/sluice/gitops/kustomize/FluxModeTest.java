package dev.sluice.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options Flux's Kustomization reconciler needs: generation, overlays, the artifact root. */
class FluxModeTest {

    @TempDir Path artifact;

    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  k: v\n";

    private void write(String rel, String content) throws IOException {
        Path p = artifact.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static List<String> names(BuildResult r) {
        return r.objects().stream().map(o -> o.path("metadata").path("name").asText()).toList();
    }

    @Test
    void generatesAKustomizationFromEveryManifestBelowTheDirectory() throws IOException {
        write("apps/a.yaml", CM.formatted("a"));
        write("apps/nested/b.yml", CM.formatted("b"));
        write("apps/notes.txt", "not yaml");
        write("apps/values.yaml", "replicaCount: 1\n");
        write("apps/sub/kustomization.yaml", "namePrefix: sub-\nresources:\n- c.yaml\n");
        write("apps/sub/c.yaml", CM.formatted("c"));
        write("apps/sub/ignored.yaml", CM.formatted("not-listed"));

        BuildResult r = new Kustomizer().build(artifact.resolve("apps"), KustomizeOptions.flux(artifact));

        assertThat(names(r)).containsExactly("a", "b", "sub-c");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("values.yaml"));
    }

    @Test
    void overlaysFluxSpecFieldsWithoutWritingFiles() throws IOException {
        write("app/kustomization.yaml", "resources:\n- cm.yaml\nimages: []\n");
        write("app/cm.yaml", CM.formatted("settings"));
        write("app/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx:1
                """);
        write("app/kustomization.yaml", "resources:\n- cm.yaml\n- deploy.yaml\n");
        ObjectNode overlay = (ObjectNode) new YAMLMapper().readTree("""
                namespace: prod
                namePrefix: p-
                images:
                - name: nginx
                  newTag: "2"
                patches:
                - target: {kind: ConfigMap}
                  patch: |
                    - op: add
                      path: /data/extra
                      value: "1"
                """);

        BuildResult r = new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact).withOverlay(overlay));

        assertThat(names(r)).containsExactly("p-settings", "p-web");
        assertThat(r.objects()).allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).isEqualTo("prod"));
        assertThat(r.objects().get(0).path("data").path("extra").asText()).isEqualTo("1");
        assertThat(r.yaml()).contains("image: nginx:2");
        assertThat(Files.list(artifact.resolve("app")).count()).as("no file written").isEqualTo(3);
    }

    @Test
    void fluxModeReadsAnywhereInsideTheArtifactButNotOutside() throws IOException {
        write("shared/common.yaml", CM.formatted("common"));
        write("app/kustomization.yaml", "resources:\n- ../shared/common.yaml\n");
        assertThat(names(new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact))))
                .containsExactly("common");

        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.defaults().withLoadRoot(artifact)))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("only bases (directories) may lie outside");

        write("app/kustomization.yaml", "resources:\n- ../../escape.yaml\n");
        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact)))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("is not in or below")
                .hasMessageContaining("'../../escape.yaml'");
    }

    @Test
    void symlinksLeavingTheRootAreRefusedEvenInFluxMode() throws IOException {
        Path outside = Files.createTempFile("outside", ".yaml");
        Files.writeString(outside, CM.formatted("outside"));
        write("app/kustomization.yaml", "resources:\n- link.yaml\n");
        Files.createSymbolicLink(artifact.resolve("app/link.yaml"), outside);
        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact)))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("resolves through a symlink")
                .hasMessageContaining("'link.yaml'");
        Files.delete(outside);
    }

    @Test
    void remoteBasesAreRefusedWithTheRuleThatRefusedThem() throws IOException {
        write("app/kustomization.yaml", "resources:\n- github.com/org/repo//deploy?ref=v1\n");
        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact)))
                .hasMessageContaining("remote bases are disabled");
        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact).withRemoteBases(true)))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("not supported yet");
    }

    @Test
    void aMissingFileNamesTheFileAndTheKustomization() throws IOException {
        write("app/kustomization.yaml", "resources:\n- gone.yaml\n");
        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("app"), KustomizeOptions.flux(artifact)))
                .hasMessageContaining("gone.yaml")
                .hasMessageContaining(artifact.resolve("app/kustomization.yaml").toString());
    }
}
