package dev.sluice.api.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HelmReleaseModelTest {

    private final HelmReleaseModel model = new HelmReleaseModel();

    private static KubeObject hr(String apiVersion, String name, String spec) {
        return KubeObject.parse("""
                apiVersion: helm.toolkit.fluxcd.io/%s
                kind: HelmRelease
                metadata: {name: %s, namespace: linkerd}
                spec:
                %s""".formatted(apiVersion, name, spec.indent(2)));
    }

    /** The linkerd-control-plane release of the gitops-linkerd demo, in v2beta1. */
    private static final String DEMO = """
            interval: 1h
            releaseName: linkerd-control-plane
            chart:
              spec:
                chart: linkerd-control-plane
                version: "1.x"
                sourceRef: {kind: HelmRepository, name: linkerd}
                valuesFile: values-ha.yaml
                valuesFiles: [values.yaml]
            dependsOn: [{name: linkerd-crds}]
            install: {crds: Create, remediation: {retries: 3}}
            upgrade: {crds: CreateReplace, remediation: {retries: 3, remediateLastFailure: false}}
            valuesFrom:
              - kind: Secret
                name: linkerd-trust-anchor
                valuesKey: tls.crt
                targetPath: identityTrustAnchorsPEM
            values: {identity: {issuer: {scheme: kubernetes.io/tls}}}
            postRenderers:
              - kustomize:
                  patchesStrategicMerge:
                    - {apiVersion: apps/v1, kind: Deployment, metadata: {name: linkerd-destination}, spec: {replicas: 2}}
            """;

    @Test
    void v2beta1ConvertsKeepingChartSpecValuesFromAndRemediation() {
        KubeObject old = hr("v2beta1", "linkerd-control-plane", DEMO);
        KubeObject latest = model.toLatest(old);
        assertThat(latest.apiVersion()).isEqualTo("helm.toolkit.fluxcd.io/v2");
        assertThat(latest.at("/spec/chart/spec/valuesFile").isMissingNode()).isTrue();
        assertThat(latest.at("/spec/chart/spec/valuesFiles").toString()).isEqualTo("[\"values-ha.yaml\",\"values.yaml\"]");
        assertThat(latest.at("/spec/valuesFrom")).isEqualTo(old.at("/spec/valuesFrom"));
        assertThat(latest.at("/spec/install")).isEqualTo(old.at("/spec/install"));
        assertThat(latest.at("/spec/upgrade")).isEqualTo(old.at("/spec/upgrade"));
        assertThat(latest.at("/spec/values")).isEqualTo(old.at("/spec/values"));
        assertThat(latest.at("/spec/postRenderers/0/kustomize/patchesStrategicMerge").isMissingNode()).isTrue();
        String patch = latest.at("/spec/postRenderers/0/kustomize/patches/0/patch").asText();
        assertThat(Yaml.readOne(patch, "p").content().at("/metadata/name").asText()).isEqualTo("linkerd-destination");

        HelmRelease release = model.parse(latest).value();
        HelmReleaseSpec spec = release.spec();
        assertThat(spec.chart().orElseThrow().chart()).isEqualTo("linkerd-control-plane");
        assertThat(spec.chart().orElseThrow().sourceRef().namespaceOr(release.namespace())).isEqualTo("linkerd");
        assertThat(spec.valuesFrom().get(0).valuesKey()).isEqualTo("tls.crt");
        assertThat(spec.valuesFrom().get(0).targetPath()).isEqualTo("identityTrustAnchorsPEM");
        assertThat(spec.install().remediation().retries()).isEqualTo(3);
        assertThat(spec.install().remediation().installRemediatesLastFailure()).isFalse();
        assertThat(spec.upgrade().remediation().upgradeRemediatesLastFailure()).isFalse();
        assertThat(spec.upgrade().remediation().upgradeStrategy()).isEqualTo("rollback");
        assertThat(spec.upgrade().effectiveCrds()).isEqualTo("CreateReplace");
        assertThat(spec.values().at("/identity/issuer/scheme").asText()).isEqualTo("kubernetes.io/tls");
    }

    @Test
    void v2beta2DropsTheReplacedStatusField() {
        KubeObject old = hr("v2beta2", "x", "interval: 5m\nchartRef: {kind: OCIRepository, name: podinfo}\n")
                .withStatus(Yaml.readOne("lastAppliedRevision: 6.0.3\nhelmChart: linkerd/x\n", "s").content());
        KubeObject latest = model.toLatest(old);
        assertThat(latest.status().has("lastAppliedRevision")).isFalse();
        assertThat(latest.status().path("helmChart").asText()).isEqualTo("linkerd/x");
    }

    @Test
    void defaultsFollowHelmController() {
        HelmRelease r = model.parse(hr("v2", "podinfo", "interval: 5m\nchartRef: {kind: OCIRepository, name: podinfo}\n")).value();
        assertThat(r.spec().effectiveTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.spec().effectiveMaxHistory()).isEqualTo(5);
        assertThat(r.spec().usesPersistentClient()).isTrue();
        assertThat(r.spec().install().effectiveCrds()).isEqualTo("Create");
        assertThat(r.spec().upgrade().effectiveCrds()).isEqualTo("Skip");
        assertThat(r.spec().upgrade().remediation().upgradeRemediatesLastFailure()).isFalse();
        assertThat(r.spec().uninstall().deletionPropagation()).isEqualTo("background");
        assertThat(r.spec().driftDetection().mode()).isEqualTo("disabled");
        assertThat(r.releaseName()).isEqualTo("podinfo");
        assertThat(r.releaseNamespace()).isEqualTo("linkerd");
        assertThat(r.storageNamespace()).isEqualTo("linkerd");
        assertThat(r.helmChartName()).isEqualTo("linkerd-podinfo");
    }

    static Stream<Arguments> releaseNames() {
        return Stream.of(
                Arguments.of("podinfo", "", "", "podinfo"),
                Arguments.of("podinfo", "apps", "", "apps-podinfo"),
                Arguments.of("podinfo", "apps", "custom", "custom"),
                // over 53 characters: first 40, '-' and 12 hex of sha256
                Arguments.of("and-a-very-long-helmrelease-name", "a-very-long-target-namespace-name", "",
                        "a-very-long-target-namespace-name-and-a--f87f69a8964c"));
    }

    @ParameterizedTest
    @MethodSource("releaseNames")
    void releaseNameIsComposedAndShortenedAsHelmControllerDoes(String name, String target, String release, String expected) {
        String spec = "interval: 5m\nchartRef: {kind: OCIRepository, name: p}\n"
                + (target.isEmpty() ? "" : "targetNamespace: " + target + "\n")
                + (release.isEmpty() ? "" : "releaseName: " + release + "\n");
        HelmRelease r = model.parse(hr("v2", name, spec)).value();
        assertThat(r.releaseName()).isEqualTo(expected).hasSizeLessThanOrEqualTo(53);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("interval: 5m\n", "spec: one of chart or chartRef is required"),
                Arguments.of("interval: 5m\nchartRef: {kind: HelmChart, name: a}\nchart: {spec: {chart: a, sourceRef: {kind: HelmRepository, name: r}}}\n",
                        "spec: set only one of chart or chartRef; found chart and chartRef"),
                Arguments.of("interval: 5m\nchartRef: {kind: HelmChart, name: a}\ninstall: {strategy: {name: RemediateOnFailure, retryInterval: 1m}}\n",
                        "spec.install.strategy.retryInterval: can only be set when name is 'RetryOnFailure', not 'RemediateOnFailure'"),
                Arguments.of("interval: 5m\nchartRef: {kind: HelmChart, name: a}\ndependsOn: [{name: x}]\n",
                        "spec.dependsOn[0].name: 'x' is this HelmRelease itself; it cannot depend on itself (it would never become ready)"),
                Arguments.of("interval: 5m\nchartRef: {kind: HelmChart, name: a}\nvaluesFrom: [{kind: Secret, name: s, targetPath: 'a b'}]\n",
                        "spec.valuesFrom[0].targetPath: 'a b' is not valid; expected a values path such as a.b[0].c"),
                Arguments.of("interval: 5m\nchartRef: {kind: HelmChart, name: a}\nreleaseName: " + "r".repeat(54) + "\n",
                        "spec.releaseName: '" + "r".repeat(54) + "' is too long (54 characters); expected at most 53"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsNameThePath(String spec, String expected) {
        assertThatThrownBy(() -> model.parse(hr("v2", "x", spec)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(expected));
    }
}
