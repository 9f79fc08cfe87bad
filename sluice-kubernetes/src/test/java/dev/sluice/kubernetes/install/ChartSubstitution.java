package dev.sluice.kubernetes.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately tiny stand-in for {@code helm template}, NOT a Go-template renderer: it knows only
 * the forms the Sluice chart uses, and fails on anything else so the chart stays that simple.
 * <ul>
 *   <li>{@code {{ .Values.a.b }}}, {@code {{ .Release.Namespace }}}, {@code {{ .Chart.AppVersion }}}:
 *       replaced by the value's text;</li>
 *   <li>a line holding only {@code {{- if .Values.a.b }}} starts a block kept when the value is
 *       truthy as Helm sees it (not false, 0, "", null or empty); a line holding only
 *       {@code {{- end }}} ends it. Blocks nest.</li>
 * </ul>
 * Real {@code helm template} (docs/testing.md) is the better check where Helm is installed.
 */
final class ChartSubstitution {

    private static final Pattern IF = Pattern.compile("\\s*\\{\\{-? if \\.Values\\.([\\w.]+) -?}}\\s*");
    private static final Pattern END = Pattern.compile("\\s*\\{\\{-? end -?}}\\s*");
    private static final Pattern EXPR = Pattern.compile("\\{\\{-? (\\.[\\w.]+) -?}}");

    private final JsonNode values;
    private final String namespace;
    private final String appVersion;

    ChartSubstitution(JsonNode values, String namespace, String appVersion) {
        this.values = values;
        this.namespace = namespace;
        this.appVersion = appVersion;
    }

    String render(String template, String file) {
        StringBuilder out = new StringBuilder();
        Deque<Boolean> blocks = new ArrayDeque<>();
        int n = 0;
        for (String line : template.split("\n", -1)) {
            n++;
            Matcher m = IF.matcher(line);
            if (m.matches()) {
                blocks.push(truthy(value(m.group(1), file, n)));
                continue;
            }
            if (END.matcher(line).matches()) {
                if (blocks.isEmpty()) {
                    throw new IllegalArgumentException(file + ":" + n + ": {{- end }} without {{- if }}");
                }
                blocks.pop();
                continue;
            }
            if (blocks.contains(Boolean.FALSE)) {
                continue;
            }
            out.append(substitute(line, file, n)).append('\n');
        }
        if (!blocks.isEmpty()) {
            throw new IllegalArgumentException(file + ": an {{- if }} is never closed");
        }
        return out.toString();
    }

    private String substitute(String line, String file, int n) {
        Matcher m = EXPR.matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String text = switch (expr) {
                case ".Release.Namespace" -> namespace;
                case ".Chart.AppVersion" -> appVersion;
                default -> {
                    if (!expr.startsWith(".Values.")) {
                        throw new IllegalArgumentException(file + ":" + n + ": '" + expr + "' is not a form this substitution knows");
                    }
                    yield value(expr.substring(".Values.".length()), file, n).asText();
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(text));
        }
        m.appendTail(b);
        if (b.indexOf("{{") >= 0) {
            throw new IllegalArgumentException(file + ":" + n + ": a template form this substitution does not know: " + line.strip());
        }
        return b.toString();
    }

    private JsonNode value(String dotted, String file, int n) {
        JsonNode v = values;
        for (String part : dotted.split("\\.")) {
            v = v.path(part);
        }
        if (v.isMissingNode()) {
            throw new IllegalArgumentException(file + ":" + n + ": .Values." + dotted + " is not in values.yaml");
        }
        return v;
    }

    private static boolean truthy(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asDouble() != 0;
        }
        if (v.isTextual()) {
            return !v.asText().isEmpty();
        }
        return !v.isEmpty();
    }
}
