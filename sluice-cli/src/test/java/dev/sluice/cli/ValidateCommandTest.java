package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final Path SEEDS = Path.of("..", "examples", "seeds");
    private static final Path FACES = Path.of("..", "examples", "faces");

    @Test
    void theSeedsAndTheFacesRepositoryAreValid() {
        CliRunner r = CliRunner.run("validate", SEEDS.resolve("gitops-linkerd-blog").toString(), SEEDS.resolve("linkerd-demos").toString(), FACES.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("0 errors");
    }

    @Test
    void anInvalidCanaryExits1WithFileDocumentPathValueAndExpectation(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("faces-canary.yaml");
        Files.writeString(f, """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: face, namespace: faces}
                spec:
                  provider: linkerd
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: face}
                  service: {port: 80}
                  analysis:
                    interval: 10x
                    threshold: 3
                    maxWeight: 50
                    stepWeight: 5
                """);
        CliRunner r = CliRunner.run("validate", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("error: " + f + "[0] spec.analysis.interval: '10x' is not a duration");
    }

    @Test
    void aMissingPathIsAClearError() {
        CliRunner r = CliRunner.run("validate", "no/such/dir");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no/such/dir: no such file or directory");
    }

    @Test
    void jsonOutputListsEveryDiagnostic(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ks.yaml");
        Files.writeString(f, """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: flux-system}, pathh: ./apps}
                """);
        CliRunner r = CliRunner.run("validate", f.toString(), "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\"severity\" : \"warning\"").contains("did you mean path");
    }
}
