package dev.sluice.local.mesh.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.ServiceRef;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final GoldenMetrics metrics = new GoldenMetrics();
    final MetricsHistory history = MetricsHistory.of(metrics, clock, Duration.ofMinutes(5));
    final Recorder canary = metrics.recorder(new ServiceRef("test", "podinfo-canary"),
            new Endpoint("127.0.0.1", 20002, "test", "podinfo", "podinfo-a"));
    final Recorder primary = metrics.recorder(new ServiceRef("test", "podinfo-primary"),
            new Endpoint("127.0.0.1", 20001, "test", "podinfo-primary", "podinfo-primary-a"));

    /** One second of traffic: {@code ok} fast successes and {@code failed} slow 500s to the canary. */
    void second(int ok, int failed) {
        for (int i = 0; i < ok; i++) {
            canary.request();
            canary.firstByte(200, 3_000_000);
            canary.end(200, false);
            primary.request();
            primary.firstByte(200, 300_000);
            primary.end(200, false);
        }
        for (int i = 0; i < failed; i++) {
            canary.request();
            canary.firstByte(500, 250_000_000);
            canary.end(500, true);
        }
        clock.advance(Duration.ofSeconds(1));
    }

    void run(int seconds, int ok, int failed) {
        for (int s = 0; s < seconds; s++) {
            if (s % 5 == 0) {
                history.scrape(); // a 5 s scrape interval
            }
            second(ok, failed);
        }
    }

    @Test
    void successRateAndP99MatchTheTrafficMix() {
        run(120, 95, 5);
        assertThat(history.successRate("test", "podinfo", Duration.ofMinutes(1)).orElseThrow()).isCloseTo(95.0, within(0.01));
        // 5 % of responses took 250 ms: p99 falls in (200, 300] at rank 0.99 -> 200 + 100 * (0.8) = 280.
        assertThat(history.latencyQuantile(0.99, "test", "podinfo", Duration.ofMinutes(1)).orElseThrow())
                .isCloseTo(280.0, within(0.5));
        // The primary is matched separately (deployment=~ is anchored) and is all fast successes.
        assertThat(history.successRate("test", "podinfo-primary", Duration.ofMinutes(1)).orElseThrow()).isEqualTo(100.0);
        assertThat(history.latencyQuantile(0.99, "test", "podinfo-primary", Duration.ofMinutes(1)).orElseThrow())
                .isCloseTo(0.99, within(0.01));
        assertThat(history.successRate("test", "podinfo.*", Duration.ofMinutes(1)).orElseThrow())
                .isCloseTo(190.0 / 195 * 100, within(0.01));
    }

    @Test
    void windowOnlySeesRecentTraffic() {
        run(120, 0, 10); // two minutes of failures, then a healthy minute
        run(65, 100, 0);
        assertThat(history.successRate("test", "podinfo", Duration.ofMinutes(1)).orElseThrow()).isEqualTo(100.0);
        assertThat(history.successRate("test", "podinfo", Duration.ofMinutes(3)).orElseThrow()).isBetween(80.0, 90.0); // ~1150 failures vs 6500 successes
    }

    @Test
    void noTrafficOrOnlyFailuresHaveNoResultAsInPromQl() {
        run(60, 0, 0);
        assertThat(history.successRate("test", "podinfo", Duration.ofMinutes(1))).isEmpty();
        assertThat(history.latencyQuantile(0.99, "test", "podinfo", Duration.ofMinutes(1))).isEmpty();
        run(60, 0, 3);
        // sum() over no success series is an empty vector, so the division has no result either.
        assertThat(history.successRate("test", "podinfo", Duration.ofMinutes(1))).isEmpty();
        assertThat(history.successRate("other", "podinfo", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void retentionDropsOldSnapshots() {
        run(600, 1, 0);
        assertThat(history.times()).allSatisfy(t -> assertThat(t).isAfterOrEqualTo(clock.instant().minus(Duration.ofMinutes(5).plusSeconds(5))));
        assertThat(history.times().size()).isBetween(60, 62);
    }
}
