package dev.sluice.local.mesh.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestValuesTest {

    @Test
    void cookies() {
        assertThat(RequestValues.cookie("a=1; canary=always; b=2", "canary")).isEqualTo("always");
        assertThat(RequestValues.cookie("xcanary=1;canary=\"q\"", "canary")).isEqualTo("q");
        assertThat(RequestValues.cookie("a=1", "canary")).isNull();
        assertThat(RequestValues.cookie(null, "canary")).isNull();
    }

    @Test
    void queryParameters() {
        assertThat(RequestValues.query("a=1&b=x%20y&b=2", "b")).isEqualTo("x y");
        assertThat(RequestValues.query("flag&x=1", "flag")).isEmpty();
        assertThat(RequestValues.query("", "a")).isNull();
    }
}
