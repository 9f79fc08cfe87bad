package dev.sluice.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Label selector strings ({@code kubectl -l}, the API's {@code labelSelector}, kustomize targets):
 * anything either parses into requirements Kubernetes would accept, or is refused with an
 * IllegalArgumentException saying what is wrong. Accepted selectors print back to themselves.
 */
class LabelSelectorPropertiesTest {

    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

    @Property(tries = 1000)
    void anyStringIsParsedIntoValidRequirementsOrRefused(@ForAll("selectorish") String text) {
        LabelSelector s;
        try {
            s = LabelSelector.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid label selector").hasSizeLessThan(600);
            return;
        }
        for (LabelSelector.Requirement r : s.requirements()) {
            assertThat(r.key()).as("key of " + text).matches(KEY);
            assertThat(r.values()).as("values of " + text).allSatisfy(v -> assertThat(v).matches(VALUE));
            if (r.operator() == LabelSelector.Operator.IN || r.operator() == LabelSelector.Operator.NOT_IN) {
                assertThat(r.values()).isNotEmpty();
            }
        }
        assertThat(LabelSelector.parse(s.toString()).toString()).isEqualTo(s.toString());
    }

    @Property(tries = 300)
    void wellFormedSelectorsParseAndMatchAsWritten(@ForAll("requirement") String first, @ForAll("requirement") String second,
                                                   @ForAll("labels") Map<String, String> labels) {
        LabelSelector both = LabelSelector.parse(first + "," + second);
        assertThat(both.matches(labels))
                .isEqualTo(LabelSelector.parse(first).matches(labels) && LabelSelector.parse(second).matches(labels));
    }

    @Provide
    Arbitrary<String> selectorish() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("ab.-_/=!(), \tinotINé").ofMaxLength(40);
        return Arbitraries.oneOf(noise, requirement().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l)),
                Combinators.combine(requirement(), noise).as((r, n) -> r + n));
    }

    @Provide
    Arbitrary<String> requirement() {
        Arbitrary<String> key = Arbitraries.of("app", "env", "tier", "example.com/team", "canary");
        Arbitrary<String> value = Arbitraries.of("web", "prod", "dev", "a", "v1.2");
        Arbitrary<List<String>> values = value.list().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.oneOf(
                Combinators.combine(key, value).as((k, v) -> k + "=" + v),
                Combinators.combine(key, value).as((k, v) -> k + "==" + v),
                Combinators.combine(key, value).as((k, v) -> k + "!=" + v),
                Combinators.combine(key, values).as((k, v) -> k + " in (" + String.join(", ", v) + ")"),
                Combinators.combine(key, values).as((k, v) -> k + " notin (" + String.join(",", v) + ")"),
                key, key.map(k -> "!" + k));
    }

    @Provide
    Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of("app", "env", "tier", "example.com/team"), Arbitraries.of("web", "prod", "a"))
                .ofMaxSize(4);
    }
}
