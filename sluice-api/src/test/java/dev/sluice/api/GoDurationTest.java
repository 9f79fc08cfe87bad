package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"10s,10000", "1m30s,90000", "1.5h,5400000", "500ms,500", "1h0m0s,3600000", "0,0", "2m,120000"})
    void parses(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"600000,10m0s", "3600000,1h0m0s", "1200,1.2s", "250,250ms", "0,0s", "90000,1m30s", "3723500,1h2m3.5s"})
    void formatsLikeGo(long millis, String text) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"10", "abc", "5 m", "1x", "''"})
    void rejectsWithTheOffendingText(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
