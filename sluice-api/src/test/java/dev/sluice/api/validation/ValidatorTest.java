package dev.sluice.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {

    private final Validator validator = Validator.builtIn();

    private List<String> check(String yaml) {
        return validator.validateText(yaml, "faces-canary.yaml").diagnostics().stream().map(Diagnostic::toString).toList();
    }

    private static final String CANARY = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata: {name: face, namespace: faces}
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: face}
              service: {port: 80, targetPort: http}
              analysis:
                interval: %s
                threshold: 3
                maxWeight: 50
                stepWeight: 5
            """;

    @Test
    void theBriefsTwoExamples() {
        assertThat(check(CANARY.formatted("10x"))).containsExactly(
                "faces-canary.yaml[0] spec.analysis.interval: '10x' is not a duration; expected e.g. 30s, 5m or 1h30m");
        assertThat(check(CANARY.formatted("10s").replace("stepWeight", "stepWieght"))).containsExactly(
                "faces-canary.yaml[0] spec.analysis.stepWieght: not a known field; did you mean stepWeight?",
                "faces-canary.yaml[0] spec.analysis: one of iterations, stepWeight or stepWeights is required");
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: face}
                        spec: {anything: goes}
                        """, List.of()),
                Arguments.of("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {namespace: faces}
                        """, List.of("x.yaml[0] metadata.name: required non-empty string, got nothing")),
                Arguments.of("""
                        apiVersion: extensions/v1beta1
                        kind: Deployment
                        metadata: {name: old}
                        """, List.of("x.yaml[0] apiVersion: 'extensions/v1beta1' has no Deployment Sluice knows; expected apps/v1")),
                Arguments.of("""
                        apiVersion: apps/v1beta2
                        kind: Deployment
                        metadata: {name: old}
                        """, List.of("x.yaml[0] apiVersion: 'apps/v1beta2' is not a version of Deployment.apps Sluice knows; expected apps/v1")),
                Arguments.of("""
                        apiVersion: cert-manager.io/v1
                        kind: Issuer
                        metadata: {name: linkerd-trust-anchor}
                        """, List.of("x.yaml[0] kind: 'Issuer' is not a kind Sluice knows in cert-manager.io; only apiVersion, kind and metadata.name were checked")),
                Arguments.of("""
                        apiVersion: kustomize.toolkit.fluxcd.io/v1
                        kind: Kustomisation
                        metadata: {name: apps}
                        """, List.of("x.yaml[0] kind: 'Kustomisation' is not a kind Sluice knows in kustomize.toolkit.fluxcd.io; did you mean Kustomization?")),
                Arguments.of("""
                        apiVersion: source.toolkit.fluxcd.io/v1
                        kind: Bucket
                        metadata: {name: b}
                        """, List.of("x.yaml[0] kind: 'Bucket' is not a kind Sluice knows in source.toolkit.fluxcd.io; Sluice reads GitRepository, HelmRepository and HelmChart of this group")),
                Arguments.of("""
                        apiVersion: kustomize.toolkit.fluxcd.io/v1
                        kind: Kustomization
                        metadata: {name: Apps}
                        spec: {interval: 5m, prune: true, sourceRef: {kind: GitRepository, name: s}}
                        """, List.of("x.yaml[0] metadata.name: 'Apps' is not valid; expected a lowercase name of letters, digits, '-' and '.', starting and ending with a letter or digit")),
                Arguments.of("""
                        apiVersion: kustomize.toolkit.fluxcd.io/v1
                        kind: Kustomization
                        metadata: {name: apps}
                        """, List.of("x.yaml[0] spec: required field is missing; expected a mapping with interval, prune and sourceRef")),
                Arguments.of("""
                        apiVersion: kustomize.toolkit.fluxcd.io/v1beta2
                        kind: Kustomization
                        metadata: {name: apps}
                        spec: {interval: 5m, prune: true, sourceRef: {kind: GitRepository, name: s}, dependsOn: [{name: apps}]}
                        """, List.of(
                        "x.yaml[0] apiVersion: v1beta2 Kustomization is deprecated, upgrade to v1 (Sluice converts it to kustomize.toolkit.fluxcd.io/v1)",
                        "x.yaml[0] spec.dependsOn[0].name: 'apps' is this Kustomization itself; it cannot depend on itself (it would never become ready)")),
                Arguments.of("""
                        apiVersion: kustomize.toolkit.fluxcd.io/v3
                        kind: Kustomization
                        metadata: {name: apps}
                        """, List.of("x.yaml[0] apiVersion: 'kustomize.toolkit.fluxcd.io/v3' is not a supported version of Kustomization; expected "
                        + "kustomize.toolkit.fluxcd.io/v1, kustomize.toolkit.fluxcd.io/v1beta2 or kustomize.toolkit.fluxcd.io/v1beta1")),
                Arguments.of("""
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        resources: [a.yaml]
                        patchesStrategicMerge: [p.yaml]
                        namePrefx: x-
                        """, List.of(
                        "x.yaml[0] patchesStrategicMerge: deprecated: use patches",
                        "x.yaml[0] namePrefx: not a known field; did you mean namePrefix?")),
                Arguments.of("""
                        apiVersion: kustomize.config.k8s.io/v1alpha1
                        kind: Kustomization
                        """, List.of("x.yaml[0] apiVersion: 'kustomize.config.k8s.io/v1alpha1' is not a supported version of Kustomization; expected kustomize.config.k8s.io/v1beta1")),
                Arguments.of("- just\n- a list\n",
                        List.of("x.yaml[0] expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got array")));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void validatesEachDocument(String yaml, List<String> expected) {
        assertThat(validator.validateText(yaml, "x.yaml").diagnostics()).extracting(Diagnostic::toString)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void unknownFieldsOfAKustomizationFileAreErrorsAsInKustomize() {
        var report = validator.validateText("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefx: x\n", "k.yaml");
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void syntaxErrorsAreReportedWithFileDocumentAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "a: 1\n---\nb: [unclosed\n");
        var report = validator.validate(List.of(dir));
        assertThat(report.errors()).singleElement().satisfies(d -> {
            assertThat(d.toString()).startsWith(dir.resolve("bad.yaml") + "[1] invalid YAML");
            assertThat(d.line()).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void walksDirectoriesSkippingHiddenOnesAndLearnsKindsFromCrds(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("apps/faces"));
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/ci.yaml"), "on: push\njobs: {}\n");
        Files.writeString(dir.resolve("README.md"), "not yaml: [");
        Files.writeString(dir.resolve("apps/faces/issuer.yml"), """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata: {name: linkerd}
                """);
        Files.writeString(dir.resolve("apps/crds.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: issuers.cert-manager.io}
                spec: {group: cert-manager.io, names: {kind: Issuer, plural: issuers}, scope: Namespaced, versions: []}
                """);
        Files.writeString(dir.resolve("apps/faces/kustomization.yaml"), "resources: [issuer.yml]\n");
        var report = validator.validate(List.of(dir));
        assertThat(report.diagnostics()).isEmpty();
        assertThat(report.files()).isEqualTo(3);
        assertThat(report.objects()).isEqualTo(3);
        assertThat(report.summary()).isEqualTo("3 objects in 3 files: 0 errors, 0 warnings");
    }

    @Test
    void missingPathsAreErrors(@TempDir Path dir) {
        var report = validator.validate(List.of(dir.resolve("nope.yaml")));
        assertThat(report.errors()).extracting(Diagnostic::toString).containsExactly(dir.resolve("nope.yaml") + " no such file or directory");
    }

    @Test
    void aWarningFoundByBothSchemaAndModelIsReportedOnce() {
        var report = validator.validateText("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps}
                spec: {interval: 5m, prune: true, sourceRef: {kind: GitRepository, name: s}, targetNamespce: faces}
                """, "k.yaml");
        assertThat(report.diagnostics()).extracting(Diagnostic::toString)
                .containsExactly("k.yaml[0] spec.targetNamespce: not a known field; did you mean targetNamespace?");
    }

    @Test
    void warningsAloneDoNotFail() {
        var report = validator.validateText(CANARY.formatted("10s") + "  extra: 1\n", "c.yaml");
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.warnings()).extracting(Diagnostic::toString)
                .containsExactly("c.yaml[0] spec.extra: not a known field");
    }
}
