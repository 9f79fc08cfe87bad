package dev.sluice.delivery.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.delivery.metrics.QueryVariables;
import dev.sluice.delivery.metrics.template.GoTemplate;
import dev.sluice.delivery.metrics.template.TemplateException;
import dev.sluice.testkit.hostile.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every broken query of corpus/hostile/templates (missing keys, unclosed actions, unknown functions,
 * refused actions, nesting thousands deep) fails to parse or render with a TemplateException naming
 * the template, the position and the action, never another exception or a StackOverflowError.
 */
class TemplateCorpusTest {

    static final String NAME = "\"latency\" (MetricTemplate test/latency)";
    static final QueryVariables VARIABLES = new QueryVariables("podinfo", "test", "podinfo", "podinfo", "podinfo",
            "podinfo", "1m", Map.of("direction", "inbound"));

    @TestFactory
    Stream<DynamicTest> everyBrokenTemplateIsExplained() {
        var cases = HostileCorpus.files("templates", ".tmpl");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String text = Files.readString(c.input(), StandardCharsets.UTF_8);
            assertThatThrownBy(() -> GoTemplate.parse(NAME, text).render(VARIABLES))
                    .isInstanceOf(TemplateException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).startsWith("template " + NAME + ": ").hasSizeLessThan(1_000);
                        c.assertOutputNames(e.getMessage());
                    });
        }));
    }
}
