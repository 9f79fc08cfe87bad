package dev.sluice.local.mesh.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads single cookies and query parameters out of raw request text. */
final class RequestValues {

    private RequestValues() {
    }

    /** The value of cookie {@code name} in a {@code Cookie} header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        int i = 0;
        int n = header.length();
        while (i < n) {
            int end = header.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            int eq = header.indexOf('=', i);
            if (eq > 0 && eq < end) {
                int ks = skipSpaces(header, i, eq);
                if (eq - ks == name.length() && header.regionMatches(ks, name, 0, name.length())) {
                    String v = header.substring(eq + 1, end).strip();
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
            i = end + 1;
        }
        return null;
    }

    /** The first value of query parameter {@code name}, decoded, or null. */
    static String query(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(k).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // malformed %-escapes: compare the raw text
        }
    }

    private static int skipSpaces(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
