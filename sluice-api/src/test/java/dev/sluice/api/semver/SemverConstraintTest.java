package dev.sluice.api.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SemverConstraintTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "1.2.3          ; 1.2.3      ; true",
            "1.2.3          ; 1.2.4      ; false",
            "=1.2           ; 1.2.9      ; true",
            "1.x            ; 1.9.0      ; true",
            "1.x            ; 2.0.0      ; false",
            "*              ; 3.1.4      ; true",
            "*              ; 3.1.4-rc.1 ; false",
            "!=1.2.3        ; 1.2.4      ; true",
            "!=1.2.3        ; 1.2.3      ; false",
            ">1.2.3         ; 1.2.4      ; true",
            ">1.2           ; 1.2.9      ; false",
            ">1.2           ; 1.3.0      ; true",
            ">=1.2.3        ; 1.2.3      ; true",
            "<2.0.0         ; 1.99.0     ; true",
            "<2.0.0         ; 2.0.0      ; false",
            "<=1.2          ; 1.2.9      ; true",
            "<=1.2          ; 1.3.0      ; false",
            "~1.2.3         ; 1.2.9      ; true",
            "~1.2.3         ; 1.3.0      ; false",
            "~1             ; 1.9.9      ; true",
            "^1.2.3         ; 1.9.0      ; true",
            "^1.2.3         ; 2.0.0      ; false",
            "^0.2.3         ; 0.2.9      ; true",
            "^0.2.3         ; 0.3.0      ; false",
            "^0.0.3         ; 0.0.4      ; false",
            ">=1.0.0 <2.0.0 ; 1.5.0      ; true",
            ">=1.0.0, <2.0.0; 2.0.0      ; false",
            ">= 1.0.0       ; 1.0.0      ; true",
            "1.2 - 1.4.5    ; 1.4.5      ; true",
            "1.2 - 1.4.5    ; 1.4.6      ; false",
            "<1 || >=3      ; 3.0.0      ; true",
            "<1 || >=3      ; 2.0.0      ; false",
            ">=1.0.0        ; 2.0.0-rc.1 ; false",
            ">=2.0.0-rc.0   ; 2.0.0-rc.1 ; true",
            "v1.2.x         ; v1.2.7     ; true",
    })
    void matchesLikeMasterminds(String range, String version, boolean expected) {
        SemVersion v = SemVersion.parse(version).orElseThrow();
        assertThat(SemverConstraint.parse(range).matches(v)).isEqualTo(expected);
    }

    @Test
    void picksTheHighestMatchingVersion() {
        List<SemVersion> tags = List.of("v1.0.0", "v1.2.0", "v1.10.0", "v2.0.0", "v1.11.0-rc.1", "not-a-version")
                .stream().map(SemVersion::parse).flatMap(Optional::stream).toList();
        assertThat(SemverConstraint.parse("~1").highest(tags)).map(SemVersion::original).contains("v1.10.0");
        assertThat(SemverConstraint.parse(">=3").highest(tags)).isEmpty();
    }

    @Test
    void orderingFollowsSemver() {
        assertThat(SemVersion.parse("1.0.0-rc.2").orElseThrow())
                .isLessThan(SemVersion.parse("1.0.0-rc.10").orElseThrow())
                .isLessThan(SemVersion.parse("1.0.0").orElseThrow());
        assertThat(SemVersion.parse("1.0.0-alpha").orElseThrow()).isLessThan(SemVersion.parse("1.0.0-alpha.1").orElseThrow());
        assertThat(SemVersion.parse("1.2").orElseThrow().canonical()).isEqualTo("1.2.0");
        assertThat(SemVersion.parse("main")).isEmpty();
    }

    @Test
    void rejectsGarbageNamingThePart() {
        assertThatThrownBy(() -> SemverConstraint.parse(">=1.0, abc"))
                .hasMessageContaining("'abc' in '>=1.0, abc' is not a semver comparator");
        assertThatThrownBy(() -> SemverConstraint.parse(" ")).hasMessageContaining("empty semver range");
    }
}
