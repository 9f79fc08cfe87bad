package dev.sluice.delivery.metrics.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.delivery.metrics.QueryVariables;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

    static final QueryVariables VARS = new QueryVariables("podinfo", "test", "podinfo", "podinfo-svc", "podinfo-ing",
            "podinfo-route", "1m", Map.of("direction", "inbound", "code", "5.."));

    private static String render(String template) throws TemplateException {
        return GoTemplate.parse("\"t\"", template).render(VARS);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
            "{{ name }}.{{ namespace }} => podinfo.test",
            "{{ target }} {{ service }} {{ ingress }} {{ route }} {{ interval }} => podinfo podinfo-svc podinfo-ing podinfo-route 1m",
            "{{ variables.direction }} => inbound",
            "x{{variables.code}}y => x5..y",
            "'a  {{- name -}}  b' => apodinfob",
            "'a {{- /* a comment */ -}} b' => ab",
            "'{{/* gone */}}rest' => rest",
            "{{ name | printf \"%s-canary\" }} => podinfo-canary",
            "{{ printf \"%s_%s\" namespace (target) }} => test_podinfo",
            "'{{- $r := printf \"kube_%s__%s\" namespace ingress }}{{ $r }}' => kube_test__podinfo-ing",
            "{{ if eq interval \"1m\" }}one{{ else if eq interval \"5m\" }}five{{ else }}other{{ end }} => one",
            "{{ if variables.direction }}dir={{ variables.direction }}{{ end }} => dir=inbound",
            "{{ len variables }} {{ index variables \"code\" }} => 2 5..",
            "{{ \"quoted \\\"s\\\"\" }} {{ `raw` }} {{ 42 }} => quoted \"s\" raw 42",
            "{{ variables }} => map[code:5.. direction:inbound]",
    })
    void rendersLikeGo(String template, String expected) throws Exception {
        assertThat(render(template)).isEqualTo(expected);
    }

    @Test
    void missingVariableKeyIsAnErrorNamingTheTemplateThePositionAndTheKey() {
        assertThatThrownBy(() -> render("sum(x{direction=\"{{ variables.dir }}\"})"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template \"t\": 1:18: {{ variables.dir }}: map has no entry for key \"dir\" (known: code, direction)");
        assertThatThrownBy(() -> GoTemplate.parse("q", "{{ variables.k }}").render(new QueryVariables("n", "ns", "t",
                "s", "i", "r", "1m", Map.of()))).hasMessageContaining("none; set it in the metric's templateVariables");
    }

    @Test
    void syntaxErrorsAreFoundAtParseTime() {
        assertThatThrownBy(() -> render("{{ nam }}")).hasMessageContaining("function \"nam\" not defined");
        assertThatThrownBy(() -> render("line1\n  {{ name ")).hasMessage("template \"t\": 2:3: unclosed action");
        assertThatThrownBy(() -> render("{{ range variables }}x{{ end }}")).hasMessageContaining("{{range}} is not supported");
        assertThatThrownBy(() -> render("{{ if name }}x")).hasMessageContaining("missing {{end}}");
        assertThatThrownBy(() -> render("{{ end }}")).hasMessageContaining("unexpected {{end}}");
        assertThatThrownBy(() -> render("{{ $x }}")).hasMessageContaining("undefined variable: $x");
        assertThatThrownBy(() -> render("{{ name 1 }}")).hasMessageContaining("wrong number of args for name");
    }

    @Test
    void flaggersLinkerdQueryRendersToThePromQlOfTheReference() throws Exception {
        String q = """
                sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",classification!="failure",direction="inbound"}[{{ interval }}]))
                / sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) * 100""";
        assertThat(render(q)).isEqualTo("""
                sum(rate(response_total{namespace="test",deployment=~"podinfo",classification!="failure",direction="inbound"}[1m]))
                / sum(rate(response_total{namespace="test",deployment=~"podinfo",direction="inbound"}[1m])) * 100""");
    }
}
