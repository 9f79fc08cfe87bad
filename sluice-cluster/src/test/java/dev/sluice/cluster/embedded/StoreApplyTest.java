package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.deployment;
import static dev.sluice.cluster.embedded.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.ApplyResult.Action;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-side apply through the store: actions, versions, conflicts, coexistence of managers. */
class StoreApplyTest {

    static final ApplyOptions FLUX = new ApplyOptions("kustomize-controller", false, false);

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster store = Fixtures.memoryStore(clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createdThenUnchangedWithoutANewVersionOrWatchEvent() {
        ApplyResult first = store.apply(deployment("default", "web", 2), FLUX);
        assertThat(first.action()).isEqualTo(Action.CREATED);
        assertThat(first.object().uid()).isNotEmpty();
        assertThat(first.object().generation()).isEqualTo(1);
        assertThat(first.object().metadata().path("managedFields").get(0).path("manager").asText())
                .isEqualTo("kustomize-controller");

        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.DEPLOYMENT, "", store.currentResourceVersion(), seen::add);
        clock.advance(Duration.ofMinutes(5));
        ApplyResult again = store.apply(deployment("default", "web", 2), FLUX);
        assertThat(again.action()).isEqualTo(Action.UNCHANGED);
        assertThat(again.object().resourceVersion()).isEqualTo(first.object().resourceVersion());
        assertThat(store.currentResourceVersion()).isEqualTo(first.object().resourceVersion());

        ApplyResult changed = store.apply(deployment("default", "web", 3), FLUX);
        assertThat(changed.action()).isEqualTo(Action.CONFIGURED);
        assertThat(changed.object().generation()).isEqualTo(2);
        org.awaitility.Awaitility.await().until(() -> !seen.isEmpty());
        assertThat(seen).extracting(WatchEvent::type).containsExactly(WatchEvent.Type.MODIFIED);
    }

    @Test
    void dryRunComputesWithoutStoring() {
        ApplyResult created = store.apply(deployment("default", "web", 2), FLUX.asDryRun());
        assertThat(created.action()).isEqualTo(Action.CREATED);
        assertThat(created.object().resourceVersion()).isEmpty();
        assertThat(store.get(Fixtures.deploy("default", "web"))).isEmpty();

        KubeObject live = store.apply(deployment("default", "web", 2), FLUX).object();
        String rv = store.currentResourceVersion();
        ApplyResult diff = store.apply(deployment("default", "web", 4), FLUX.asDryRun());
        assertThat(diff.action()).isEqualTo(Action.CONFIGURED);
        assertThat(diff.object().at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(diff.object().resourceVersion()).isEqualTo(live.resourceVersion());
        assertThat(store.currentResourceVersion()).isEqualTo(rv);
        assertThat(store.get(live.key()).orElseThrow().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void flaggerScalingAndFluxApplyCoexistAsOnARealApiServer() {
        KubeObject applied = store.apply(deployment("default", "web", 2), FLUX).object();
        store.update(applied.edit(n -> n.withObject("spec").put("replicas", 0)), "flagger");

        assertThatThrownBy(() -> store.apply(deployment("default", "web", 2), FLUX))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessage("Apply failed with 1 conflict: conflict with \"flagger\" using apps/v1: .spec.replicas");
        assertThat(store.get(applied.key()).orElseThrow().at("/spec/replicas").asInt()).isZero();

        KubeObject withoutReplicas = deployment("default", "web", 2).edit(n -> n.withObject("spec").remove("replicas"));
        ApplyResult coexist = store.apply(withoutReplicas, FLUX);
        assertThat(coexist.object().at("/spec/replicas").asInt()).as("kept: flagger owns it").isZero();

        ApplyResult forced = store.apply(deployment("default", "web", 2), ApplyOptions.as("kustomize-controller"));
        assertThat(forced.action()).isEqualTo(Action.CONFIGURED);
        assertThat(forced.object().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void fieldsAManagerStopsApplyingAreRemovedFromTheStoredObject() {
        store.apply(deployment("default", "web", 2).edit(n -> n.withObject("metadata").withObject("annotations").put("a", "1")), FLUX);
        KubeObject next = store.apply(deployment("default", "web", 2), FLUX).object();
        assertThat(next.annotations()).isEmpty();
        assertThat(next.generation()).as("metadata only").isEqualTo(1);
    }

    @Test
    void applyWithAStaleResourceVersionIsAConflict() {
        KubeObject v1 = store.apply(deployment("default", "web", 2), FLUX).object();
        store.apply(deployment("default", "web", 3), FLUX);
        assertThatThrownBy(() -> store.apply(deployment("default", "web", 4).withMetadata("resourceVersion",
                v1.resourceVersion()), FLUX))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
    }

    @Test
    void applyKeepsStatusWrittenThroughTheSubresource() {
        KubeObject v1 = store.apply(deployment("default", "web", 2), FLUX).object();
        store.updateStatus(v1.withStatus(dev.sluice.api.Json.parseObject("{\"readyReplicas\":2}")), "workload-runner");
        KubeObject v3 = store.apply(deployment("default", "web", 3).withStatus(dev.sluice.api.Json.parseObject("{\"readyReplicas\":0}")), FLUX).object();
        assertThat(v3.at("/status/readyReplicas").asInt()).isEqualTo(2);
    }

    @Test
    void applyIntoAMissingNamespaceIsForbidden() {
        assertThatThrownBy(() -> store.apply(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: gone}}"), FLUX))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
    }
}
