package dev.sluice.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GoDuration;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.Yaml;
import dev.sluice.api.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Values crafted to break the parsers the validator and the controllers share. */
class HostileValuesTest {

    private static final String CANARY = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata: {name: p, namespace: test}
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: p}
              service: {port: 80}
              analysis: {interval: %s, threshold: %s, stepWeight: 10}
            """;

    /** The guard is a hang detector: the old unanchored scan needed minutes for this (quadratic). */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aMegabyteOfDigitsIsNotADurationAndIsRefusedInLinearTime() {
        String garbage = "9".repeat(1_000_000) + "x";
        assertThatThrownBy(() -> GoDuration.parse(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        String manyParts = "1s".repeat(500_000) + "x";
        assertThatThrownBy(() -> GoDuration.parse(manyParts)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsThatOverflowAreRefusedInsteadOfWrappingAround() {
        assertThatThrownBy(() -> GoDuration.parse("9999999999999h")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> GoDuration.parse("2562048h")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> GoDuration.parse("1" + "0".repeat(60) + "s")).hasMessageContaining("out of range");
        assertThat(GoDuration.parse("2562047h").toHours()).isEqualTo(2562047);
    }

    @Test
    void nanInfinityAndHugeIntegersAreErrorsNotCrashes() {
        var v = Validator.builtIn();
        assertThat(v.validateText(CANARY.formatted("1m", ".nan"), "nan.yaml").errors()).singleElement()
                .satisfies(d -> assertThat(d.toString()).contains("spec.analysis.threshold").contains("is not a whole number"));
        assertThat(v.validateText(CANARY.formatted("1m", "-.inf"), "inf.yaml").errors()).singleElement()
                .satisfies(d -> assertThat(d.toString()).contains("spec.analysis.threshold"));
        assertThat(v.validateText(CANARY.formatted("1m", "1" + "0".repeat(40)), "big.yaml").errors()).singleElement()
                .satisfies(d -> assertThat(d.toString()).contains("spec.analysis.threshold").contains("is out of range"));
        // 2^64 + 5 used to be read as 5 (the low bits of the long), a valid threshold
        assertThat(v.validateText(CANARY.formatted("1m", "18446744073709551621"), "wrap.yaml").hasErrors()).isTrue();
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheByteAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "a: 1\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Yaml.readAll(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("not UTF-8 text: byte 0xE9 at line 2, byte 10");
    }

    @Test
    void aControlCharacterIsNamedWithItsPosition() {
        assertThatThrownBy(() -> Yaml.readAll("a: 1\nb: x\u0007y\n", "bell.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bell.yaml[0] invalid YAML: special character U+0007 at line 2, column 5");
    }

    @Test
    void labelSelectorsRefuseWhatKubernetesRefuses() {
        for (String bad : List.of("app=we b", "app==web==x", "env in ()", "app=-x", "a/b/c", "k".repeat(64),
                "Example.com/app", "app=" + "v".repeat(64))) {
            assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid label selector");
        }
        assertThat(LabelSelector.parse("example.com/app=web,env notin (a, b),!canary,tier").toString())
                .isEqualTo("example.com/app=web,env notin (a,b),!canary,tier");
        assertThat(LabelSelector.parse("app=").matches(java.util.Map.of("app", ""))).isTrue();
    }
}
