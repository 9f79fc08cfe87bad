package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Flagger's scheduler_svc_test: the weight ladders of stepWeight, maxWeight, stepWeights and overflow. */
class SchedulerServiceTest {

    static List<Arguments> ladders() {
        return List.of(
                Arguments.of("stepWeight", "stepWeight: 20\nmaxWeight: 50\n", List.of(100, 80, 60, 40)),
                Arguments.of("maxWeight", "stepWeight: 50\nmaxWeight: 100\n", List.of(100, 50, 0)),
                Arguments.of("stepWeights", "stepWeights: [1, 2, 10, 80]\n", List.of(100, 99, 98, 90, 20)),
                Arguments.of("overflow", "stepWeights: [1, 2, 10, 200]\n", List.of(100, 99, 98, 90, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladders")
    void servicePromotion(String name, String traffic, List<Integer> primaryWeights) {
        Rollout r = new Rollout(Fixtures.service(traffic)).initialized();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.INITIALIZED);
        r.world.deploy("svc-v2");
        for (int expected : primaryWeights) {
            r.tick();
            assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(expected, 100 - expected));
        }
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.world.primaryHash()).isEqualTo("svc-v2");
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FINALISING);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    }
}
