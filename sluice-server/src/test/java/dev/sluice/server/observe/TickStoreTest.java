package dev.sluice.server.observe;

import static dev.sluice.server.dashboard.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.dashboard.Fixtures;
import java.time.Instant;
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

    private static AnalysisTick at(AnalysisTick t, Instant at) {
        return new AnalysisTick(t.canary(), at, t.revision(), t.phase(), t.primaryWeight(), t.canaryWeight(),
                t.iterations(), t.failedChecks(), t.metrics(), t.hooks(), t.events());
    }

    /** An idle tick: no checks, nothing emitted (what a Succeeded canary records every interval). */
    private static AnalysisTick idle(String canary, Instant at) {
        return new AnalysisTick(Fixtures.canaryKey(canary), at, "h1", "Succeeded", 100, 0, 0, 0, List.of(), List.of(),
                List.of());
    }

    @Test
    void returnsEveryTickAsRecordedWithItsExactTimeWhetherAlikeOrNot() {
        TickStore store = new TickStore();
        List<AnalysisTick> recorded = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Runs of alike ticks, broken by changes; times with nanoseconds.
            Instant at = T0.plusSeconds(10L * i).plusNanos(i * 1_234_567L);
            recorded.add(i % 7 == 3 ? at(tick("a", i), at) : idle("a", at));
        }
        recorded.forEach(store::record);
        assertThat(store.ticks(Fixtures.canaryKey("a"))).containsExactlyElementsOf(recorded);
        assertThat(store.latest()).containsExactly(recorded.get(29));
    }

    @Test
    void anIdleTickCostsItsTimeNotATick() {
        TickStore store = new TickStore();
        store.record(idle("a", T0));
        long one = store.bytes();
        for (int i = 1; i < TickStore.DEFAULT_PER_CANARY; i++) {
            store.record(idle("a", T0.plusSeconds(10L * i)));
        }
        assertThat(store.ticks(Fixtures.canaryKey("a"))).hasSize(TickStore.DEFAULT_PER_CANARY);
        assertThat(store.bytes() - one).as("719 more idle ticks")
                .isLessThanOrEqualTo(12L * TickStore.DEFAULT_PER_CANARY);
    }

    @Test
    void staysWithinItsByteBoundByTrimmingTheCanaryHoldingMost() {
        long max = 64 * 1024;
        TickStore store = new TickStore(720, 1_000, max);
        for (int i = 0; i < 5_000; i++) {
            store.record(tick("busy", i)); // every tick differs (its weight), so nothing folds
            if (i % 10 == 0) {
                store.record(idle("quiet-" + (i / 10) % 5, T0.plusSeconds(i)));
            }
            assertThat(store.bytes()).isLessThanOrEqualTo(max);
        }
        List<AnalysisTick> busy = store.ticks(Fixtures.canaryKey("busy"));
        assertThat(busy).as("the newest are kept").isNotEmpty().last()
                .satisfies(t -> assertThat(t.at()).isEqualTo(T0.plusSeconds(4_999)));
        assertThat(busy.size()).isLessThan(720);
        for (int q = 0; q < 5; q++) {
            assertThat(store.ticks(Fixtures.canaryKey("quiet-" + q))).as("the small canaries keep theirs").hasSize(100);
        }
    }

    @Test
    void perCanaryBoundHoldsForAlikeTicksToo() {
        TickStore store = new TickStore(5, 10);
        for (int i = 0; i < 100; i++) {
            store.record(idle("a", T0.plusSeconds(i)));
        }
        assertThat(store.ticks(Fixtures.canaryKey("a"))).extracting(t -> t.at().getEpochSecond() - T0.getEpochSecond())
                .containsExactly(95L, 96L, 97L, 98L, 99L);
        long five = store.bytes();
        for (int i = 100; i < 10_000; i++) {
            store.record(idle("a", T0.plusSeconds(i)));
        }
        assertThat(store.bytes()).as("no growth past the bound").isEqualTo(five);
    }
}
