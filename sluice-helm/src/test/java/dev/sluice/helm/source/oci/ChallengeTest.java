package dev.sluice.helm.source.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void readsABearerChallengeWithQuotedCommas() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:a/b:pull,push\"").orElseThrow();
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.params()).isEqualTo(Map.of("realm", "https://auth.example/token", "service", "registry.example",
                "scope", "repository:a/b:pull,push"));
    }

    @Test
    void readsBasicUnquotedAndEscapedValues() {
        assertThat(Challenge.parse("Basic realm=registry").orElseThrow()).isEqualTo(new Challenge("basic", Map.of("realm", "registry")));
        assertThat(Challenge.parse("Bearer Realm=\"a\\\"b\" , error=insufficient_scope").orElseThrow().params())
                .isEqualTo(Map.of("realm", "a\"b", "error", "insufficient_scope"));
        assertThat(Challenge.parse("")).isEmpty();
        assertThat(Challenge.parse(null)).isEmpty();
    }
}
