package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KustomizationDiffTest {

    private static final String MANAGER = "kustomize-controller";

    private static KubeObject cm(String name, String data, String labels) {
        return KubeObject.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: default, labels: {"
                + labels + "}}, data: {" + data + "}}");
    }

    @Test
    void unchangedCreatedDriftedAndPruned() {
        try (EmbeddedCluster cluster = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new Random(1))) {
            KubeObject a = cm("a", "k: v", "app: x");
            KubeObject b = cm("b", "k: v", "app: x");
            cluster.apply(a, ApplyOptions.as(MANAGER));
            cluster.apply(b, ApplyOptions.as(MANAGER));
            var status = dev.sluice.api.Json.object();
            status.set("inventory", Inventory.of(List.of(a, b)).toNode());

            var same = KustomizationDiff.diff(cluster, List.of(a, b), status, true, MANAGER);
            assertThat(same.entries()).isEmpty();
            assertThat(same.changed()).isFalse();

            KubeObject a2 = cm("a", "k: w", "app: x");
            KubeObject c = cm("c", "k: v", "app: x");
            var report = KustomizationDiff.diff(cluster, List.of(a2, c), status, true, MANAGER);
            assertThat(report.entries()).extracting(e -> e.key().name() + " " + e.action())
                    .containsExactly("a DRIFTED", "c CREATED", "b DELETED");
            assertThat(report.entries().get(0).diff()).isEqualTo("""
                    --- ConfigMap/default/a (live)
                    +++ ConfigMap/default/a (merged)
                    @@ -1,6 +1,6 @@
                     apiVersion: v1
                     data:
                    -  k: v
                    +  k: w
                     kind: ConfigMap
                     metadata:
                       creationTimestamp: "2026-01-01T00:00:00Z"
                    """);
            assertThat(KustomizationDiff.diff(cluster, List.of(a2, c), status, false, MANAGER).entries())
                    .as("no deletions without prune").extracting(e -> e.action()).doesNotContain(KustomizationDiff.Action.DELETED);

            var relabelled = KustomizationDiff.diff(cluster, List.of(cm("a", "k: v", "app: y"), b), status, true, MANAGER);
            assertThat(relabelled.entries()).extracting(e -> e.action()).containsExactly(KustomizationDiff.Action.DRIFTED);
        }
    }

    @Test
    void unifiedDiffOfEqualTextsIsEmpty() {
        assertThat(UnifiedDiff.of("a", "x\n", "b", "x\n")).isEmpty();
        assertThat(UnifiedDiff.of("a", "x\n", "b", "y\n")).isEqualTo("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n");
    }
}
