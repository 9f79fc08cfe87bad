package dev.sluice.local.runtime.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.runtime.spec.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodLogicTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final ProbeSpec PROBE = new ProbeSpec(new ProbeSpec.TcpSocket("http"), 5, 2, 1, 2, 3);

    @Test
    void readinessNeedsConsecutiveSuccessesAndToleratesFewerFailuresThanTheThreshold() {
        Readiness r = Readiness.notReady().record(true, PROBE, T);
        assertThat(r.ready()).as("one of two successes").isFalse();
        r = r.record(false, PROBE, T.plusSeconds(2)).record(true, PROBE, T.plusSeconds(4));
        assertThat(r.ready()).as("a failure resets the success count").isFalse();
        r = r.record(true, PROBE, T.plusSeconds(6));
        assertThat(r.readySince()).contains(T.plusSeconds(6));
        r = r.record(false, PROBE, T.plusSeconds(8)).record(false, PROBE, T.plusSeconds(10));
        assertThat(r.ready()).as("two of three failures").isTrue();
        r = r.record(true, PROBE, T.plusSeconds(12)).record(false, PROBE, T.plusSeconds(14)).record(false, PROBE, T.plusSeconds(16));
        assertThat(r.readySince()).as("a success resets the failure count; ready since the first time").contains(T.plusSeconds(6));
        r = r.record(false, PROBE, T.plusSeconds(18));
        assertThat(r.ready()).isFalse();
    }

    @Test
    void availableMeansReadyForMinReadySeconds() {
        Readiness r = Readiness.readyAt(T);
        assertThat(r.availableAt(T.plusSeconds(9), 10)).isFalse();
        assertThat(r.availableAt(T.plusSeconds(10), 10)).isTrue();
        assertThat(Readiness.notReady().availableAt(T, 0)).isFalse();
    }

    @Test
    void probesRunAfterTheInitialDelayThenEveryPeriod() {
        assertThat(ProbeSchedule.due(PROBE, T, Optional.empty(), T.plusSeconds(4))).isFalse();
        assertThat(ProbeSchedule.due(PROBE, T, Optional.empty(), T.plusSeconds(5))).isTrue();
        assertThat(ProbeSchedule.nextDue(PROBE, T, Optional.of(T.plusSeconds(5)))).isEqualTo(T.plusSeconds(7));
    }

    @Test
    void backoffRestartsAtOnceThenDoublesUpToTheCap() {
        CrashBackoff b = CrashBackoff.KUBELET;
        assertThat(b.delay(1)).isZero();
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(160));
        assertThat(b.delay(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.delay(50)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.nextLevel(4, Duration.ofSeconds(3))).isEqualTo(5);
        assertThat(b.nextLevel(4, Duration.ofMinutes(10))).as("a long run resets the back-off").isEqualTo(1);
    }
}
