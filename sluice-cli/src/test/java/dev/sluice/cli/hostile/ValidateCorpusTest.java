package dev.sluice.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.cli.SluiceCommand;
import dev.sluice.testkit.hostile.HostileCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code sluice validate FILE} on every YAML input of the hostile corpus (corpus/hostile/yaml and the
 * generated corpus/hostile/specs): each one exits 1 with an error that names the file, the document,
 * the field path, the offending value and what was expected (the case's .expect substrings); the
 * controls (!valid) exit 0; warnings-only inputs exit 0 and still say what is wrong. No exception
 * ever escapes and no message floods the terminal.
 */
class ValidateCorpusTest {

    /** A pasted blob is cut in messages (Values.MAX_SHOWN and friends); nothing should come near this. */
    private static final int MAX_MESSAGE = 1_000;

    @TestFactory
    Stream<DynamicTest> everyYamlInputGetsAClearError() {
        List<HostileCorpus.Case> cases = new ArrayList<>(HostileCorpus.files("yaml", ".yaml"));
        cases.addAll(HostileCorpus.files("specs", ".yaml"));
        assertThat(cases).hasSizeGreaterThan(200);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(HostileCorpus.Case c) {
        Run r = validate(c.input().toString());
        assertThat(r.err).as(c.name() + " writes nothing to stderr (no stack trace)").isEmpty();
        JsonNode report = Json.parseObject(r.out);
        List<String> lines = new ArrayList<>();
        for (JsonNode d : report.path("diagnostics")) {
            assertThat(d.path("file").asText()).as(c.name() + ": every finding names the file").isEqualTo(c.input().toString());
            assertThat(d.path("message").asText().length()).as(c.name() + ": message length").isLessThan(MAX_MESSAGE);
            lines.add(d.path("severity").asText() + ": " + d.path("text").asText());
        }
        String output = String.join("\n", lines);
        int errors = report.path("errors").asInt();
        if (c.valid()) {
            assertThat(errors).as(c.name() + " is a valid control:\n" + output).isZero();
            assertThat(r.code).isZero();
            return;
        }
        if (c.warningOnly()) {
            assertThat(r.code).as(c.name() + " only warns:\n" + output).isZero();
            assertThat(report.path("warnings").asInt()).isPositive();
        } else {
            assertThat(errors).as(c.name() + " must be refused:\n" + output).isPositive();
            assertThat(r.code).isEqualTo(1);
            for (JsonNode d : report.path("diagnostics")) {
                if (d.path("severity").asText().equals("error") && !d.path("message").asText().startsWith("invalid YAML")
                        && !d.path("message").asText().startsWith("not UTF-8")) {
                    // a structural or semantic error points into the document: its index and a field path
                    assertThat(d.path("document").asInt()).as(c.name() + ": " + d).isGreaterThanOrEqualTo(0);
                }
            }
        }
        c.assertOutputNames(output);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run validate(String file) {
        CommandLine cl = SluiceCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("validate", "-o", "json", file);
        return new Run(code, out.toString(), err.toString());
    }
}
