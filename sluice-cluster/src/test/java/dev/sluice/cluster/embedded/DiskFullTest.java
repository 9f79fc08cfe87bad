package dev.sluice.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ClusterException;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory's disk full (issue 10): a write that does not fit is a clear UNAVAILABLE
 * error naming the directory and the cause; the store then refuses writes (the file's state after a
 * failed write is unknown) but keeps serving reads; nothing acknowledged is lost or corrupted, a
 * write cut short is a torn tail that recovery drops, and once space returns the reopened store has
 * everything and writes again. The disk is simulated by {@link FullDisk} (no root needed).
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
                    .hasMessageContaining("refuses writes until reopened");
            assertThat(disk.refused.get()).isPositive();
            // the refused write is not visible, acknowledged ones are
            assertThat(store.get(key("refused"))).isEmpty();
            assertThat(value(store, "cm-19")).isEqualTo("v19");
            assertThat(value(store, "cm-3")).isEqualTo("changed");

            disk.free.set(Long.MAX_VALUE);
            // Space is back, but this process cannot know what the failed write left in the log: it
            // keeps refusing, with the same clear message, rather than risk writing after garbage.
            KubeObject cm5 = store.get(key("cm-5")).orElseThrow();
            assertThatThrownBy(() -> store.update(cm5.edit(n -> n.withObjectProperty("data").put("value", "late"))))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("No space left on device");
            assertThat(value(store, "cm-5")).isEqualTo("v5");
        }

        try (EmbeddedCluster reopened = open()) {
            for (int i = 0; i < 20; i++) {
                assertThat(value(reopened, "cm-" + i)).isEqualTo(i == 3 ? "changed" : "v" + i);
            }
            assertThat(reopened.get(key("refused"))).isEmpty();
            reopened.create(configMap("after", "space returned"));
        }
        try (EmbeddedCluster again = open()) {
            assertThat(value(again, "after")).isEqualTo("space returned");
            assertThat(value(again, "cm-0")).isEqualTo("v0");
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
        }
        disk.free.set(Long.MAX_VALUE);
        try (EmbeddedCluster reopened = open()) {
            assertThat(value(reopened, "kept")).isEqualTo("v1");
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
