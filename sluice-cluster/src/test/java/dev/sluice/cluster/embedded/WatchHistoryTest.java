package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchHistoryTest {

    static byte[] json(KubeObject o) {
        return o.toJson().getBytes(StandardCharsets.UTF_8);
    }

    static KubeObject version(String name, int v, int padding) {
        return configMap("default", name, "{v: '" + v + "', pad: '" + "x".repeat(padding) + "'}")
                .withMetadata("resourceVersion", Long.toString(v));
    }

    static List<String> replayAll(WatchHistory h, long after) {
        List<String> out = new ArrayList<>();
        h.replay(after, k -> true, (rv, e) -> out.add(rv + " " + e.type() + " " + e.object().name() + " v"
                + e.object().at("/data/v").asText()));
        return out;
    }

    @Test
    void replaysTheObjectsAsTheyWereAtEachVersion() {
        WatchHistory h = new WatchHistory(100, 1 << 20, 0);
        h.add(1, WatchEvent.Type.ADDED, version("a", 1, 0).key(), json(version("a", 1, 0)));
        h.add(2, WatchEvent.Type.MODIFIED, version("a", 2, 0).key(), json(version("a", 2, 0)));
        h.add(3, WatchEvent.Type.DELETED, version("a", 3, 0).key(), json(version("a", 3, 0)));
        assertThat(replayAll(h, 1)).containsExactly("2 MODIFIED a v2", "3 DELETED a v3");
        List<KubeObject> objects = new ArrayList<>();
        h.replay(0, k -> true, (rv, e) -> objects.add(e.object()));
        assertThat(objects.get(1)).as("the whole object comes back").isEqualTo(version("a", 2, 0));
    }

    @Test
    void onlyWantedObjectsAreReplayed() {
        WatchHistory h = new WatchHistory(100, 1 << 20, 0);
        h.add(1, WatchEvent.Type.ADDED, version("a", 1, 0).key(), json(version("a", 1, 0)));
        h.add(2, WatchEvent.Type.ADDED, version("b", 2, 0).key(), json(version("b", 2, 0)));
        List<String> names = new ArrayList<>();
        h.replay(0, k -> k.name().equals("b"), (rv, e) -> names.add(e.object().name()));
        assertThat(names).containsExactly("b");
    }

    @Test
    void boundedInEntries() {
        WatchHistory h = new WatchHistory(5, 1L << 30, 0);
        for (int v = 1; v <= 100; v++) {
            KubeObject o = version("a", v, 0);
            h.add(v, WatchEvent.Type.MODIFIED, o.key(), json(o));
        }
        assertThat(h.size()).isEqualTo(5);
        assertThat(h.servableFrom()).as("a watch may resume after the newest dropped version").isEqualTo(95);
        assertThat(replayAll(h, 95)).containsExactly("96 MODIFIED a v96", "97 MODIFIED a v97",
                "98 MODIFIED a v98", "99 MODIFIED a v99", "100 MODIFIED a v100");
    }

    @Test
    void boundedInBytesWhateverTheEntryLimit() {
        long max = 64 * 1024;
        WatchHistory h = new WatchHistory(1_000_000, max, 0);
        int each = json(version("big", 1, 4_000)).length + WatchHistory.ENTRY_OVERHEAD;
        for (int v = 1; v <= 500; v++) {
            KubeObject o = version("big", v, 4_000);
            h.add(v, WatchEvent.Type.MODIFIED, o.key(), json(o));
            assertThat(h.bytes()).isLessThanOrEqualTo(max);
        }
        assertThat(h.size()).as("as many as fit").isEqualTo((int) (max / each));
        assertThat(h.servableFrom()).isEqualTo(500 - h.size());
        assertThat(replayAll(h, h.servableFrom())).hasSize(h.size()).last().isEqualTo("500 MODIFIED big v500");
    }

    @Test
    void keepsTheNewestEntryEvenWhenItAloneIsOverTheByteBound() {
        WatchHistory h = new WatchHistory(100, 1_000, 0);
        h.add(1, WatchEvent.Type.ADDED, version("a", 1, 0).key(), json(version("a", 1, 0)));
        h.add(2, WatchEvent.Type.MODIFIED, version("a", 2, 5_000).key(), json(version("a", 2, 5_000)));
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.servableFrom()).isEqualTo(1);
        assertThat(replayAll(h, 1)).containsExactly("2 MODIFIED a v2");
    }
}
