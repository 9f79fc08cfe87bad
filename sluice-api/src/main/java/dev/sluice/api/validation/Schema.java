package dev.sluice.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The type of a value in a kind's schema: a small, data-driven description used for structural
 * validation ({@link SchemaValidator}), unknown-field warnings with a did-you-mean, and the CRDs'
 * {@code openAPIV3Schema}. Build instances with the factories in {@link Types}. Immutable.
 */
public sealed interface Schema permits Schema.Str, Schema.Int, Schema.Num, Schema.Bool, Schema.Duration,
        Schema.Quantity, Schema.IntOrString, Schema.Enum, Schema.MapOf, Schema.ListOf, Schema.Obj, Schema.Any {

    /** What a valid value looks like, for messages: "a string", "true or false", "a duration, e.g. 5m". */
    String expectation();

    /**
     * A string.
     *
     * @param pattern     a regular expression the value must contain a match of (as the API server
     *                    checks OpenAPI patterns: unanchored unless the regex anchors itself), or null
     * @param patternHint what matching values look like, for messages, e.g. "a URL starting with https://"
     * @param format      an OpenAPI format for the CRD (not checked), or null
     */
    record Str(String pattern, String patternHint, int minLength, int maxLength, String format) implements Schema {

        public Str pattern(String regex, String hint) {
            return new Str(regex, hint, minLength, maxLength, format);
        }

        public Str length(int min, int max) {
            return new Str(pattern, patternHint, min, max, format);
        }

        public Str format(String openApiFormat) {
            return new Str(pattern, patternHint, minLength, maxLength, openApiFormat);
        }

        @Override
        public String expectation() {
            return patternHint != null ? patternHint : "a string";
        }
    }

    /** A whole number, with optional inclusive bounds (null when unbounded). */
    record Int(Long min, Long max, String format) implements Schema {

        public Int min(long value) {
            return new Int(value, max, format);
        }

        public Int max(long value) {
            return new Int(min, value, format);
        }

        public Int format(String openApiFormat) {
            return new Int(min, max, openApiFormat);
        }

        @Override
        public String expectation() {
            return "a whole number" + Bounds.describe(min, max);
        }
    }

    /** Any number, with optional inclusive bounds. */
    record Num(Double min, Double max) implements Schema {

        @Override
        public String expectation() {
            return "a number" + Bounds.describe(min, max);
        }
    }

    record Bool() implements Schema {

        @Override
        public String expectation() {
            return "true or false";
        }
    }

    /**
     * A Go duration string ({@code 1m30s}). {@code pattern} is the stricter form a CRD may demand
     * (Flux: no {@code 0}, no sign; Flagger: seconds or minutes only), with {@code patternHint}
     * saying what it accepts.
     */
    record Duration(String pattern, String patternHint) implements Schema {

        @Override
        public String expectation() {
            return "a duration, e.g. 30s, 5m or 1h30m";
        }
    }

    /** A Kubernetes resource quantity: {@code 250m}, {@code 1Gi}, {@code 2}. */
    record Quantity() implements Schema {

        @Override
        public String expectation() {
            return "a quantity, e.g. 250m, 1Gi or 2";
        }
    }

    /** An integer or a string, like a Service's {@code targetPort}. */
    record IntOrString() implements Schema {

        @Override
        public String expectation() {
            return "a number or a name";
        }
    }

    /** One string out of a fixed list; {@code ""} may be one of them, as Flagger's CRD allows. */
    record Enum(List<String> values) implements Schema {

        public Enum {
            values = List.copyOf(values);
        }

        @Override
        public String expectation() {
            return "one of " + Suggestions.joinOr(values.stream().filter(v -> !v.isEmpty()).toList());
        }
    }

    /** A mapping from free-form keys to values of one type, like labels. */
    record MapOf(Schema values) implements Schema {

        @Override
        public String expectation() {
            return "a mapping";
        }
    }

    /** A list whose items have one type. {@code maxItems} is 0 when unbounded. */
    record ListOf(Schema items, int minItems, int maxItems) implements Schema {

        public ListOf size(int min, int max) {
            return new ListOf(items, min, max);
        }

        @Override
        public String expectation() {
            return "a list";
        }
    }

    /** What happens to fields an object's schema does not list. */
    enum Unknown {
        /** Kept, with a warning and a did-you-mean (the default: Kubernetes would prune them silently). */
        WARN,
        /** Kept silently ({@code x-kubernetes-preserve-unknown-fields}). */
        PRESERVE,
        /** Refused, as kustomize refuses unknown fields in a kustomization.yaml. */
        REJECT
    }

    /**
     * A mapping with known fields.
     *
     * @param oneOf groups of fields of which exactly one must be set (OpenAPI {@code oneOf} of
     *              {@code required}); fields common to every group are simply required
     * @param atMostOne groups of fields that exclude each other
     */
    record Obj(List<Field> fields, Unknown unknown, List<List<String>> oneOf, List<List<String>> atMostOne)
            implements Schema {

        public Obj {
            fields = List.copyOf(fields);
            oneOf = oneOf.stream().map(List::copyOf).toList();
            atMostOne = atMostOne.stream().map(List::copyOf).toList();
        }

        public Optional<Field> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }

        public List<String> fieldNames() {
            return fields.stream().map(Field::name).toList();
        }

        /** Exactly one of these fields must be set, e.g. Flagger's iterations, stepWeight, stepWeights. */
        public Obj oneOf(String... names) {
            List<List<String>> groups = new ArrayList<>(oneOf);
            groups.add(List.of(names));
            return new Obj(fields, unknown, groups, atMostOne);
        }

        /** At most one of these fields may be set. */
        public Obj atMostOne(String... names) {
            List<List<String>> groups = new ArrayList<>(atMostOne);
            groups.add(List.of(names));
            return new Obj(fields, unknown, oneOf, groups);
        }

        public Obj unknownFields(Unknown policy) {
            return new Obj(fields, policy, oneOf, atMostOne);
        }

        /** A copy with {@code field} added, or replacing the field of the same name in place. */
        public Obj with(Field field) {
            List<Field> out = new ArrayList<>(fields);
            int at = fieldNames().indexOf(field.name());
            if (at >= 0) {
                out.set(at, field);
            } else {
                out.add(field);
            }
            return new Obj(out, unknown, oneOf, atMostOne);
        }

        /** A copy without the named fields. */
        public Obj without(String... names) {
            List<String> gone = List.of(names);
            return new Obj(fields.stream().filter(f -> !gone.contains(f.name())).toList(), unknown, oneOf, atMostOne);
        }

        /**
         * A copy with the field at a dotted path changed by {@code change}; {@code []} steps into list
         * items, e.g. {@code dependsOn[].readyExpr}. Used to derive older versions from the newest.
         *
         * @throws IllegalArgumentException when the path does not lead to a field
         */
        public Obj edit(String path, UnaryOperator<Field> change) {
            return SchemaEdits.edit(this, path, change);
        }

        /** "a mapping", or "a mapping with chart and sourceRef" naming the required fields. */
        @Override
        public String expectation() {
            List<String> required = fields.stream().filter(Field::required).map(Field::name).toList();
            return required.isEmpty() ? "a mapping" : "a mapping with " + Suggestions.joinAnd(required);
        }
    }

    /** Any value at all, kept as written (Helm values, inline patches). */
    record Any(boolean objectOnly) implements Schema {

        @Override
        public String expectation() {
            return objectOnly ? "a mapping" : "any value";
        }
    }
}
