package dev.sluice.helm.source.oci;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235) as registries send it:
 * {@code Bearer realm="https://auth.example/token",service="registry.example",scope="repository:charts/podinfo:pull"}
 * or {@code Basic realm="registry"}. Parameter names are lowercased; quoted values may hold commas
 * and backslash escapes. Immutable.
 *
 * @param scheme {@code bearer}, {@code basic}, ... (lowercase)
 */
record Challenge(String scheme, Map<String, String> params) {

    /** The challenge in a header value, or empty when the value has no scheme. */
    static Optional<Challenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        int sp = 0;
        while (sp < h.length() && !Character.isWhitespace(h.charAt(sp))) {
            sp++;
        }
        if (sp == 0) {
            return Optional.empty();
        }
        String scheme = h.substring(0, sp).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = sp;
        while (i < h.length()) {
            while (i < h.length() && (h.charAt(i) == ',' || Character.isWhitespace(h.charAt(i)))) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < h.length() && h.charAt(i) == '"') {
                i++;
                while (i < h.length() && h.charAt(i) != '"') {
                    char c = h.charAt(i++);
                    if (c == '\\' && i < h.length()) {
                        c = h.charAt(i++);
                    }
                    value.append(c);
                }
                i++; // the closing quote
            } else {
                while (i < h.length() && h.charAt(i) != ',') {
                    value.append(h.charAt(i++));
                }
            }
            params.put(name, value.toString().strip());
        }
        return Optional.of(new Challenge(scheme, Map.copyOf(params)));
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }
}
