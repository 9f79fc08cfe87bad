package dev.sluice.gitops.kustomization;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Flux's post-build variable substitution (fluxcd/pkg/envsubst) on one string: {@code ${var}},
 * {@code ${var:=default}}, {@code ${var:-default}}, {@code ${var=default}}, {@code ${var-default}},
 * {@code ${var:offset}}, {@code ${var:offset:length}}, {@code ${var/pattern/replacement}},
 * {@code ${var//pattern/replacement}}, {@code ${var#prefix}}, {@code ${var##prefix}},
 * {@code ${var%suffix}}, {@code ${var%%suffix}}, {@code ${#var}}, {@code ${var^}}, {@code ${var^^}},
 * {@code ${var,}}, {@code ${var,,}}. {@code $var} without braces is left alone and {@code $${var}}
 * is an escape for a literal {@code ${var}}. Strict, as Flux since 1.9: an undefined variable
 * without a default is an error naming it. Pure and thread-safe.
 */
public final class Envsubst {

    /** A substitution that cannot be done; the message names the variable or the expression. */
    public static final class SubstitutionException extends RuntimeException {
        public SubstitutionException(String message) {
            super(message);
        }
    }

    private Envsubst() {
    }

    /** True when {@code text} contains something this class would substitute. */
    public static boolean hasReference(String text) {
        return text.contains("${");
    }

    public static String eval(String text, Map<String, String> vars) {
        return eval(text, vars::get);
    }

    /**
     * @param lookup the value of a variable, or null when it is not defined
     * @throws SubstitutionException for undefined variables and unsupported or malformed expressions
     */
    public static String eval(String text, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                int end = closing(text, i + 2);
                out.append(text, i + 1, end + 1);
                i = end + 1;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = closing(text, i + 1);
                out.append(expand(text.substring(i + 2, end), lookup));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the '}' closing the '{' at {@code open}, honouring nested braces. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int j = open; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        throw new SubstitutionException("unclosed variable reference '" + text.substring(open - 1) + "'");
    }

    private static String expand(String expr, Function<String, String> lookup) {
        if (expr.startsWith("#")) {
            String name = name(expr.substring(1), expr);
            return String.valueOf(required(name, lookup).length());
        }
        int n = 0;
        while (n < expr.length() && (Character.isLetterOrDigit(expr.charAt(n)) || expr.charAt(n) == '_')) {
            n++;
        }
        String name = name(expr.substring(0, n), expr);
        String op = expr.substring(n);
        String value = lookup.apply(name);
        if (op.isEmpty()) {
            return required(name, lookup);
        }
        if (op.startsWith(":=") || op.startsWith(":-")) {
            return value == null || value.isEmpty() ? eval(op.substring(2), lookup) : value;
        }
        if (op.startsWith("=") || op.startsWith("-")) {
            return value == null ? eval(op.substring(1), lookup) : value;
        }
        if (op.startsWith(":?") || op.startsWith(":+") || op.startsWith("+") || op.startsWith("?")) {
            throw new SubstitutionException("'${" + expr + "}': the " + op.substring(0, op.startsWith(":") ? 2 : 1)
                    + " form is not supported by Flux's substitution; use ${" + name + ":=default} or ${" + name + ":-default}");
        }
        String v = required(name, lookup);
        return switch (op.charAt(0)) {
            case ':' -> substring(v, op.substring(1), expr);
            case '/' -> replace(v, op.substring(1));
            case '#' -> trimPrefix(v, op.substring(op.startsWith("##") ? 2 : 1));
            case '%' -> trimSuffix(v, op.substring(op.startsWith("%%") ? 2 : 1));
            case '^' -> op.equals("^^") ? v.toUpperCase(Locale.ROOT) : capitalize(v, true);
            case ',' -> op.equals(",,") ? v.toLowerCase(Locale.ROOT) : capitalize(v, false);
            default -> throw new SubstitutionException("'${" + expr + "}' is not a supported substitution");
        };
    }

    private static String name(String name, String expr) {
        if (!name.matches("[_A-Za-z][_A-Za-z0-9]*")) {
            throw new SubstitutionException("'${" + expr + "}' does not start with a variable name ([_a-zA-Z][_a-zA-Z0-9]*)");
        }
        return name;
    }

    private static String required(String name, Function<String, String> lookup) {
        String v = lookup.apply(name);
        if (v == null) {
            throw new SubstitutionException("variable '" + name + "' is not defined and has no default (${"
                    + name + ":=default})");
        }
        return v;
    }

    private static String substring(String v, String args, String expr) {
        String[] parts = args.split(":", 2);
        try {
            int offset = Integer.parseInt(parts[0].strip());
            if (offset < 0) {
                offset = Math.max(0, v.length() + offset);
            }
            offset = Math.min(offset, v.length());
            int end = parts.length > 1 ? Math.min(v.length(), offset + Math.max(0, Integer.parseInt(parts[1].strip()))) : v.length();
            return v.substring(offset, end);
        } catch (NumberFormatException e) {
            throw new SubstitutionException("'${" + expr + "}': offset and length must be integers");
        }
    }

    private static String replace(String v, String spec) {
        boolean all = spec.startsWith("/");
        boolean prefix = spec.startsWith("#");
        boolean suffix = spec.startsWith("%");
        String body = all || prefix || suffix ? spec.substring(1) : spec;
        int slash = body.indexOf('/');
        String pattern = slash < 0 ? body : body.substring(0, slash);
        String replacement = slash < 0 ? "" : body.substring(slash + 1);
        if (pattern.isEmpty()) {
            return v;
        }
        if (prefix) {
            return v.startsWith(pattern) ? replacement + v.substring(pattern.length()) : v;
        }
        if (suffix) {
            return v.endsWith(pattern) ? v.substring(0, v.length() - pattern.length()) + replacement : v;
        }
        return all ? v.replace(pattern, replacement) : v.replaceFirst(java.util.regex.Pattern.quote(pattern),
                java.util.regex.Matcher.quoteReplacement(replacement));
    }

    // Patterns are literal text (no globs), so the shortest and the longest match are the same.
    private static String trimPrefix(String v, String p) {
        return v.startsWith(p) ? v.substring(p.length()) : v;
    }

    private static String trimSuffix(String v, String p) {
        return v.endsWith(p) ? v.substring(0, v.length() - p.length()) : v;
    }

    private static String capitalize(String v, boolean upper) {
        if (v.isEmpty()) {
            return v;
        }
        String first = v.substring(0, 1);
        return (upper ? first.toUpperCase(Locale.ROOT) : first.toLowerCase(Locale.ROOT)) + v.substring(1);
    }
}
