package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewsTest {

    @ParameterizedTest
    @CsvSource({
            "main@sha1:696f056df216eea4f9401adbee0ff744d4df390f, main@sha1:696f056d",
            "v1.2.3@sha1:696f056df216eea4f9401adbee0ff744d4df390f, v1.2.3@sha1:696f056d",
            "sha256:0123456789abcdef0123456789abcdef, sha256:01234567",
            "main/696f056df216eea4f9401adbee0ff744d4df390f, main/696f056df216eea4f9401adbee0ff744d4df390f",
            "'', ''"})
    void revisionsAreShortenedAsTheFluxCliDoes(String revision, String expected) {
        assertThat(FluxViews.shortRevision(revision)).isEqualTo(expected);
    }

    @Test
    void graphHasDependsOnAndSourceEdgesAndFlagsMissingTargets() {
        KubeObject orphan = KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: orphan, namespace: apps}
                spec: {interval: 1m, sourceRef: {kind: GitRepository, name: repo, namespace: flux-system}, dependsOn: [{name: gone}]}
                """);
        List<KubeObject> ks = new java.util.ArrayList<>(Fixtures.kustomizations());
        ks.add(orphan);
        JsonNode g = FluxViews.graph(ks, List.of(Fixtures.gitRepository()));

        assertThat(g.path("nodes")).hasSize(5);
        assertThat(g.path("edges")).hasSize(7);
        assertThat(g.path("edges").findParents("from").stream()
                .filter(e -> e.path("missing").asBoolean()).map(e -> e.path("to").asText()))
                .containsExactly("Kustomization/apps/gone", "GitRepository/flux-system/repo");
    }

    @Test
    void anOciHelmRepositoryIsReadyWithoutStatusAsTheFluxCliShowsIt() {
        KubeObject oci = KubeObject.parse("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: charts, namespace: flux-system}
                spec: {type: oci, url: "oci://ghcr.io/stefanprodan/charts"}
                """);
        assertThat(FluxViews.ready(oci).path("status").asText()).isEqualTo("True");
        assertThat(FluxViews.ready(oci).path("message").asText()).isEqualTo("Helm repository is Ready");
        assertThat(FluxViews.ready(Fixtures.gitRepository().withStatus(dev.sluice.api.Json.object())).path("status").asText())
                .isEqualTo("Unknown");
    }

    @Test
    void canariesRankFailedThenMovingThenTheRest() {
        JsonNode rows = CanaryViews.rows(List.of(Fixtures.canary("a", "Succeeded", 0, 0),
                Fixtures.canary("b", "Progressing", 10, 0), Fixtures.canary("c", "Failed", 0, 2),
                Fixtures.canary("d", "Initialized", 0, 0), Fixtures.canary("e", "WaitingPromotion", 50, 0)));
        assertThat(rows.findValuesAsText("name")).containsExactly("c", "b", "e", "a", "d");
    }

    @Test
    void theDeprecatedThresholdIsAMinimumForSuccessRateAndAMaximumOtherwise() {
        KubeObject c = KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: old, namespace: x}
                spec:
                  targetRef: {kind: Deployment, name: old}
                  canaryAnalysis:
                    metrics:
                    - {name: request-success-rate, threshold: 99}
                    - {name: request-duration, threshold: 500}
                    webhooks:
                    - {name: gate, type: confirm-rollout, url: 'http://lt/gate/check'}
                    - {name: load, url: 'http://lt/'}
                """);
        JsonNode d = CanaryViews.detail(c, List.of(), List.of());
        assertThat(d.at("/metrics/0/min").asDouble()).isEqualTo(99.0);
        assertThat(d.at("/metrics/0/max").isNull()).isTrue();
        assertThat(d.at("/metrics/1/max").asDouble()).isEqualTo(500.0);
        assertThat(d.at("/webhooks/0/gate").asBoolean()).isTrue();
        assertThat(d.at("/webhooks/1/type").asText()).isEqualTo("rollout");
        assertThat(d.at("/webhooks/1/passed").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1:9494, true", "localhost:9494, true", "LOCALHOST, true", "[::1]:9494, true",
            "127.0.1.1, true", "evil.example.com:9494, false", "127.0.0.1.evil.example.com, false", "[::2]:80, false"})
    void onlyLoopbackHostNamesWhileBoundToLoopback(String host, boolean allowed) {
        assertThat(LoopbackHosts.allowed(host)).isEqualTo(allowed);
    }
}
