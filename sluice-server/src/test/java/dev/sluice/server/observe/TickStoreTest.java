package dev.sluice.server.observe;

import static dev.sluice.server.dashboard.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.dashboard.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickStoreTest {

    private static AnalysisTick tick(String canary, int second) {
        return Fixtures.tick(canary, T0.plusSeconds(second), "h", "Progressing", second % 100, 0, 99, 5, List.of());
    }

    @Test
    void keepsTheNewestTicksPerCanaryAndForgetsTheCanaryRecordedLeastRecently() {
        TickStore store = new TickStore(3, 2);
        for (int i = 1; i <= 5; i++) {
            store.record(tick("a", i));
        }
        assertThat(store.ticks(Fixtures.canaryKey("a"))).extracting(t -> t.at().getEpochSecond() - T0.getEpochSecond())
                .containsExactly(3L, 4L, 5L);

        store.record(tick("b", 6));
        store.record(tick("a", 7)); // a is now the most recent; b the least
        store.record(tick("c", 8));
        assertThat(store.ticks(Fixtures.canaryKey("b"))).isEmpty();
        assertThat(store.ticks(Fixtures.canaryKey("a"))).hasSize(3);
        assertThat(store.latest()).extracting(t -> t.canary().name()).containsExactly("a", "c");
    }

    @Test
    void listenersHearEveryTickAndABrokenOneHarmsNobody() {
        TickStore store = new TickStore();
        List<String> heard = new ArrayList<>();
        store.subscribe(t -> {
            throw new IllegalStateException("broken listener");
        });
        Runnable off = store.subscribe(t -> heard.add(t.canary().name()));
        store.record(tick("a", 1));
        off.run();
        store.record(tick("b", 2));

        assertThat(heard).containsExactly("a");
        assertThat(store.ticks(Fixtures.canaryKey("b"))).hasSize(1);
    }
}
