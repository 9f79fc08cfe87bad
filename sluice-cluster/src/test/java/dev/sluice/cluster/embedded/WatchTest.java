package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster store = EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(1))
            .options(StoreOptions.defaults().withWatchHistory(5).withWatchQueueLimit(50)).build();

    @AfterEach
    void close() {
        store.close();
    }

    static List<String> describe(List<WatchEvent> events) {
        return events.stream().map(e -> e.type() + " " + e.object().name() + "@" + e.object().resourceVersion()).toList();
    }

    @Test
    void deliversAddedModifiedDeletedInOrderWithTheirVersions() {
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.CONFIG_MAP, "", "", seen::add);
        KubeObject a = store.create(configMap("default", "a", "{}"));
        KubeObject a2 = store.update(configMap("default", "a", "{x: '1'}"));
        store.delete(a.key(), DeleteOptions.background());
        await().until(() -> seen.size() == 3);
        long deletedAt = Long.parseLong(a2.resourceVersion()) + 1;
        assertThat(describe(seen)).containsExactly("ADDED a@" + a.resourceVersion(), "MODIFIED a@" + a2.resourceVersion(),
                "DELETED a@" + deletedAt);
        assertThat(seen.get(2).object().at("/data/x").asText()).as("last state").isEqualTo("1");
    }

    @Test
    void filtersByKindAndNamespace() {
        store.create(Fixtures.namespace("other"));
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.CONFIG_MAP, "other", "", seen::add);
        store.create(configMap("default", "skip", "{}"));
        store.create(Fixtures.deployment("other", "skip-too", 1));
        store.create(configMap("other", "keep", "{}"));
        await().until(() -> !seen.isEmpty());
        assertThat(describe(seen)).singleElement().asString().startsWith("ADDED keep@");
    }

    @Test
    void resumesAfterAVersionWithoutReplayingOlderEvents() {
        store.create(configMap("default", "a", "{}"));
        String rv = store.currentResourceVersion();
        store.create(configMap("default", "b", "{}"));
        store.create(configMap("default", "c", "{}"));
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.CONFIG_MAP, "", rv, seen::add);
        store.create(configMap("default", "d", "{}"));
        await().until(() -> seen.size() == 3);
        assertThat(seen).extracting(e -> e.object().name()).containsExactly("b", "c", "d");
    }

    @Test
    void aVersionOlderThanTheHistoryIsExpired() {
        String old = store.currentResourceVersion();
        for (int i = 0; i < 6; i++) {
            store.create(configMap("default", "c" + i, "{}"));
        }
        assertThatThrownBy(() -> store.watch(Fixtures.CONFIG_MAP, "", old, e -> { }))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
                .hasMessageContaining("too old resource version");
        assertThatThrownBy(() -> store.watch(Fixtures.CONFIG_MAP, "", "abc", e -> { }))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }

    @Test
    void theHistoryIsBoundedInBytesAndResumesWithinIt(@TempDir Path dir) {
        // A persistent store: the history keeps the JSON the log was written with.
        try (EmbeddedCluster small = EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(2))
                .stateDirectory(dir).options(StoreOptions.defaults().withWatchHistoryBytes(40 * 1024)).build()) {
            String pad = "x".repeat(3_000);
            String first = small.currentResourceVersion();
            for (int i = 0; i < 40; i++) {
                small.create(configMap("default", "c" + i, "{pad: '" + pad + "', i: '" + i + "'}"));
            }
            assertThatThrownBy(() -> small.watch(Fixtures.CONFIG_MAP, "", first, e -> { }))
                    .as("40 objects of 3 KiB do not fit in 40 KiB")
                    .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
            String recent = small.get(new dev.sluice.api.ObjectKey(Fixtures.CONFIG_MAP, "default", "c35"))
                    .orElseThrow().resourceVersion();
            List<WatchEvent> seen = new CopyOnWriteArrayList<>();
            small.watch(Fixtures.CONFIG_MAP, "", recent, seen::add);
            await().until(() -> seen.size() == 4);
            assertThat(seen).extracting(e -> e.object().at("/data/i").asText()).containsExactly("36", "37", "38", "39");
            assertThat(seen.get(3).object().at("/data/pad").asText()).isEqualTo(pad);
            assertThat(seen.get(3).object()).isEqualTo(small.get(seen.get(3).object().key()).orElseThrow());
        }
    }

    @Test
    void versionZeroListsCurrentObjectsFirst() {
        store.create(configMap("default", "a", "{}"));
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.CONFIG_MAP, "", "0", seen::add);
        store.create(configMap("default", "b", "{}"));
        await().until(() -> seen.size() == 2);
        assertThat(seen).extracting(e -> e.type() + " " + e.object().name()).containsExactly("ADDED a", "ADDED b");
    }

    @Test
    void neverDeliversConcurrentlyToOneWatchAndKeepsOrder() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.CONFIG_MAP, "", "", e -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            order.add(e.object().resourceVersion());
            inside.decrementAndGet();
        });
        int writers = 4;
        int each = 10;
        Thread[] threads = new Thread[writers];
        for (int t = 0; t < writers; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    store.create(configMap("default", "w" + id + "-" + i, "{}"));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        await().until(() -> order.size() == writers * each);
        assertThat(overlaps).hasValue(0);
        assertThat(order).isSortedAccordingTo((x, y) -> Long.compare(Long.parseLong(x), Long.parseLong(y)));
    }

    @Test
    void aListenerFallingTooFarBehindIsClosedWithExpired() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<ClusterException> closedWith = new AtomicReference<>();
        store.watch(Fixtures.CONFIG_MAP, "", "", new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onClose(ClusterException cause) {
                closedWith.set(cause);
            }
        });
        for (int i = 0; i < 60; i++) {
            store.create(configMap("default", "c" + i, "{}"));
        }
        release.countDown();
        await().until(() -> closedWith.get() != null);
        assertThat(closedWith.get().reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void closingStopsDeliveryAndAFailingListenerKeepsReceiving() {
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        Watch w = store.watch(Fixtures.CONFIG_MAP, "", "", e -> {
            seen.add(e);
            throw new IllegalStateException("listener bug");
        });
        store.create(configMap("default", "a", "{}"));
        store.create(configMap("default", "b", "{}"));
        await().until(() -> seen.size() == 2);
        w.close();
        w.close();
        store.create(configMap("default", "c", "{}"));
        List<WatchEvent> probe = new CopyOnWriteArrayList<>();
        store.watch(Fixtures.CONFIG_MAP, "", "", probe::add);
        store.create(configMap("default", "d", "{}"));
        await().until(() -> probe.size() == 1);
        assertThat(seen).hasSize(2);
    }
}
