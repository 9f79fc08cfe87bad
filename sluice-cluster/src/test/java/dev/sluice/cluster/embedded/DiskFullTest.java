package dev.sluice.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ClusterException;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory's disk full (issue 10): a write that does not fit is a clear UNAVAILABLE
 * error naming the directory and the cause; the store then refuses writes but keeps serving reads;
 * once space returns it reopens its log in place (at most once a second, on the injected clock) and
 * writes again, its writers' state back to what is durable; nothing acknowledged is lost or
 * corrupted, and a write cut short is a torn tail that recovery drops. The disk is simulated by
 * {@link FullDisk} (no root needed).
 */
class DiskFullTest {

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final FullDisk disk = new FullDisk();

    private EmbeddedCluster open() {
        return EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(3)).stateDirectory(disk.path(dir))
                .resourceTypes(ResourceTypes.builtIn()).options(StoreOptions.defaults()).build();
    }

    private static KubeObject configMap(String name, String value) {
        return KubeObject.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: default}, "
                + "data: {value: '" + value + "'}}");
    }

    private static ObjectKey key(String name) {
        return ObjectKey.of("", "ConfigMap", "default", name);
    }

    private static String value(EmbeddedCluster store, String name) {
        return store.get(key(name)).orElseThrow(() -> new AssertionError(name + " lost")).field("data").path("value").asText();
    }

    @Test
    void aFullDiskIsAClearErrorReadsGoOnAndNothingAcknowledgedIsLost() {
        try (EmbeddedCluster store = open()) {
            for (int i = 0; i < 20; i++) {
                store.create(configMap("cm-" + i, "v" + i));
            }
            store.update(store.get(key("cm-3")).orElseThrow().edit(n -> n.withObjectProperty("data").put("value", "changed")));

            disk.free.set(0);
            assertThatThrownBy(() -> store.create(configMap("refused", "x")))
                    .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason())
                            .isEqualTo(ClusterException.Reason.UNAVAILABLE))
                    .hasMessageContaining("the store in " + dir)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("refuses writes until it can write again");
            assertThat(disk.refused.get()).isPositive();
            // the refused write is not visible, acknowledged ones are
            assertThat(store.get(key("refused"))).isEmpty();
            assertThat(value(store, "cm-19")).isEqualTo("v19");
            assertThat(value(store, "cm-3")).isEqualTo("changed");

            // Still full a second later: the store tries to reopen its log, cannot, and still refuses.
            clock.advance(Duration.ofSeconds(1));
            KubeObject cm5 = store.get(key("cm-5")).orElseThrow();
            assertThatThrownBy(() -> store.update(cm5.edit(n -> n.withObjectProperty("data").put("value", "late"))))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("No space left on device");
            assertThat(value(store, "cm-5")).isEqualTo("v5");

            // Space returns: within a second the store reopens its log and writes again, in place.
            disk.free.set(Long.MAX_VALUE);
            clock.advance(Duration.ofSeconds(1));
            store.update(store.get(key("cm-5")).orElseThrow().edit(n -> n.withObjectProperty("data").put("value", "late")));
            store.create(configMap("refused", "now accepted"));
            assertThat(value(store, "cm-5")).isEqualTo("late");
            assertThat(value(store, "refused")).isEqualTo("now accepted");
            assertThat(value(store, "cm-3")).isEqualTo("changed");
        }

        try (EmbeddedCluster reopened = open()) {
            for (int i = 0; i < 20; i++) {
                assertThat(value(reopened, "cm-" + i)).isEqualTo(i == 3 ? "changed" : i == 5 ? "late" : "v" + i);
            }
            assertThat(value(reopened, "refused")).isEqualTo("now accepted");
            reopened.create(configMap("after", "space returned"));
        }
        try (EmbeddedCluster again = open()) {
            assertThat(value(again, "after")).isEqualTo("space returned");
            assertThat(value(again, "cm-0")).isEqualTo("v0");
        }
    }

    @Test
    void theWritersStateIsTheDurableOneAfterTheStoreHealsItself() {
        try (EmbeddedCluster store = open()) {
            KubeObject created = store.create(configMap("cm", "v1"));
            disk.free.set(0);
            // refused: its resourceVersion and value must not leak into later writes
            assertThatThrownBy(() -> store.update(created.edit(n -> n.withObjectProperty("data").put("value", "lost"))))
                    .isInstanceOf(ClusterException.class);
            assertThatThrownBy(() -> store.create(configMap("ghost", "x"))).isInstanceOf(ClusterException.class);
            disk.free.set(Long.MAX_VALUE);
            clock.advance(Duration.ofSeconds(1));
            // the stale copy (read before the refused update) is still current: the update never happened
            KubeObject updated = store.update(created.edit(n -> n.withObjectProperty("data").put("value", "v2")));
            assertThat(value(store, "cm")).isEqualTo("v2");
            assertThat(Long.parseLong(updated.resourceVersion())).isGreaterThan(Long.parseLong(created.resourceVersion()));
            // a create of the refused name is a create, not "already exists"
            store.create(configMap("ghost", "y"));
            assertThat(value(store, "ghost")).isEqualTo("y");
        }
        try (EmbeddedCluster reopened = open()) {
            assertThat(value(reopened, "cm")).isEqualTo("v2");
            assertThat(value(reopened, "ghost")).isEqualTo("y");
        }
    }

    @Test
    void aWriteCutShortByTheFullDiskIsATornTailThatRecoveryDrops() {
        try (EmbeddedCluster store = open()) {
            store.create(configMap("kept", "v1"));
            // room for only part of the next record: the log ends in half a record
            disk.free.set(40);
            assertThatThrownBy(() -> store.create(configMap("torn", "y".repeat(500))))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("No space left on device");
            assertThat(disk.free.get()).as("part of the record was written").isZero();
            // space returns: reopening the log in place drops the torn tail and appends after it
            disk.free.set(Long.MAX_VALUE);
            clock.advance(Duration.ofSeconds(1));
            store.create(configMap("in-place", "v3"));
        }
        try (EmbeddedCluster reopened = open()) {
            assertThat(value(reopened, "kept")).isEqualTo("v1");
            assertThat(value(reopened, "in-place")).isEqualTo("v3");
            assertThat(reopened.get(key("torn"))).isEmpty();
            reopened.create(configMap("next", "v2"));
        }
        try (EmbeddedCluster again = open()) {
            assertThat(value(again, "next")).isEqualTo("v2");
            assertThat(value(again, "kept")).isEqualTo("v1");
        }
    }

    @Test
    void aFullDiskWhileOpeningIsAClearErrorAndTheDirectoryStillOpensLater() {
        try (EmbeddedCluster store = open()) {
            store.create(configMap("kept", "v1"));
        }
        disk.free.set(0);
        assertThatThrownBy(this::open).hasMessageContaining("No space left on device");
        disk.free.set(Long.MAX_VALUE);
        try (EmbeddedCluster reopened = open()) {
            assertThat(value(reopened, "kept")).isEqualTo("v1");
            reopened.create(configMap("next", "v2"));
        }
    }
}
