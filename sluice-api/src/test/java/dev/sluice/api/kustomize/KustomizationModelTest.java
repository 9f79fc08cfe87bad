package dev.sluice.api.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.api.meta.KustomizeRecords.Patch;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KustomizationModelTest {

    private final KustomizationModel model = new KustomizationModel();

    private static KubeObject ks(String apiVersion, String spec) {
        return KubeObject.parse("""
                apiVersion: %s
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec:
                %s""".formatted(apiVersion, spec.indent(2)));
    }

    private static final String BASE = """
            interval: 10m
            prune: true
            sourceRef: {kind: GitRepository, name: flux-system}
            """;

    @Test
    void v1IsReturnedUnchanged() {
        KubeObject v1 = ks("kustomize.toolkit.fluxcd.io/v1", BASE + "wait: true\nfoo: kept\n");
        assertThat(model.toLatest(v1)).isSameAs(v1);
    }

    @Test
    void v1beta1DropsValidationAndKeepsEverythingElse() {
        KubeObject old = ks("kustomize.toolkit.fluxcd.io/v1beta1", BASE + """
                validation: client
                healthChecks: [{apiVersion: apps/v1, kind: Deployment, name: x, namespace: y}]
                unknownField: {kept: true}
                """);
        KubeObject latest = model.toLatest(old);
        assertThat(latest.apiVersion()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
        assertThat(latest.spec().has("validation")).isFalse();
        assertThat(latest.at("/spec/healthChecks/0/name").asText()).isEqualTo("x");
        assertThat(latest.at("/spec/unknownField/kept").asBoolean()).isTrue();
        assertThat(latest.metadata()).isEqualTo(old.metadata());
    }

    @Test
    void v1beta2LegacyPatchesFoldIntoPatchesInKustomizesOrder() {
        KubeObject old = ks("kustomize.toolkit.fluxcd.io/v1beta2", BASE + """
                patches:
                  - patch: |
                      - op: add
                        path: /metadata/labels/x
                        value: "1"
                    target: {kind: Service}
                patchesStrategicMerge:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: podinfo}
                    spec: {replicas: 2}
                patchesJson6902:
                  - target: {group: apps, version: v1, kind: Deployment, name: podinfo}
                    patch:
                      - {op: replace, path: /spec/template/spec/containers/0/env/1, value: {name: ERROR_FRACTION, value: "0"}}
                """);
        Kustomization k = model.parse(model.toLatest(old)).value();
        List<Patch> patches = k.spec().patches();
        assertThat(patches).hasSize(3);
        assertThat(patches.get(0).target()).isEmpty();
        assertThat(Yaml.readOne(patches.get(0).patch(), "p").content().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(patches.get(1).target().orElseThrow().kind()).isEqualTo("Service");
        assertThat(patches.get(2).target().orElseThrow().name()).isEqualTo("podinfo");
        var ops = Yaml.readOne(patches.get(2).patch(), "p").content();
        assertThat(ops.get(0).path("op").asText()).isEqualTo("replace");
        // "0" must stay a string when written back as YAML
        assertThat(ops.get(0).at("/value/value").isTextual()).isTrue();
        assertThat(ops.get(0).at("/value/value").asText()).isEqualTo("0");
    }

    @Test
    void unsupportedVersionNamesTheVersionsRead() {
        assertThatThrownBy(() -> model.toLatest(ks("kustomize.toolkit.fluxcd.io/v2", BASE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("apiVersion: 'kustomize.toolkit.fluxcd.io/v2' is not a supported version of Kustomization; expected "
                        + "kustomize.toolkit.fluxcd.io/v1, kustomize.toolkit.fluxcd.io/v1beta2 or kustomize.toolkit.fluxcd.io/v1beta1");
    }

    static Stream<Arguments> timeouts() {
        return Stream.of(
                Arguments.of("interval: 10m", Duration.ofMinutes(9).plusSeconds(30), Duration.ofMinutes(10)),
                Arguments.of("interval: 1m", Duration.ofSeconds(30), Duration.ofMinutes(1)),
                Arguments.of("interval: 30s", Duration.ofSeconds(30), Duration.ofSeconds(30)),
                Arguments.of("interval: 1h\ntimeout: 5m\nretryInterval: 1m", Duration.ofMinutes(5), Duration.ofMinutes(1)),
                Arguments.of("interval: 1h\ntimeout: 10s", Duration.ofSeconds(30), Duration.ofHours(1)));
    }

    @ParameterizedTest
    @MethodSource("timeouts")
    void defaultsFollowFlux(String durations, Duration timeout, Duration retry) {
        KubeObject o = ks("kustomize.toolkit.fluxcd.io/v1", durations + "\nprune: true\nsourceRef: {kind: GitRepository, name: s}\n");
        KustomizationSpec spec = model.parse(o).value().spec();
        assertThat(spec.effectiveTimeout()).isEqualTo(timeout);
        assertThat(spec.effectiveRetryInterval()).isEqualTo(retry);
        assertThat(spec.effectiveDeletionPolicy()).isEqualTo("MirrorPrune");
        assertThat(spec.effectivePath()).isEqualTo("./");
    }

    @Test
    void readsTheWholeSpec() {
        Kustomization k = model.parse(ks("kustomize.toolkit.fluxcd.io/v1", BASE + """
                path: ./apps
                wait: true
                targetNamespace: faces
                dependsOn: [{name: flagger}, {name: nginx, namespace: ingress}]
                images: [{name: podinfo, newTag: 6.1.1}]
                postBuild:
                  substitute: {CLUSTER: prod}
                  substituteFrom: [{kind: ConfigMap, name: vars, optional: true}]
                decryption: {provider: sops, secretRef: {name: sops-age}}
                """)).value();
        KustomizationSpec s = k.spec();
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.waitForResources()).isTrue();
        assertThat(s.checksHealth()).isTrue();
        assertThat(s.dependsOn()).extracting(d -> d.namespaceOr(k.namespace())).containsExactly("flux-system", "ingress");
        assertThat(s.images().get(0).newTag()).isEqualTo("6.1.1");
        assertThat(s.postBuild().orElseThrow().substitute()).containsEntry("CLUSTER", "prod");
        assertThat(s.postBuild().orElseThrow().substituteFrom().get(0).optional()).isTrue();
        assertThat(s.decryption().orElseThrow().secretName()).isEqualTo("sops-age");
        assertThat(k.sourceNamespace()).isEqualTo("flux-system");
        assertThat(k.status()).isEqualTo(KustomizationStatus.EMPTY);
    }

    static Stream<Arguments> semanticErrors() {
        return Stream.of(
                Arguments.of("dependsOn: [{name: apps}]",
                        "spec.dependsOn[0].name: 'apps' is this Kustomization itself; it cannot depend on itself (it would never become ready)"),
                Arguments.of("dependsOn: [{name: apps, namespace: flux-system}]",
                        "spec.dependsOn[0].name: 'apps' is this Kustomization itself; it cannot depend on itself (it would never become ready)"),
                Arguments.of("patches: [{patch: 'a: [b'}]", "spec.patches[0].patch: is not valid YAML: "),
                Arguments.of("patches: [{patch: '- {op: add, path: /x, value: 1}'}]",
                        "spec.patches[0].target: required field is missing; a JSON6902 patch (a list of operations) needs a target"),
                Arguments.of("patches: [{patch: '- {op: ad, path: /x}', target: {kind: Service}}]",
                        "spec.patches[0].patch[0].op: 'ad' is not one of test, remove, add, replace, move or copy; did you mean add?"),
                Arguments.of("patches: [{patch: '- {op: add, path: /x}', target: {kind: Service}}]",
                        "spec.patches[0].patch[0].value: required field is missing; 'add' needs a value"),
                Arguments.of("patches: [{patch: 'spec: {replicas: 1}'}]",
                        "spec.patches[0].patch: a patch without a target must name the object it changes (kind and metadata.name); add them or set target"),
                Arguments.of("postBuild: {substitute: {1BAD: x}}",
                        "spec.postBuild.substitute[1BAD]: '1BAD' is not a valid variable name; expected letters, digits and '_', not starting with a digit"),
                Arguments.of("targetNamespace: Faces",
                        "spec.targetNamespace: 'Faces' is not a valid namespace; expected lowercase letters, digits and '-', starting and ending with a letter or digit"));
    }

    @ParameterizedTest
    @MethodSource("semanticErrors")
    void semanticErrorsNameThePath(String extra, String expected) {
        assertThatThrownBy(() -> model.parse(ks("kustomize.toolkit.fluxcd.io/v1", BASE + extra + "\n")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.diagnostics())
                        .extracting(Diagnostic::toString).singleElement().asString().startsWith(expected));
    }

    @Test
    void warningsComeBackWithTheValue() {
        var parsed = model.parse(ks("kustomize.toolkit.fluxcd.io/v1", BASE + """
                wait: true
                healthChecks: [{kind: Deployment, name: x}]
                dependsOn: [{name: a}, {name: a}]
                intervall: 5m
                """));
        assertThat(parsed.warnings()).extracting(Diagnostic::toString).containsExactlyInAnyOrder(
                "spec.intervall: not a known field; did you mean interval?",
                "spec.dependsOn[1]: 'a' is listed twice",
                "spec.healthChecks: ignored because wait is true (wait checks every applied object)");
    }

    @Test
    void parseRefusesAnOlderVersion() {
        assertThatThrownBy(() -> model.parse(ks("kustomize.toolkit.fluxcd.io/v1beta2", BASE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not in the newest version; expected kustomize.toolkit.fluxcd.io/v1");
    }

    @Test
    void statusRoundTripsThroughToNode() {
        KubeObject o = ks("kustomize.toolkit.fluxcd.io/v1", BASE).withStatus(Yaml.readOne("""
                observedGeneration: 3
                conditions:
                  - {type: Ready, status: "True", reason: ReconciliationSucceeded, message: "Applied revision: main@sha1:abc", lastTransitionTime: "2024-01-01T00:00:00Z", observedGeneration: 3}
                lastAppliedRevision: main@sha1:abc
                lastAttemptedRevision: main@sha1:abc
                inventory: {entries: [{id: default_podinfo_apps_Deployment, v: v1}]}
                """, "s").content());
        KustomizationStatus status = model.parse(o).value().status();
        assertThat(status.inventory()).extracting(e -> e.id()).containsExactly("default_podinfo_apps_Deployment");
        assertThat(KustomizationStatus.from(status.toNode())).isEqualTo(status);
    }
}
