package dev.sluice.api.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

class HelmSourceModelsTest {

    private final HelmRepositoryModel repos = new HelmRepositoryModel();
    private final HelmChartModel charts = new HelmChartModel();

    private static KubeObject obj(String kind, String version, String spec) {
        return KubeObject.parse("""
                apiVersion: source.toolkit.fluxcd.io/%s
                kind: %s
                metadata: {name: linkerd, namespace: linkerd}
                spec:
                %s""".formatted(version, kind, spec.indent(2)));
    }

    @ParameterizedTest
    @MethodSource("repoVersions")
    void helmRepositoryConvertsByChangingOnlyTheApiVersion(String version) {
        KubeObject old = obj("HelmRepository", version, "interval: 1h\nurl: https://helm.linkerd.io/stable\ntimeout: 60s\n");
        KubeObject latest = repos.toLatest(old);
        assertThat(latest.apiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1");
        ObjectNode a = latest.toNode();
        ObjectNode b = old.toNode();
        a.remove("apiVersion");
        b.remove("apiVersion");
        assertThat(a).isEqualTo(b);
        HelmRepository r = repos.parse(latest).value();
        assertThat(r.spec().effectiveInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(r.spec().isOci()).isFalse();
        assertThat(r.spec().provider()).isEqualTo("generic");
    }

    static Stream<String> repoVersions() {
        return Stream.of("v1", "v1beta2", "v1beta1");
    }

    @Test
    void helmRepositoryDefaults() {
        HelmRepository r = repos.parse(obj("HelmRepository", "v1", "url: oci://ghcr.io/fluxcd/charts\ntype: oci\n")).value();
        assertThat(r.spec().isOci()).isTrue();
        assertThat(r.spec().effectiveInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.spec().effectiveTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    static Stream<Arguments> repoErrors() {
        return Stream.of(
                Arguments.of("url: https://x\ntype: oci\n", "spec.url: 'https://x' is not an OCI URL; expected oci://host/path because type is oci"),
                Arguments.of("url: oci://x\n", "spec.url: 'oci://x' is an OCI URL; set type: oci (or use an OCIRepository)"),
                Arguments.of("url: git@github.com:x\n", "spec.url: 'git@github.com:x' is not valid; expected a URL starting with http://, https:// or oci://"));
    }

    @ParameterizedTest
    @MethodSource("repoErrors")
    void helmRepositoryErrors(String spec, String expected) {
        assertThatThrownBy(() -> repos.parse(obj("HelmRepository", "v1", spec)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(expected));
    }

    static Stream<Arguments> valuesFiles() {
        return Stream.of(
                Arguments.of("valuesFile: a.yaml\n", "[\"a.yaml\"]"),
                Arguments.of("valuesFile: a.yaml\nvaluesFiles: [b.yaml, a.yaml]\n", "[\"a.yaml\",\"b.yaml\"]"),
                Arguments.of("valuesFiles: [b.yaml]\n", "[\"b.yaml\"]"),
                Arguments.of("valuesFile: ''\n", ""));
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void helmChartMovesValuesFileFirstIntoValuesFiles(String extra, String expected) {
        for (String version : new String[] {"v1beta2", "v1beta1"}) {
            KubeObject latest = charts.toLatest(obj("HelmChart", version,
                    "chart: podinfo\ninterval: 5m\nsourceRef: {kind: HelmRepository, name: podinfo}\naccessFrom: {namespaceSelectors: []}\n" + extra));
            assertThat(latest.spec().has("valuesFile")).isFalse();
            assertThat(latest.spec().has("accessFrom")).isFalse();
            assertThat(latest.spec().path("valuesFiles").isMissingNode() ? "" : latest.spec().path("valuesFiles").toString())
                    .isEqualTo(expected);
        }
    }

    @Test
    void helmChartDefaultsAndStatus() {
        KubeObject o = obj("HelmChart", "v1", "chart: podinfo\ninterval: 5m\nsourceRef: {kind: HelmRepository, name: podinfo}\n")
                .withStatus(Yaml.readOne("""
                        observedChartName: podinfo
                        artifact: {path: helmchart/linkerd/linkerd/podinfo-6.0.3.tgz, url: http://x/y, revision: 6.0.3,
                                   digest: "sha256:abc", lastUpdateTime: "2024-01-01T00:00:00Z", size: 10}
                        """, "s").content());
        HelmChart c = charts.parse(o).value();
        assertThat(c.spec().version()).isEqualTo("*");
        assertThat(c.spec().reconcileStrategy()).isEqualTo("ChartVersion");
        assertThat(c.status().source().artifact().orElseThrow().revision()).isEqualTo("6.0.3");
        assertThat(c.status().observedChartName()).isEqualTo("podinfo");
    }

    @Test
    void helmChartVerifyNeedsAHelmRepository() {
        assertThatThrownBy(() -> charts.parse(obj("HelmChart", "v1",
                "chart: ./chart\ninterval: 5m\nsourceRef: {kind: GitRepository, name: repo}\nverify: {provider: cosign}\n")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.diagnostics()).extracting(Diagnostic::toString)
                        .containsExactly("spec.verify: only charts from a HelmRepository (of type oci) can be verified; sourceRef.kind is 'GitRepository'"));
    }
}
