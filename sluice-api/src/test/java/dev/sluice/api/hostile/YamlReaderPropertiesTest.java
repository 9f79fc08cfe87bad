package dev.sluice.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Yaml;
import dev.sluice.api.validation.ValidationReport;
import dev.sluice.api.validation.Validator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text comes in, the YAML reader either reads it or refuses it with an
 * {@link InvalidInputException} located in the file (never another exception, never an Error), and
 * {@code sluice validate} reports it as diagnostics instead of crashing. Tries are bounded so that
 * the suite stays fast; jqwik's seed is printed on failure for replay.
 */
class YamlReaderPropertiesTest {

    private static final Validator VALIDATOR = Validator.builtIn();

    @Property(tries = 400)
    void randomYamlishTextIsReadOrRefusedWithADiagnostic(@ForAll("yamlish") String text) {
        readOrRefuse(text);
    }

    @Property(tries = 400)
    void mutatedRealDocumentsAreReadOrRefusedWithADiagnostic(@ForAll("mutated") String text) {
        readOrRefuse(text);
    }

    @Property(tries = 300)
    void theValidatorReportsMutatedDocumentsAndNeverThrows(@ForAll("mutated") String text) {
        ValidationReport report = VALIDATOR.validateText(text, "m.yaml");
        report.diagnostics().forEach(d -> assertThat(d.source()).isEqualTo("m.yaml"));
    }

    @Property(tries = 150)
    void deepAndAliasedStructuresAreReadOrRefused(@ForAll("nested") String text) {
        readOrRefuse(text);
    }

    private static void readOrRefuse(String text) {
        try {
            Yaml.readAll(text, "p.yaml");
        } catch (InvalidInputException e) {
            assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.source()).isEqualTo("p.yaml"));
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars("ab:- \n\t[]{},&*!|>'\"#%@`?~0.\\<=").ofMaxLength(120);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(':', '-', ' ', '\n', '\t', '[', ']', '{', '}', '&', '*', '!', '|', '"', '\'', '#', '<', '\u0000', 'é'))
                .as(Edit::new);
        return Combinators.combine(Arbitraries.of(Seeds.ALL), edit.list().ofMinSize(1).ofMaxSize(6)).as(Edit::applyAll);
    }

    @Provide
    Arbitrary<String> nested() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, 400);
        Arbitrary<String> open = Arbitraries.of("[", "{a: ", "- ", "&x [", "{<<: *x, b: ");
        return Combinators.combine(depth, open, Arbitraries.of("1", "*x", "&x 1", "[*x, *x]")).as((d, o, leaf) -> {
            String close = switch (o) {
                case "[", "&x [" -> "]";
                case "- " -> "";
                default -> "}";
            };
            return "x: &x [1, 2]\ny: " + o.repeat(d) + leaf + close.repeat(d) + "\n";
        });
    }

    /** One small edit: delete, insert, replace a character; duplicate, drop, swap or re-indent a line. */
    record Edit(int kind, double where, char c) {

        static String applyAll(String seed, List<Edit> edits) {
            String s = seed;
            for (Edit e : edits) {
                s = e.apply(s);
            }
            return s;
        }

        String apply(String s) {
            if (s.isEmpty()) {
                return String.valueOf(c);
            }
            int i = (int) (where * (s.length() - 1));
            String[] lines = s.split("\n", -1);
            int l = (int) (where * (lines.length - 1));
            return switch (kind) {
                case 0 -> s.substring(0, i) + s.substring(i + 1);
                case 1 -> s.substring(0, i) + c + s.substring(i);
                case 2 -> s.substring(0, i) + c + s.substring(i + 1);
                case 3 -> join(lines, l, lines[l] + "\n" + lines[l]);
                case 4 -> join(lines, l, "");
                case 5 -> l + 1 < lines.length ? join(lines, l, lines[l + 1] + "\n" + lines[l]).replaceFirst(
                        "\n" + java.util.regex.Pattern.quote(lines[l + 1]) + "(?=\n|$)", "") : s;
                default -> join(lines, l, (where > 0.5 ? "  " : "") + lines[l].replaceFirst("^  ", where > 0.5 ? "" : " "));
            };
        }

        private static String join(String[] lines, int at, String replacement) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < lines.length; k++) {
                b.append(k == at ? replacement : lines[k]);
                if (k < lines.length - 1) {
                    b.append('\n');
                }
            }
            return b.toString();
        }
    }
}
