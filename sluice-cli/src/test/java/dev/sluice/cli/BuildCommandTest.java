package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice build ks --dry-run}: flux build's output from a local directory and a Kustomization file. */
class BuildCommandTest {

    @TempDir
    Path dir;
    private Path app;
    private Path ksFile;

    @BeforeEach
    void files() throws Exception {
        app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: podinfo
                spec:
                  replicas: ${REPLICAS:=1}
                  selector:
                    matchLabels: {app: podinfo}
                  template:
                    metadata:
                      labels: {app: podinfo}
                    spec:
                      containers:
                      - name: podinfo
                        image: ghcr.io/stefanprodan/podinfo:6.5.0
                """);
        Files.writeString(app.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  greeting: hello\n");
        ksFile = dir.resolve("ks.yaml");
        Files.writeString(ksFile, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: other, namespace: flux-system}
                spec: {interval: 1m, path: ./, prune: true, sourceRef: {kind: GitRepository, name: x}}
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: podinfo}
                spec:
                  interval: 10m
                  path: ./app
                  prune: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                  targetNamespace: apps
                  namePrefix: dev-
                  images:
                  - {name: ghcr.io/stefanprodan/podinfo, newTag: 6.6.0}
                  commonMetadata:
                    labels: {team: web}
                  postBuild:
                    substitute: {REPLICAS: "3"}
                    substituteFrom:
                    - {kind: ConfigMap, name: cluster-vars}
                """);
    }

    @Test
    void dryRunBuildsWithTheFilesSpecAsFluxPrintsIt() {
        CliRunner r = CliRunner.run("build", "ks", "podinfo", "--path", app.toString(), "--kustomization-file", ksFile.toString(),
                "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                apiVersion: v1
                data:
                  greeting: hello
                kind: ConfigMap
                metadata:
                  labels:
                    kustomize.toolkit.fluxcd.io/name: podinfo
                    kustomize.toolkit.fluxcd.io/namespace: flux-system
                    team: web
                  name: dev-settings
                  namespace: apps
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  labels:
                    kustomize.toolkit.fluxcd.io/name: podinfo
                    kustomize.toolkit.fluxcd.io/namespace: flux-system
                    team: web
                  name: dev-podinfo
                  namespace: apps
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      app: podinfo
                  template:
                    metadata:
                      labels:
                        app: podinfo
                    spec:
                      containers:
                      - image: ghcr.io/stefanprodan/podinfo:6.6.0
                        name: podinfo
                ---
                """);
    }

    @Test
    void errorsAreFlux() {
        assertThat(CliRunner.run("build", "ks", "podinfo", "--path", app.toString(), "--dry-run").err())
                .contains("dry-run mode requires a kustomization file");
        assertThat(CliRunner.run("build", "ks", "podinfo", "--path", dir.resolve("nope").toString(), "--dry-run",
                "--kustomization-file", ksFile.toString()).err()).contains("invalid resource path \"" + dir.resolve("nope") + "\"");
        assertThat(CliRunner.run("build", "ks", "missing", "--path", app.toString(), "--dry-run",
                "--kustomization-file", ksFile.toString()).err())
                .contains("failed find kustomization with name 'missing' and namespace 'flux-system' in file '" + ksFile + "'");
        assertThat(CliRunner.run("build", "ks", "podinfo", "--path", app.toString(), "--dry-run",
                "--kustomization-file", dir.resolve("none.yaml").toString()).err()).contains("invalid kustomization file");
    }

    @Test
    void aFileThatIsNotKubernetesYamlIsSkippedWithAWarningNamingIt() throws Exception {
        Files.writeString(app.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n");
        CliRunner r = CliRunner.run("build", "ks", "podinfo", "--path", app.toString(), "--dry-run", "--kustomization-file", ksFile.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("skipping bad.yaml");
        assertThat(r.out()).contains("name: dev-settings").doesNotContain("oops");
    }
}
