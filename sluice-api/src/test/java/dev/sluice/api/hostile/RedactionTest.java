package dev.sluice.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Redaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void passwordsInUrlsAreMaskedWhereverTheUrlStands() {
        assertThat(Redaction.urls("POST http://hook:s3cr3t@127.0.0.1:1/gate: connection refused"))
                .isEqualTo("POST http://hook:***@127.0.0.1:1/gate: connection refused");
        assertThat(Redaction.urls("a https://u:p%40ss@h/x and ssh://git:pw@h:22/r"))
                .isEqualTo("a https://u:***@h/x and ssh://git:***@h:22/r");
        assertThat(Redaction.urls("https://user@host/x and http://host:8080/x?a=b@c"))
                .as("no password, or a port: unchanged").isEqualTo("https://user@host/x and http://host:8080/x?a=b@c");
    }

    @Test
    void knownValuesAreMaskedLongestFirstAndShortOnesAreLeft() {
        assertThat(Redaction.values("Authorization=[Bearer abcd1234] token abcd1234", List.of("Bearer abcd1234", "abcd1234")))
                .isEqualTo("Authorization=[***] token ***");
        assertThat(Redaction.values("the value is ab", List.of("ab"))).isEqualTo("the value is ab");
    }
}
