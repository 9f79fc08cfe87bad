package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("app", "web", "env", "prod");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "app=web|true", "app==web|true", "app=api|false", "app!=api|true", "env in (prod,dev)|true",
            "env notin (prod)|false", "env notin (dev)|true", "canary|false", "!canary|true", "app|true",
            "app=web,env in (dev)|false", "app=web,env in (dev, prod)|true", "''|true"})
    void matches(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"app in prod", "=web", "a b=c"})
    void rejectsWithTheOffendingPart(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(selector);
    }

    @org.junit.jupiter.api.Test
    void readsMatchExpressions() {
        var node = Yaml.readOne("""
                matchLabels: {app: web}
                matchExpressions:
                - {key: env, operator: NotIn, values: [dev]}
                - {key: canary, operator: DoesNotExist}
                """, "s").content();
        LabelSelector s = LabelSelector.fromNode(node, FieldPath.of("spec.selector"));
        assertThat(s.matches(LABELS)).isTrue();
        assertThat(s.matches(Map.of("app", "web", "env", "dev"))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void badOperatorNamesItsPath() {
        var node = Yaml.readOne("matchExpressions: [{key: env, operator: Has, values: [x]}]", "s").content();
        assertThatThrownBy(() -> LabelSelector.fromNode(node, FieldPath.of("spec.selector")))
                .hasMessageContaining("spec.selector.matchExpressions[0].operator")
                .hasMessageContaining("'Has'");
    }
}
