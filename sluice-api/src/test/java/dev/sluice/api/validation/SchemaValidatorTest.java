package dev.sluice.api.validation;

import static dev.sluice.api.validation.Types.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.Yaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message format of the structural validator: path, offending value, expectation. */
class SchemaValidatorTest {

    private static final Schema.Obj ANALYSIS = object(
            required("interval", duration("^[0-9]+(m|s)", "a whole number of seconds or minutes, e.g. 10s or 1m")),
            field("threshold", integer().min(0)),
            field("iterations", integer()),
            field("stepWeight", integer().min(0).max(100)),
            field("stepWeights", listOf(integer())),
            field("mirror", bool()),
            field("ratio", number(0.0, 1.0)),
            field("provider", enumOf("linkerd", "nginx", "istio")),
            field("url", string().pattern("^(http|https)://", "a URL starting with http:// or https://")),
            field("name", string().length(1, 5)),
            field("labels", stringMap()),
            field("hosts", stringList().size(1, 2)),
            field("port", intOrString()),
            field("cpu", quantity()),
            field("timeout", fluxDuration()),
            field("values", anyObject()),
            field("old", string()).deprecated("use name"),
            field("ref", object(required("name", string()))))
            .oneOf("iterations", "stepWeight", "stepWeights");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("interval: 10x\niterations: 1", "spec.analysis.interval: '10x' is not a duration; expected e.g. 30s, 5m or 1h30m"),
                Arguments.of("interval: 10\niterations: 1", "spec.analysis.interval: 10 is not a duration; expected e.g. 30s, 5m or 1h30m"),
                Arguments.of("interval: 1h\niterations: 1",
                        "spec.analysis.interval: '1h' is not accepted here; expected a whole number of seconds or minutes, e.g. 10s or 1m"),
                Arguments.of("iterations: 1", "spec.analysis.interval: required field is missing; expected a duration, e.g. 30s, 5m or 1h30m"),
                Arguments.of("interval: 1m\niterations: 1\nstepWieght: 5", "spec.analysis.stepWieght: not a known field; did you mean stepWeight?"),
                Arguments.of("interval: 1m\nstepWeight: 150", "spec.analysis.stepWeight: 150 is out of range; expected a whole number between 0 and 100"),
                Arguments.of("interval: 1m\nstepWeight: '5'", "spec.analysis.stepWeight: '5' is a string, not a whole number; write it without quotes: 5"),
                Arguments.of("interval: 1m\nstepWeight: 2.5", "spec.analysis.stepWeight: 2.5 is not a whole number; expected a whole number between 0 and 100"),
                Arguments.of("interval: 1m\nstepWeight: five", "spec.analysis.stepWeight: 'five' is not a whole number; expected a whole number between 0 and 100"),
                Arguments.of("interval: 1m\nthreshold: -1\niterations: 1", "spec.analysis.threshold: -1 is out of range; expected a whole number >= 0"),
                Arguments.of("interval: 1m\niterations: 1\nmirror: yes", "spec.analysis.mirror: 'yes' is not a boolean; expected true or false"),
                Arguments.of("interval: 1m\niterations: 1\nmirror: 'true'", "spec.analysis.mirror: 'true' is a string, not a boolean; write it without quotes: true"),
                Arguments.of("interval: 1m\niterations: 1\nratio: 1.5", "spec.analysis.ratio: 1.5 is out of range; expected a number between 0 and 1"),
                Arguments.of("interval: 1m\niterations: 1\nprovider: linkred", "spec.analysis.provider: 'linkred' is not one of linkerd, nginx or istio; did you mean linkerd?"),
                Arguments.of("interval: 1m\niterations: 1\nprovider: traefik", "spec.analysis.provider: 'traefik' is not one of linkerd, nginx or istio"),
                Arguments.of("interval: 1m\niterations: 1\nurl: ftp://x", "spec.analysis.url: 'ftp://x' is not valid; expected a URL starting with http:// or https://"),
                Arguments.of("interval: 1m\niterations: 1\nname: ''", "spec.analysis.name: '' is too short; expected at least 1 character"),
                Arguments.of("interval: 1m\niterations: 1\nname: toolong", "spec.analysis.name: 'toolong' is too long (7 characters); expected at most 5"),
                Arguments.of("interval: 1m\niterations: 1\nname: 5", "spec.analysis.name: 5 is not a string; expected a string (put it in quotes: \"5\")"),
                Arguments.of("interval: 1m\niterations: 1\nlabels: {version: 2}", "spec.analysis.labels.version: 2 is not a string; expected a string (put it in quotes: \"2\")"),
                Arguments.of("interval: 1m\niterations: 1\nlabels: [a]", "spec.analysis.labels: expected a mapping, got a list"),
                Arguments.of("interval: 1m\niterations: 1\nhosts: a.example", "spec.analysis.hosts: expected a list, got 'a.example'"),
                Arguments.of("interval: 1m\niterations: 1\nhosts: []", "spec.analysis.hosts: has 0 items; expected at least 1"),
                Arguments.of("interval: 1m\niterations: 1\nhosts: [a, b, c]", "spec.analysis.hosts: has 3 items; expected at most 2"),
                Arguments.of("interval: 1m\niterations: 1\nhosts: [a, null]", "spec.analysis.hosts[1]: null is not allowed here; expected a string"),
                Arguments.of("interval: 1m\niterations: 1\nport: 1.5", "spec.analysis.port: 1.5 is not a number or a name; expected e.g. 8080 or http"),
                Arguments.of("interval: 1m\niterations: 1\ncpu: lots", "spec.analysis.cpu: 'lots' is not a quantity; expected e.g. 250m, 1Gi or 2"),
                Arguments.of("interval: 1m\niterations: 1\ntimeout: '-5m'",
                        "spec.analysis.timeout: '-5m' is not accepted here; expected a positive duration with units ms, s, m or h, e.g. 30s, 5m or 1h30m"),
                Arguments.of("interval: 1m\niterations: 1\nvalues: 3", "spec.analysis.values: expected a mapping, got 3"),
                Arguments.of("interval: 1m\niterations: 1\nref: {}", "spec.analysis.ref.name: required field is missing; expected a string"),
                Arguments.of("interval: 1m\niterations: 1\nref: main", "spec.analysis.ref: expected a mapping, got 'main'"),
                Arguments.of("interval: 1m", "spec.analysis: one of iterations, stepWeight or stepWeights is required"),
                Arguments.of("interval: 1m\niterations: 1\nstepWeight: 5", "spec.analysis: set only one of iterations, stepWeight or stepWeights; found iterations and stepWeight"),
                Arguments.of("interval: 1m\niterations: 1\nold: x", "spec.analysis.old: deprecated: use name"),
                Arguments.of("interval: 1m\niterations: 1\nzzz: 1",
                        "spec.analysis.zzz: not a known field"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsPathValueAndExpectation(String yaml, String expected) {
        List<Diagnostic> found = SchemaValidator.validate(Yaml.readOne(yaml, "t").content(), ANALYSIS,
                FieldPath.of("spec.analysis"));
        assertThat(found).extracting(Diagnostic::toString).containsExactly(expected);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsValidValues(String yaml) {
        assertThat(SchemaValidator.validate(Yaml.readOne(yaml, "t").content(), ANALYSIS, FieldPath.root())).isEmpty();
    }

    static Stream<String> valid() {
        return Stream.of(
                "interval: 10s\nstepWeight: 5",
                "interval: 1m\niterations: 10\nmirror: true\nport: http\ncpu: 250m",
                "interval: 1m\nstepWeights: [1, 2, 3]\nport: 8080\ncpu: 2\nratio: 0.5\ntimeout: 1h30m",
                "interval: 1m\niterations: 1\nvalues: {any: [thing, {at: all}]}\nlabels: {a: b}\nhosts: [x]",
                "interval: 1m\niterations: 1\nold: ~\nstepWeight: null");
    }

    @ParameterizedTest
    @MethodSource("unknownFieldPolicies")
    void unknownFieldsFollowTheObjectsPolicy(Schema.Unknown policy, String expected) {
        Schema.Obj o = object(field("name", string())).unknownFields(policy);
        List<Diagnostic> found = SchemaValidator.validate(Yaml.readOne("nmae: x", "t").content(), o, FieldPath.root());
        assertThat(found).extracting(Diagnostic::toString).containsExactly(expected.isEmpty() ? new String[0] : new String[] {expected});
        if (policy == Schema.Unknown.REJECT) {
            assertThat(found.get(0).isError()).isTrue();
        }
    }

    static Stream<Arguments> unknownFieldPolicies() {
        return Stream.of(
                Arguments.of(Schema.Unknown.WARN, "nmae: not a known field; did you mean name?"),
                Arguments.of(Schema.Unknown.REJECT, "nmae: not a known field; did you mean name?"),
                Arguments.of(Schema.Unknown.PRESERVE, ""));
    }

    @org.junit.jupiter.api.Test
    void unknownFieldWithoutCloseMatchListsTheFewKnownOnes() {
        Schema.Obj o = object(field("name", string()), field("namespace", string()));
        assertThat(SchemaValidator.validate(Yaml.readOne("colour: red", "t").content(), o, FieldPath.root()))
                .extracting(Diagnostic::toString).containsExactly("colour: not a known field; expected one of name or namespace");
    }

    @org.junit.jupiter.api.Test
    void longStringsAreCutInMessages() {
        String value = "x".repeat(200);
        List<Diagnostic> found = SchemaValidator.validate(Yaml.readOne("name: " + value, "t").content(),
                object(field("name", string().length(0, 5))), FieldPath.root());
        assertThat(found.get(0).message()).startsWith("'" + "x".repeat(80) + "...' is too long (200 characters)");
    }
}
