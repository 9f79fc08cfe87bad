package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-back on real repositories over file://: revert, restore patches, safety and idempotence. */
class GitWriteBackIT {

    @TempDir
    Path tmp;

    /** Faces at 1.0.0 promoted, then {@code change} committed and applied, and the canary failed. */
    /** The target's pod template when it was promoted (what lastPromotedSpec is the hash of). */
    private com.fasterxml.jackson.databind.JsonNode promotedTemplate;

    private KubeObject failedAfter(DriftFixture f, Runnable change, String message) throws Exception {
        f.faces("1.0.0").repo.commit("faces 1.0.0");
        f.sources().sync();
        f.promote();
        promotedTemplate = f.cluster.get(DriftFixture.TARGET).orElseThrow().spec().path("template").deepCopy();
        change.run();
        f.repo.commit(message);
        f.sync();
        return f.failedCanary("");
    }

    @Test
    void revertsASingleCommitThatOnlyTouchedTheWorkloadAndTheRevertBuildsThePromotedSpec() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedAfter(f, () -> f.faces("1.1.0"), "face: image 1.1.0");
            String bad = f.repo.head();
            KubeObject promotedTarget = f.cluster.get(DriftFixture.PRIMARY).orElseThrow();
            String kustomizationBefore = f.remoteFile("apps/faces/kustomization.yaml");

            RevertResult r = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isInstanceOf(RevertResult.Pushed.class);
            RevertResult.Pushed p = (RevertResult.Pushed) r;
            assertThat(p.kind()).isEqualTo(RevertResult.Kind.REVERT);
            assertThat(p.branch()).isEqualTo("main");
            assertThat(p.files()).containsExactly("apps/faces/kustomization.yaml");
            assertThat(f.remoteBranches()).containsEntry("main", p.commit()).hasSize(1);
            String message = f.remoteMessage(p.commit());
            assertThat(message).startsWith("Revert \"face: image 1.1.0\"\n\nThis reverts commit " + bad + ".\n")
                    .contains("Canary test/face failed its analysis of revision main@sha1:" + bad)
                    .contains("5 failed checks (threshold 5); last: Halt face.test advancement success rate 81.25% < 99%")
                    .contains("Sluice-Canary: test/face\n").contains("Sluice-Reverts: " + bad + "\n");
            assertThat(p.diff()).contains("-    newTag: 1.1.0").contains("+    newTag: 1.0.0");
            assertThat(kustomizationBefore).contains("newTag: 1.1.0");
            assertThat(f.remoteFile("apps/faces/kustomization.yaml")).contains("newTag: 1.0.0").doesNotContain("1.1.0");

            // The revert lands: the Kustomization applies it and the target is the promoted spec again,
            // to the byte, so the canary sees its lastPromotedSpec and starts no analysis.
            f.sync();
            KubeObject target = f.cluster.get(DriftFixture.TARGET).orElseThrow();
            assertThat(target.spec().path("template")).isEqualTo(promotedTemplate);
            assertThat(PodTemplates.unprimary(promotedTarget.spec().path("template"), "face"))
                    .isEqualTo(PodTemplates.normalize(target.spec().path("template")));
            assertThat(f.analyzer().analyze(f.canary())).isEqualTo(new Analysis.NoDrift("the target runs the promoted spec"));
        }
    }

    @Test
    void restoresOnlyTheWorkloadPartOfAMixedCommit() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            KubeObject canary = failedAfter(f, () -> {
                f.repo.write("apps/faces/deployment.yaml", DriftFixture.deployment("green"));
                f.repo.write("README.md", "# faces\nGreen faces are the future.\n");
            }, "green faces, and docs");
            String bad = f.repo.head();

            RevertResult r = f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(r).isInstanceOf(RevertResult.Pushed.class);
            RevertResult.Pushed p = (RevertResult.Pushed) r;
            assertThat(p.kind()).isEqualTo(RevertResult.Kind.RESTORE);
            assertThat(p.files()).containsExactly("apps/faces/deployment.yaml");
            assertThat(f.remoteFile("apps/faces/deployment.yaml")).isEqualTo(DriftFixture.deployment("blue"));
            assertThat(f.remoteFile("README.md")).isEqualTo("# faces\nGreen faces are the future.\n");
            assertThat(f.remoteMessage(p.commit())).startsWith("Restore Deployment test/face to its promoted spec\n\n"
                    + "Undoes the part of commit " + bad.substring(0, 7) + " (\"green faces, and docs\") that changed\n"
                    + "the workload, in apps/faces/deployment.yaml. The other changes are kept.\n");
            f.sync();
            assertThat(f.cluster.get(DriftFixture.TARGET).orElseThrow().spec().path("template")).isEqualTo(promotedTemplate);
            assertThat(f.analyzer().analyze(f.canary())).isInstanceOf(Analysis.NoDrift.class);
        }
    }

    @Test
    void restoresTheKustomizeImagesOverrideWhenTheFileChangedSince() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0").repo.commit("faces 1.0.0");
            f.sources().sync();
            f.promote();
            f.faces("1.1.0").repo.commit("face: image 1.1.0");
            // A later, unrelated change to the same kustomization.yaml: a new ConfigMap of another app.
            f.repo.write("apps/faces/other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: b}\n");
            f.repo.write("apps/faces/kustomization.yaml", f.remoteFile("apps/faces/kustomization.yaml")
                    .replace("  - service.yaml\n", "  - service.yaml\n  - other.yaml\n"));
            f.repo.commit("add the other ConfigMap");
            f.sync();
            KubeObject canary = f.failedCanary("");

            RevertResult.Pushed p = (RevertResult.Pushed) f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(p.kind()).isEqualTo(RevertResult.Kind.RESTORE);
            String k = f.remoteFile("apps/faces/kustomization.yaml");
            assertThat(k).contains("    newTag: 1.0.0\n").contains("  - other.yaml\n");
            assertThat(p.diff()).containsOnlyOnce("-    newTag: 1.1.0").containsOnlyOnce("+    newTag: 1.0.0");
            f.sync();
            assertThat(f.cluster.get(DriftFixture.TARGET).orElseThrow().at("/spec/template/spec/containers/0/image").asText())
                    .isEqualTo(DriftFixture.IMAGE + ":1.0.0");
        }
    }

    @Test
    void restoresEnvSetInAStrategicMergePatch() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0");
            f.repo.write("apps/faces/kustomization.yaml", f.repo.dir().resolve("apps/faces/kustomization.yaml").toFile()
                    .exists() ? java.nio.file.Files.readString(f.repo.dir().resolve("apps/faces/kustomization.yaml"))
                    + "patches:\n  - path: color-patch.yaml\n" : "");
            f.repo.write("apps/faces/color-patch.yaml", colorPatch("blue", 5));
            f.repo.commit("faces with a color patch");
            f.sources().sync();
            f.promote();
            f.repo.write("apps/faces/color-patch.yaml", colorPatch("purple", 5));
            f.repo.write("NOTES.md", "purple is coming\n");
            f.repo.commit("purple faces");
            f.sync();
            KubeObject canary = f.failedCanary("");
            assertThat(f.cluster.get(DriftFixture.TARGET).orElseThrow().toJson()).contains("purple");

            RevertResult.Pushed p = (RevertResult.Pushed) f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(p.kind()).isEqualTo(RevertResult.Kind.RESTORE);
            assertThat(p.files()).containsExactly("apps/faces/color-patch.yaml");
            assertThat(f.remoteFile("apps/faces/color-patch.yaml")).isEqualTo(colorPatch("blue", 5));
            assertThat(f.remoteFile("NOTES.md")).isEqualTo("purple is coming\n");
        }
    }

    static String colorPatch(String color, int delay) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: face
                spec:
                  template:
                    spec:
                      containers:
                        - name: face
                          env:
                            - name: COLOR
                              value: %s
                            - name: ERROR_FRACTION
                              value: "%d"
                """.formatted(color, delay);
    }

    @Test
    void restoresAConfigMapGeneratorLiteralWithHashedNames() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0");
            String k = java.nio.file.Files.readString(f.repo.dir().resolve("apps/faces/kustomization.yaml"));
            f.repo.write("apps/faces/kustomization.yaml", k + """
                    configMapGenerator:
                      - name: face-config
                        literals:
                          - COLOR=blue
                          - SMILEY=grinning
                    """);
            f.repo.write("apps/faces/deployment.yaml", DriftFixture.deployment("blue").replace(
                    "          env:\n", "          envFrom:\n            - configMapRef:\n                name: face-config\n          env:\n"));
            f.repo.commit("face config from a generator");
            f.sources().sync();
            f.promote();
            f.repo.write("apps/faces/kustomization.yaml", k + """
                    configMapGenerator:
                      - name: face-config
                        literals:
                          - COLOR=blue
                          - SMILEY=screaming
                    """);
            f.repo.write("README.md", "# faces\nscreaming smileys\n");
            f.repo.commit("screaming smileys");
            f.sync();
            KubeObject canary = f.failedCanary("");

            Analysis a = f.analyzer().analyze(canary);
            assertThat(((Analysis.Drifted) a).report().differences()).anySatisfy(d -> {
                assertThat(d.field()).startsWith("configmap/face-config-").endsWith(".data.SMILEY");
                assertThat(d.git()).isEqualTo("screaming");
                assertThat(d.cluster()).isEqualTo("grinning");
            });

            RevertResult.Pushed p = (RevertResult.Pushed) f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(p.kind()).isEqualTo(RevertResult.Kind.RESTORE);
            assertThat(p.files()).containsExactly("apps/faces/kustomization.yaml");
            assertThat(f.remoteFile("apps/faces/kustomization.yaml")).contains("- SMILEY=grinning");
            assertThat(f.remoteFile("README.md")).contains("screaming smileys");
        }
    }

    @Test
    void restoresAValueSetByAJson6902PatchInsideKustomizationYaml() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0");
            String k = java.nio.file.Files.readString(f.repo.dir().resolve("apps/faces/kustomization.yaml"));
            f.repo.write("apps/faces/kustomization.yaml", k + json6902("blue"));
            f.repo.commit("color by JSON patch");
            f.sources().sync();
            f.promote();
            promotedTemplate = f.cluster.get(DriftFixture.TARGET).orElseThrow().spec().path("template").deepCopy();
            f.repo.write("apps/faces/kustomization.yaml", k.replace("  - service.yaml\n", "  - service.yaml\n  - extra.yaml\n")
                    + json6902("orange"));
            f.repo.write("apps/faces/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n");
            f.repo.commit("orange faces, and an extra ConfigMap");
            f.sync();
            KubeObject canary = f.failedCanary("");

            RevertResult.Pushed p = (RevertResult.Pushed) f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(p.kind()).isEqualTo(RevertResult.Kind.RESTORE);
            assertThat(p.files()).containsExactly("apps/faces/kustomization.yaml");
            String restored = f.remoteFile("apps/faces/kustomization.yaml");
            assertThat(restored).contains("        value: blue\n").contains("  - extra.yaml\n").doesNotContain("orange");
            f.sync();
            assertThat(f.cluster.get(DriftFixture.TARGET).orElseThrow().spec().path("template")).isEqualTo(promotedTemplate);
        }
    }

    static String json6902(String color) {
        return """
                patches:
                  - target: {kind: Deployment, name: face}
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/0/env/0/value
                        value: %s
                """.formatted(color);
    }

    @Test
    void restoresAnEnvFileOfAConfigMapGenerator() throws Exception {
        try (DriftFixture f = new DriftFixture(tmp)) {
            f.faces("1.0.0");
            String k = java.nio.file.Files.readString(f.repo.dir().resolve("apps/faces/kustomization.yaml"));
            f.repo.write("apps/faces/kustomization.yaml", k + "configMapGenerator:\n  - name: face-env\n    envs: [face.env]\n");
            f.repo.write("apps/faces/face.env", "COLOR=blue\nERROR_FRACTION=0\n");
            f.repo.write("apps/faces/deployment.yaml", DriftFixture.deployment("blue").replace(
                    "          env:\n", "          envFrom:\n            - configMapRef:\n                name: face-env\n          env:\n"));
            f.repo.commit("env file");
            f.sources().sync();
            f.promote();
            promotedTemplate = f.cluster.get(DriftFixture.TARGET).orElseThrow().spec().path("template").deepCopy();
            f.repo.write("apps/faces/face.env", "COLOR=blue\nERROR_FRACTION=20\n");
            f.repo.write("README.md", "# faces\nnow with errors\n");
            f.repo.commit("20% errors");
            f.sync();
            KubeObject canary = f.failedCanary("");

            RevertResult.Pushed p = (RevertResult.Pushed) f.writeBack().revert(canary, RevertMode.DIRECT, false);

            assertThat(p.files()).containsExactly("apps/faces/face.env");
            assertThat(f.remoteFile("apps/faces/face.env")).isEqualTo("COLOR=blue\nERROR_FRACTION=0\n");
            f.sync();
            assertThat(f.cluster.get(DriftFixture.TARGET).orElseThrow().spec().path("template")).isEqualTo(promotedTemplate);
        }
    }
}
