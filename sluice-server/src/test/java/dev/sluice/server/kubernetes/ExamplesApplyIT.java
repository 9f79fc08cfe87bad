package dev.sluice.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.gitops.kustomization.ApplyStage;
import dev.sluice.gitops.kustomization.Applier;
import dev.sluice.gitops.kustomization.ChangeSet;
import dev.sluice.kubernetes.KubernetesCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML of {@code examples/} applied through the Kubernetes adapter as the Kustomization reconciler
 * applies it ({@link Applier}: staged server-side apply with field manager {@code sluice}) ends up as
 * the expected objects on fabric8's mock: each request carries the object exactly as built (the
 * apiVersion as written, v1beta1 Canaries and v1beta1/v1beta2 Flux objects included), each object
 * reads back as applied, definitions go first, and a second apply changes nothing. One mock per example
 * set, since the sets reuse names (seeds and faces both have {@code faces/face}). How each set is built
 * is in {@link ExampleSets}.
 */
class ExamplesApplyIT {

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();

    @AfterEach
    void close() {
        kube.close();
    }

    static Stream<String> sets() {
        return ExampleSets.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void appliedObjectsReadBackAsWrittenAndReapplyingChangesNothing(String set) throws Exception {
        KubernetesCluster cluster = kube.cluster();
        List<ExampleSets.Batch> batches = ExampleSets.build(set, cluster, tmp);
        assertThat(batches).as(set + " has something to apply").isNotEmpty();

        for (ExampleSets.Batch batch : batches) {
            int before = kube.applies().size();
            ChangeSet changes = new ChangeSet();
            new Applier(cluster, "sluice").applyAll(batch.objects(), changes);
            List<MockKube.Apply> sent = kube.applies().subList(before, kube.applies().size());

            assertThat(changes.entries()).as(batch.name()).hasSize(batch.objects().size())
                    .allMatch(e -> e.action() == ChangeSet.Action.CREATED, "created");
            assertSentAsBuilt(batch, sent);
            assertStaged(batch, sent);
            for (KubeObject o : batch.objects()) {
                // Read in the adapter's version (v1 for Flux kinds), as a real API server converts CRDs with strategy None.
                KubeObject live = cluster.get(o.key()).orElseThrow(() -> new AssertionError(o.key() + " not found"));
                assertThat(live.groupKind()).isEqualTo(o.groupKind());
                ObjectNode expected = ExampleSets.userFields(o).put("apiVersion", live.apiVersion());
                assertThat(ExampleSets.asSent(ExampleSets.userFields(live))).as(batch.name() + ": " + o.key() + " read back")
                        .isEqualTo(ExampleSets.asSent(expected));
            }
        }

        // Every document written was applied, in the apiVersion written (v1beta1 Canaries, v1beta1/v1beta2 Flux objects).
        List<String> sent = kube.applies().stream().map(a -> KubeObject.of(a.body()))
                .map(o -> o.apiVersion() + " " + o.kind() + " " + o.name()).toList();
        for (KubeObject o : ExampleSets.written(set)) {
            assertThat(sent).as(set + ": applied as written").contains(o.apiVersion() + " " + o.kind() + " " + o.name());
        }

        for (ExampleSets.Batch batch : batches) {
            int before = kube.applies().size();
            ChangeSet again = new ChangeSet();
            new Applier(cluster, "sluice").applyAll(batch.objects(), again);
            assertThat(again.entries()).as(batch.name() + " applied again").hasSize(batch.objects().size())
                    .allMatch(e -> e.action() == ChangeSet.Action.UNCHANGED, "unchanged");
            assertThat(kube.applies().size() - before).as("every object applied again").isEqualTo(batch.objects().size());
        }
    }

    /** One server-side apply per object, as {@code sluice} with force, its body exactly the object built. */
    private static void assertSentAsBuilt(ExampleSets.Batch batch, List<MockKube.Apply> sent) {
        assertThat(sent).as(batch.name() + ": one apply per object").hasSize(batch.objects().size());
        for (MockKube.Apply a : sent) {
            assertThat(a.query()).as(a.path()).contains("fieldManager=sluice").contains("force=true").doesNotContain("dryRun");
        }
        for (KubeObject o : batch.objects()) {
            MockKube.Apply a = sent.stream().filter(s -> ExampleSets.keyOf(s.body()).equals(o.key())).findFirst()
                    .orElseThrow(() -> new AssertionError(batch.name() + ": no apply of " + o.key()));
            assertThat(a.body()).as(o.key() + " as sent").isEqualTo(ExampleSets.asSent(o.toNode()));
            String versionPath = o.group().isEmpty() ? "/api/" + o.version() + "/" : "/apis/" + o.apiVersion() + "/";
            assertThat(a.path()).as(o.key() + " applied in the version written").startsWith(versionPath);
        }
    }

    /** Namespaces and CRDs before anything else. */
    private static void assertStaged(ExampleSets.Batch batch, List<MockKube.Apply> sent) {
        List<ApplyStage> stages = sent.stream().map(a -> ApplyStage.of(KubeObject.of(a.body()))).toList();
        assertThat(stages).as(batch.name() + ": stages in order").isSortedAccordingTo(java.util.Comparator.naturalOrder());
    }
}
