package dev.sluice.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GoDuration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a JSON tree against a {@link Schema}: every finding names the field path, shows the
 * offending value and says what was expected. Unknown fields are warnings with a did-you-mean
 * (errors where the schema rejects them). Null counts as absent for object fields, as Kubernetes
 * treats it. Stateless and thread-safe.
 */
public final class SchemaValidator {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern QUANTITY = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\\d+)?$");
    /** Unknown-field messages list the known fields only when there are few enough to read. */
    private static final int MAX_LISTED = 8;

    private SchemaValidator() {
    }

    /** All findings about {@code value} (located at {@code path}), errors and warnings in tree order. */
    public static List<Diagnostic> validate(JsonNode value, Schema schema, FieldPath path) {
        List<Diagnostic> out = new ArrayList<>();
        check(value, schema, path, out);
        return out;
    }

    private static void check(JsonNode v, Schema s, FieldPath p, List<Diagnostic> out) {
        switch (s) {
            case Schema.Obj o -> object(v, o, p, out);
            case Schema.Str str -> string(v, str, p, out);
            case Schema.Int i -> integer(v, i, p, out);
            case Schema.Num n -> number(v, n, p, out);
            case Schema.Bool b -> bool(v, p, out);
            case Schema.Duration d -> duration(v, d, p, out);
            case Schema.Quantity q -> quantity(v, p, out);
            case Schema.IntOrString ios -> intOrString(v, p, out);
            case Schema.Enum e -> enumeration(v, e, p, out);
            case Schema.MapOf m -> map(v, m, p, out);
            case Schema.ListOf l -> list(v, l, p, out);
            case Schema.Any a -> {
                if (a.objectOnly() && !v.isObject()) {
                    out.add(Diagnostic.error(p, "expected a mapping, got " + Values.kindOf(v)));
                }
            }
        }
    }

    private static void object(JsonNode v, Schema.Obj o, FieldPath p, List<Diagnostic> out) {
        if (!v.isObject()) {
            out.add(Diagnostic.error(p, "expected a mapping, got " + Values.kindOf(v)));
            return;
        }
        for (Field f : o.fields()) {
            JsonNode value = v.get(f.name());
            FieldPath fp = p.child(f.name());
            if (absent(value)) {
                if (f.required()) {
                    out.add(Diagnostic.error(fp, "required field is missing; expected " + f.schema().expectation()));
                }
                continue;
            }
            if (f.deprecation() != null) {
                out.add(Diagnostic.warning(fp, "deprecated: " + f.deprecation()));
            }
            check(value, f.schema(), fp, out);
        }
        unknownFields(v, o, p, out);
        for (List<String> group : o.oneOf()) {
            List<String> set = present(v, group);
            if (set.isEmpty()) {
                out.add(Diagnostic.error(p, "one of " + Suggestions.joinOr(group) + " is required"));
            } else if (set.size() > 1) {
                out.add(Diagnostic.error(p, "set only one of " + Suggestions.joinOr(group) + "; found "
                        + Suggestions.joinAnd(set)));
            }
        }
        for (List<String> group : o.atMostOne()) {
            List<String> set = present(v, group);
            if (set.size() > 1) {
                out.add(Diagnostic.error(p, "set only one of " + Suggestions.joinOr(group) + "; found "
                        + Suggestions.joinAnd(set)));
            }
        }
    }

    private static void unknownFields(JsonNode v, Schema.Obj o, FieldPath p, List<Diagnostic> out) {
        if (o.unknown() == Schema.Unknown.PRESERVE) {
            return;
        }
        List<String> known = o.fieldNames();
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (known.contains(name)) {
                continue;
            }
            String message = "not a known field" + Suggestions.closest(name, known)
                    .map(s -> "; did you mean " + s + "?")
                    .orElse(known.size() <= MAX_LISTED && !known.isEmpty()
                            ? "; expected one of " + Suggestions.joinOr(known) : "");
            FieldPath fp = p.child(name);
            out.add(o.unknown() == Schema.Unknown.REJECT ? Diagnostic.error(fp, message) : Diagnostic.warning(fp, message));
        }
    }

    private static List<String> present(JsonNode v, List<String> names) {
        return names.stream().filter(n -> !absent(v.get(n))).toList();
    }

    private static boolean absent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private static void string(JsonNode v, Schema.Str s, FieldPath p, List<Diagnostic> out) {
        if (v.isContainerNode()) {
            out.add(Diagnostic.error(p, "expected a string, got " + Values.kindOf(v)));
            return;
        }
        if (!v.isTextual()) {
            out.add(Diagnostic.error(p, v + " is not a string; expected a string (put it in quotes: \"" + v.asText() + "\")"));
            return;
        }
        String text = v.asText();
        int length = text.codePointCount(0, text.length());
        if (s.minLength() > 0 && length < s.minLength()) {
            out.add(Diagnostic.error(p, Values.quote(text) + " is too short; expected at least " + s.minLength()
                    + (s.minLength() == 1 ? " character" : " characters")));
        } else if (s.maxLength() > 0 && length > s.maxLength()) {
            out.add(Diagnostic.error(p, Values.quote(text) + " is too long (" + length + " characters); expected at most "
                    + s.maxLength()));
        } else if (s.pattern() != null && !pattern(s.pattern()).matcher(text).find()) {
            out.add(Diagnostic.error(p, Values.quote(text) + " is not valid; expected "
                    + (s.patternHint() != null ? s.patternHint() : "a value matching " + s.pattern())));
        }
    }

    private static void integer(JsonNode v, Schema.Int s, FieldPath p, List<Diagnostic> out) {
        if (v.isTextual() && v.asText().strip().matches("[-+]?\\d+")) {
            out.add(Diagnostic.error(p, Values.show(v) + " is a string, not a whole number; write it without quotes: "
                    + v.asText().strip()));
            return;
        }
        // .nan and .inf have no decimal value: check them before asking for one
        if (!v.isNumber() || (v.isFloatingPointNumber() && !Double.isFinite(v.asDouble()))
                || !(v.isIntegralNumber() || v.decimalValue().stripTrailingZeros().scale() <= 0)) {
            out.add(Diagnostic.error(p, Values.kindOf(v) + " is not a whole number; expected " + s.expectation()));
            return;
        }
        long n = v.asLong();
        if (!v.canConvertToLong() || (s.min() != null && n < s.min()) || (s.max() != null && n > s.max())) {
            out.add(Diagnostic.error(p, v + " is out of range; expected " + s.expectation()));
        }
    }

    private static void number(JsonNode v, Schema.Num s, FieldPath p, List<Diagnostic> out) {
        if (v.isTextual() && v.asText().strip().matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            out.add(Diagnostic.error(p, Values.show(v) + " is a string, not a number; write it without quotes: "
                    + v.asText().strip()));
            return;
        }
        if (!v.isNumber()) {
            out.add(Diagnostic.error(p, Values.kindOf(v) + " is not a number; expected " + s.expectation()));
            return;
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || (s.min() != null && d < s.min()) || (s.max() != null && d > s.max())) {
            out.add(Diagnostic.error(p, v + " is out of range; expected " + s.expectation()));
        }
    }

    private static void bool(JsonNode v, FieldPath p, List<Diagnostic> out) {
        if (v.isBoolean()) {
            return;
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            out.add(Diagnostic.error(p, Values.show(v) + " is a string, not a boolean; write it without quotes: "
                    + v.asText().toLowerCase()));
        } else {
            out.add(Diagnostic.error(p, Values.kindOf(v) + " is not a boolean; expected true or false"));
        }
    }

    private static void duration(JsonNode v, Schema.Duration d, FieldPath p, List<Diagnostic> out) {
        if (!v.isTextual()) {
            out.add(Diagnostic.error(p, Values.kindOf(v) + " is not a duration; expected e.g. 30s, 5m or 1h30m"));
            return;
        }
        try {
            GoDuration.parse(v.asText());
        } catch (IllegalArgumentException e) {
            out.add(Diagnostic.error(p, Values.quote(v.asText()) + " is not a duration; expected e.g. 30s, 5m or 1h30m"));
            return;
        }
        if (d.pattern() != null && !pattern(d.pattern()).matcher(v.asText()).find()) {
            out.add(Diagnostic.error(p, Values.quote(v.asText()) + " is not accepted here; expected " + d.patternHint()));
        }
    }

    private static void quantity(JsonNode v, FieldPath p, List<Diagnostic> out) {
        boolean ok = v.isNumber() || (v.isTextual() && QUANTITY.matcher(v.asText()).matches());
        if (!ok) {
            out.add(Diagnostic.error(p, Values.kindOf(v) + " is not a quantity; expected e.g. 250m, 1Gi or 2"));
        }
    }

    private static void intOrString(JsonNode v, FieldPath p, List<Diagnostic> out) {
        if (!(v.isIntegralNumber() || v.isTextual())) {
            out.add(Diagnostic.error(p, Values.kindOf(v) + " is not a number or a name; expected e.g. 8080 or http"));
        }
    }

    private static void enumeration(JsonNode v, Schema.Enum e, FieldPath p, List<Diagnostic> out) {
        if (v.isTextual() && e.values().contains(v.asText())) {
            return;
        }
        String message = Values.kindOf(v) + " is not " + e.expectation();
        if (v.isTextual()) {
            message += Suggestions.closest(v.asText(), e.values()).map(s -> "; did you mean " + s + "?").orElse("");
        }
        out.add(Diagnostic.error(p, message));
    }

    private static void map(JsonNode v, Schema.MapOf m, FieldPath p, List<Diagnostic> out) {
        if (!v.isObject()) {
            out.add(Diagnostic.error(p, "expected a mapping, got " + Values.kindOf(v)));
            return;
        }
        v.properties().forEach(e -> item(e.getValue(), m.values(), p.child(e.getKey()), out));
    }

    private static void list(JsonNode v, Schema.ListOf l, FieldPath p, List<Diagnostic> out) {
        if (!v.isArray()) {
            out.add(Diagnostic.error(p, "expected a list, got " + Values.kindOf(v)));
            return;
        }
        if (v.size() < l.minItems()) {
            out.add(Diagnostic.error(p, "has " + v.size() + (v.size() == 1 ? " item" : " items") + "; expected at least "
                    + l.minItems()));
        } else if (l.maxItems() > 0 && v.size() > l.maxItems()) {
            out.add(Diagnostic.error(p, "has " + v.size() + " items; expected at most " + l.maxItems()));
        }
        for (int i = 0; i < v.size(); i++) {
            item(v.get(i), l.items(), p.index(i), out);
        }
    }

    private static void item(JsonNode v, Schema s, FieldPath p, List<Diagnostic> out) {
        if (v.isNull()) {
            out.add(Diagnostic.error(p, "null is not allowed here; expected " + s.expectation()));
        } else {
            check(v, s, p, out);
        }
    }

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }
}
