package dev.sluice.server.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.gitops.drift.DriftSettings;
import dev.sluice.gitops.drift.GitDrift;
import dev.sluice.gitops.drift.RevertResult;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDriftServiceTest {

    @TempDir
    Path tmp;

    final MemoryCluster cluster = new MemoryCluster();
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private ClusterDriftService service() {
        ManifestBuilder none = (root, dir, spec) -> {
            throw new ManifestBuilder.BuildException("not used");
        };
        return new ClusterDriftService(cluster, GitDrift.create(cluster, none, tmp, clock, DriftSettings.DEFAULTS), clock);
    }

    @Test
    void anOnDemandRevertIsRecordedInTheCanarysStatus() throws Exception {
        KubeObject canary = KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: face, namespace: test}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: face}
                  service: {port: 80}
                """);
        cluster.create(canary.withStatus(Json.parseObject(
                "{\"phase\":\"Failed\",\"gitDrift\":{\"state\":\"Drifted\",\"commit\":\"" + "b".repeat(40) + "\"}}")));

        RevertResult r = service().revert("test", "face", Optional.empty(), false);

        assertThat(r).isEqualTo(new RevertResult.NothingToRevert("target Deployment test/face not found"));
        var revert = cluster.get(canary.key()).orElseThrow().status().path("gitDrift").path("revert");
        assertThat(revert.path("result").asText()).isEqualTo("NothingToRevert");
        assertThat(revert.path("reverts").asText()).isEqualTo("b".repeat(40));
        assertThat(revert.path("at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void anUnknownCanaryIsNotFound() {
        assertThatThrownBy(() -> service().analyze("test", "nope")).isInstanceOf(DriftService.NoSuchCanary.class)
                .hasMessage("canary test/nope not found");
    }
}
