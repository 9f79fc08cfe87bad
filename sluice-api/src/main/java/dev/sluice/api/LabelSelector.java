package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector with equality- and set-based requirements: {@code app=web},
 * {@code tier!=db}, {@code env in (a,b)}, {@code env notin (c)}, {@code canary}, {@code !canary}.
 * Immutable and thread-safe. The empty selector matches everything.
 */
public final class LabelSelector {

    /** One requirement; {@code values} is empty for EXISTS and DOES_NOT_EXIST. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN -> values.size() == 1 ? key + "=" + values.iterator().next() : key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> values.size() == 1 ? key + "!=" + values.iterator().next() : key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }

    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Equality requirements for every entry, like {@code matchLabels}. */
    public static LabelSelector matching(Map<String, String> labels) {
        List<Requirement> reqs = new ArrayList<>();
        labels.forEach((k, v) -> reqs.add(new Requirement(k, Operator.IN, Set.of(v))));
        return new LabelSelector(reqs);
    }

    /**
     * Parses the string form used by {@code kubectl -l}.
     *
     * @throws IllegalArgumentException naming the offending part and the expected form
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            reqs.add(parseRequirement(part.strip(), text));
        }
        return new LabelSelector(reqs);
    }

    /**
     * Reads a {@code metav1.LabelSelector} ({@code matchLabels}, {@code matchExpressions}).
     *
     * @throws InvalidInputException with the field path of a bad expression
     */
    public static LabelSelector fromNode(JsonNode node, FieldPath path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        node.path("matchLabels").properties().forEach(e ->
                reqs.add(new Requirement(e.getKey(), Operator.IN, Set.of(e.getValue().asText()))));
        int i = 0;
        for (JsonNode expr : node.path("matchExpressions")) {
            FieldPath at = path.child("matchExpressions").index(i++);
            String op = expr.path("operator").asText();
            Set<String> values = new LinkedHashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            Operator operator = switch (op) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new InvalidInputException(Diagnostic.error(at.child("operator"),
                        "'" + op + "' is not an operator; expected In, NotIn, Exists or DoesNotExist"));
            };
            boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
            if (needsValues == values.isEmpty()) {
                throw new InvalidInputException(Diagnostic.error(at.child("values"),
                        needsValues ? "operator " + op + " needs at least one value" : "operator " + op + " takes no values"));
            }
            reqs.add(new Requirement(expr.path("key").asText(), operator, values));
        }
        return new LabelSelector(reqs);
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    private static final java.util.regex.Pattern KEY_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final java.util.regex.Pattern KEY_PREFIX =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final java.util.regex.Pattern VALUE =
            java.util.regex.Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private static Requirement parseRequirement(String part, String whole) {
        String lower = part.toLowerCase();
        int in = lower.indexOf(" in ");
        int notIn = lower.indexOf(" notin ");
        if (notIn > 0) {
            return new Requirement(key(part.substring(0, notIn), whole), Operator.NOT_IN, values(part.substring(notIn + 7), whole));
        }
        if (in > 0) {
            return new Requirement(key(part.substring(0, in), whole), Operator.IN, values(part.substring(in + 4), whole));
        }
        if (part.contains("!=")) {
            String[] kv = part.split("!=", 2);
            return new Requirement(key(kv[0], whole), Operator.NOT_IN, Set.of(value(kv[1], whole)));
        }
        if (part.contains("==")) {
            String[] kv = part.split("==", 2);
            return new Requirement(key(kv[0], whole), Operator.IN, Set.of(value(kv[1], whole)));
        }
        if (part.contains("=")) {
            String[] kv = part.split("=", 2);
            return new Requirement(key(kv[0], whole), Operator.IN, Set.of(value(kv[1], whole)));
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1), whole), Operator.DOES_NOT_EXIST, Set.of());
        }
        return new Requirement(key(part, whole), Operator.EXISTS, Set.of());
    }

    /** A label key as Kubernetes checks it: an optional DNS-subdomain prefix (<= 253) and '/', a name (<= 63). */
    private static String key(String k, String whole) {
        String key = k.strip();
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean ok = name.length() <= 63 && KEY_NAME.matcher(name).matches()
                && (prefix == null || (prefix.length() <= 253 && KEY_PREFIX.matcher(prefix).matches()));
        if (!ok) {
            throw new IllegalArgumentException("invalid label selector " + shown(whole) + ": " + shown(key)
                    + " is not a label key; expected e.g. app=web, env in (a,b), !canary");
        }
        return key;
    }

    private static String value(String v, String whole) {
        String value = v.strip();
        if (value.length() > 63 || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid label selector " + shown(whole) + ": " + shown(value)
                    + " is not a label value; expected at most 63 letters, digits, '-', '_' and '.', starting and ending"
                    + " with a letter or digit");
        }
        return value;
    }

    private static Set<String> values(String list, String whole) {
        String s = list.strip();
        if (!s.startsWith("(") || !s.endsWith(")")) {
            throw new IllegalArgumentException("invalid label selector " + shown(whole) + ": expected a value list in parentheses, got "
                    + shown(s));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : s.substring(1, s.length() - 1).split(",", -1)) {
            out.add(value(v, whole));
        }
        out.remove("");
        if (out.isEmpty()) {
            throw new IllegalArgumentException("invalid label selector " + shown(whole)
                    + ": 'in' and 'notin' need at least one value, e.g. env in (prod)");
        }
        return out;
    }

    /** Quoted, and cut when long, so that a pasted blob does not flood the message. */
    private static String shown(String s) {
        return "'" + (s.length() <= 100 ? s : s.substring(0, 100) + "...") + "'";
    }

    /** Splits on commas that are not inside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }
}
