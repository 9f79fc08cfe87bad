package dev.sluice.local.apps.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.local.apps.AppStartException;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FacesLogicTest {

    final ManualClock clock = ManualClock.atEpochOfTests();

    @Test
    void errorFractionFailsAboutThatShareOfRequests() {
        FaultInjector f = new FaultInjector(new FacesKnobs(20, 0, List.of(), 0, "X-Faces-User"), clock, new Random(42));
        int errors = 0;
        for (int i = 0; i < 10_000; i++) {
            FaultInjector.Verdict v = f.next();
            if (!v.ok()) {
                assertThat(v.status()).isEqualTo(500);
                errors++;
            }
        }
        assertThat(errors).isBetween(1_800, 2_200);
    }

    @Test
    void zeroAndHundredAreExact() {
        FaultInjector never = new FaultInjector(FacesKnobs.none(), clock, new Random(1));
        FaultInjector always = new FaultInjector(new FacesKnobs(100, 0, List.of(), 0, "X-Faces-User"), clock, new Random(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(never.next().ok()).isTrue();
            assertThat(always.next().status()).isEqualTo(500);
        }
    }

    @Test
    void aLatchedReplicaAnswers599UntilIdleForThirtySeconds() {
        FaultInjector f = new FaultInjector(new FacesKnobs(100, 100, List.of(), 0, "X-Faces-User"), clock, new Random(7));
        assertThat(f.next().status()).isEqualTo(599);
        clock.advance(Duration.ofSeconds(29));
        assertThat(f.next().status()).as("busy within 30 s keeps it latched").isEqualTo(599);
        clock.advance(Duration.ofSeconds(31));
        assertThat(f.next().status()).as("idle 31 s unlatches; the 100% error then latches again").isEqualTo(599);
        FaultInjector rarely = new FaultInjector(new FacesKnobs(1, 100, List.of(), 0, "X-Faces-User"), clock, new Random(7));
        int i = 0;
        while (rarely.next().ok()) {
            i++;
        }
        assertThat(rarely.next().status()).as("after the first error (request " + i + ") it stays latched").isEqualTo(599);
        clock.advance(Duration.ofSeconds(31));
        assertThat(rarely.next().ok()).as("idle 31 s: back to the 1% error rate").isTrue();
    }

    @Test
    void maxRateAnswers429AboveTheRateOverTenSeconds() {
        FaultInjector f = new FaultInjector(new FacesKnobs(0, 0, List.of(), 2, "X-Faces-User"), clock, new Random(1));
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            if (f.next().status() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("20 requests in 10 s are 2 rps, the rest is over").isEqualTo(10);
        clock.advance(Duration.ofSeconds(11));
        assertThat(f.next().ok()).isTrue();
    }

    @Test
    void delaysComeFromTheBuckets() {
        FaultInjector f = new FaultInjector(new FacesKnobs(0, 0, List.of(0, 50, 1500), 0, "X-Faces-User"), clock, new Random(3));
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(f.next().delay());
        }
        assertThat(seen).containsExactlyInAnyOrder(Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(1500));
    }

    @Test
    void badKnobsNameTheVariableAndTheValue() {
        assertThatThrownBy(() -> FacesKnobs.from(Map.of("ERROR_FRACTION", "75%")))
                .isInstanceOf(AppStartException.class)
                .hasMessage("env ERROR_FRACTION='75%' is not a percentage; expected an integer from 0 to 100");
        assertThatThrownBy(() -> FacesKnobs.from(Map.of("DELAY_BUCKETS", "0,5,ten")))
                .hasMessageContaining("env DELAY_BUCKETS='0,5,ten' has 'ten', not a number");
        assertThat(FacesKnobs.from(Map.of("ERROR_FRACTION", "20", "DELAY_BUCKETS", "0, 5,-3", "MAX_RATE", "2.5")))
                .isEqualTo(new FacesKnobs(20, 0, List.of(0, 5, 0), 2.5, "X-Faces-User"));
    }

    @Test
    void smileysAndColorsByNameCodeOrLiteral() {
        assertThat(Smileys.lookup("HeartEyes")).contains("\uD83D\uDE0D");
        assertThat(Smileys.lookup("Smiling")).contains("\uD83D\uDE03");
        assertThat(Smileys.lookup("U+1F92F")).contains("\uD83E\uDD2F");
        assertThat(Smileys.lookup("\uD83D\uDC36")).contains("\uD83D\uDC36");
        assertThat(Smileys.lookup("Hapy")).isEmpty();
        assertThat(Colors.lookup("green")).contains("#228833");
        assertThat(Colors.lookup("#E0FFFF")).contains("#E0FFFF");
        assertThat(Colors.lookup("LightCyan")).contains("lightcyan");
        assertThat(Colors.lookup("red; background: url(x)")).isEmpty();
    }

    @Test
    void bareServiceNamesAreQualifiedWithTheCallersNamespace() {
        assertThat(FaceService.qualify("smiley", "faces")).isEqualTo("smiley.faces");
        assertThat(FaceService.qualify("smiley.other", "faces")).isEqualTo("smiley.other");
        assertThat(FaceService.qualify("http://color/", "faces")).isEqualTo("color.faces");
        assertThat(FaceService.smileyFallback(504)).isEqualTo("Sleeping");
        assertThat(FaceService.colorFallback(500)).isEqualTo("grey");
    }
}
