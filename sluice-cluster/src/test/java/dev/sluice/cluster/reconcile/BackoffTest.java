package dev.sluice.cluster.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFrom750msUpTo15Minutes() {
        Backoff b = Backoff.FLUX;
        assertThat(b.base(1)).isEqualTo(Duration.ofMillis(750));
        assertThat(b.base(2)).isEqualTo(Duration.ofMillis(1500));
        assertThat(b.base(3)).isEqualTo(Duration.ofMillis(3000));
        assertThat(b.base(10)).isEqualTo(Duration.ofMillis(750L << 9));
        assertThat(b.base(11)).isEqualTo(Duration.ofMillis(750L << 10)); // 12m48s
        assertThat(b.base(12)).isEqualTo(Duration.ofMinutes(15));
        assertThat(b.base(1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void jitterStaysWithinTenPercentAndNeverAboveTheCap() {
        Backoff b = Backoff.FLUX;
        SplittableRandom random = new SplittableRandom(42);
        for (int failures = 1; failures <= 14; failures++) {
            Duration base = b.base(failures);
            Duration lowest = base;
            Duration highest = base;
            for (int i = 0; i < 2_000; i++) {
                Duration d = b.delay(failures, random);
                assertThat(d).isBetween(Duration.ofNanos((long) (base.toNanos() * 0.9)),
                        Duration.ofNanos((long) Math.ceil(base.toNanos() * 1.1)));
                assertThat(d).isLessThanOrEqualTo(b.max());
                lowest = d.compareTo(lowest) < 0 ? d : lowest;
                highest = d.compareTo(highest) > 0 ? d : highest;
            }
            // The jitter really spreads: both sides of the base are reached.
            assertThat(lowest).isLessThan(Duration.ofNanos((long) (base.toNanos() * 0.95)));
            if (base.compareTo(b.max()) < 0) {
                assertThat(highest).isGreaterThan(Duration.ofNanos((long) (base.toNanos() * 1.05)));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 1; i < 20; i++) {
            assertThat(Backoff.FLUX.delay(i, a)).isEqualTo(Backoff.FLUX.delay(i, b));
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
                .hasMessageContaining("0 < min <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .hasMessageContaining("0 < min <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0))
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> Backoff.FLUX.base(0)).hasMessageContaining(">= 1");
    }

    @Test
    void intervalJitterIsPlusMinusFivePercent() {
        SplittableRandom random = new SplittableRandom(1);
        Duration interval = Duration.ofSeconds(10);
        boolean below = false;
        boolean above = false;
        for (int i = 0; i < 2_000; i++) {
            Duration d = Jitter.spread(interval, 0.05, random);
            assertThat(d).isBetween(Duration.ofMillis(9_500), Duration.ofMillis(10_500));
            below |= d.compareTo(Duration.ofMillis(9_750)) < 0;
            above |= d.compareTo(Duration.ofMillis(10_250)) > 0;
        }
        assertThat(below && above).isTrue();
        assertThat(Jitter.spread(interval, 0, random)).isEqualTo(interval);
        assertThat(Jitter.spread(Duration.ZERO, 0.05, random)).isEqualTo(Duration.ZERO);
    }
}
