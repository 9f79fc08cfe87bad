package dev.sluice.helm.source.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OciVersionsTest {

    private static final List<String> TAGS = List.of("latest", "1.2", "v1.3.0", "1.0.0", "1.1.0", "1.1.1_build.2", "2.0.0-rc.1",
            "sha256-abc.sig");

    @Test
    void exactVersionsAreStrictSemverWithAnOptionalV() {
        assertThat(OciVersions.isExact("1.2.3")).isTrue();
        assertThat(OciVersions.isExact("v1.2.3-rc.1+build.5")).isTrue();
        assertThat(OciVersions.isExact("1.2")).isFalse();
        assertThat(OciVersions.isExact("1.x")).isFalse();
        assertThat(OciVersions.isExact(">=1.0.0")).isFalse();
        assertThat(OciVersions.isExact("*")).isFalse();
        assertThat(OciVersions.isExact("")).isFalse();
    }

    @Test
    void onlyStrictSemverTagsCountAndUnderscoresStandForPlus() {
        assertThat(OciVersions.versions(TAGS)).extracting(v -> v.original())
                .containsExactly("2.0.0-rc.1", "1.1.1+build.2", "1.1.0", "1.0.0");
        assertThat(OciVersions.tag("1.1.1+build.2")).isEqualTo("1.1.1_build.2");
    }

    @Test
    void picksTheHighestMatchAndNeverAPreReleaseForAStar() {
        assertThat(OciVersions.select(TAGS, "*", "c", "oci://r/c")).isEqualTo("1.1.1+build.2");
        assertThat(OciVersions.select(TAGS, "", "c", "oci://r/c")).isEqualTo("1.1.1+build.2");
        assertThat(OciVersions.select(TAGS, "~1.0", "c", "oci://r/c")).isEqualTo("1.0.0");
        assertThat(OciVersions.select(TAGS, ">=2.0.0-0", "c", "oci://r/c")).isEqualTo("2.0.0-rc.1");
        assertThat(OciVersions.select(TAGS, "1.1.1+build.2", "c", "oci://r/c")).isEqualTo("1.1.1+build.2");
    }

    @Test
    void noMatchListsTheVersionsSeen() {
        assertThatThrownBy(() -> OciVersions.select(TAGS, "3.x", "c", "oci://r/c"))
                .hasMessage("no 'c' chart with version matching '3.x' found in oci://r/c; versions seen: 2.0.0-rc.1, 1.1.1+build.2, 1.1.0, 1.0.0");
        assertThatThrownBy(() -> OciVersions.select(List.of("latest"), "1.x", "c", "oci://r/c"))
                .hasMessage("no 'c' chart with version matching '1.x' found in oci://r/c; it has no semver tags (latest)");
        assertThatThrownBy(() -> OciVersions.select(List.of(), "1.x", "c", "oci://r/c")).hasMessageEndingWith("it has no tags");
        assertThatThrownBy(() -> OciVersions.select(TAGS, ">=1.0, abc", "c", "oci://r/c"))
                .hasMessageStartingWith("invalid version '>=1.0, abc' for chart 'c': ");
    }
}
