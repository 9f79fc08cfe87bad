package dev.sluice.delivery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.metrics.template.GoTemplate;
import dev.sluice.delivery.metrics.template.TemplateException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random metric query templates, from fragments of real ones and from raw characters: rendering
 * gives a string or a TemplateException that names the template; nothing else ever comes out.
 */
class TemplatePropertiesTest {

    private static final String[] FRAGMENTS = {
        "sum(rate(", "response_total{", "namespace=\"", "{{ namespace }}", "{{ target }}", "{{ interval }}", "\"}[",
        "{{ variables.direction }}", "{{ variables.missing }}", "{{ printf \"%s-%d\" name 3 }}", "{{ if eq namespace \"test\" }}",
        "{{ else if ne name \"x\" }}", "{{ else }}", "{{ end }}", "{{- ", " -}}", "{{/* c */}}", "{{ $x := target }}", "{{ $x }}",
        "{{ (printf \"%v\" (len name)) }}", "{{ index variables \"direction\" }}", "{{ name | printf \"%q\" }}", "{{", "}}",
        "(", ")", "\"", "{{ upper name }}", "{{ range . }}", "{{ .Values }}", "{{ and true false }}", "{{ or 0 \"\" }}",
        "{{ not }}", "{{ printf \"%*d\" 999999999 1 }}", "{{ print nil }}", "{{ 1e999 }}", "{{ -0x }}", "{{ 'a' }}", "{{ `raw` }}"
    };

    @Property(tries = 600)
    void fragmentsRenderOrFailWithTheirOwnError(@ForAll("fragments") List<String> parts) {
        renderOrExplain(String.join("", parts));
    }

    @Property(tries = 600)
    void rawCharactersRenderOrFailWithTheirOwnError(@ForAll("raw") String text) {
        renderOrExplain(text);
    }

    private static void renderOrExplain(String text) {
        try {
            GoTemplate.parse(TemplateCorpusTest.NAME, text).render(TemplateCorpusTest.VARIABLES);
        } catch (TemplateException e) {
            assertThat(e.getMessage()).startsWith("template " + TemplateCorpusTest.NAME).hasSizeLessThan(2_000);
        }
    }

    @Provide
    Arbitrary<List<String>> fragments() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> raw() {
        return Arbitraries.strings().withChars("{}()$.|-\"'`:=, \n\tabeinfx0%/*").ofMaxLength(60);
    }
}
