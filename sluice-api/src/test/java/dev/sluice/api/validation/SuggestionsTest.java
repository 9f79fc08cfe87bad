package dev.sluice.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("interval", "threshold", "maxWeight", "stepWeight", "stepWeights",
            "iterations", "metrics", "webhooks", "match");

    static Stream<Arguments> typos() {
        return Stream.of(
                Arguments.of("stepWieght", "stepWeight"),   // swapped neighbours cost 1
                Arguments.of("stepweight", "stepWeight"),   // case only
                Arguments.of("intervall", "interval"),
                Arguments.of("treshold", "threshold"),
                Arguments.of("maxweigth", "maxWeight"),
                Arguments.of("webhook", "webhooks"),
                Arguments.of("metric", "metrics"),
                Arguments.of("mtach", "match"),
                Arguments.of("provider", null),             // nothing close
                Arguments.of("x", null),
                Arguments.of("interval", null));            // exact: no suggestion
    }

    @ParameterizedTest
    @MethodSource("typos")
    void suggestsTheClosestKnownName(String typo, String expected) {
        assertThat(Suggestions.closest(typo, FIELDS)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void distanceCountsAnAdjacentSwapAsOneEdit() {
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void joinsListsAsEnglish() {
        assertThat(Suggestions.joinOr(List.of("a"))).isEqualTo("a");
        assertThat(Suggestions.joinOr(List.of("a", "b"))).isEqualTo("a or b");
        assertThat(Suggestions.joinAnd(List.of("a", "b", "c"))).isEqualTo("a, b and c");
    }
}
