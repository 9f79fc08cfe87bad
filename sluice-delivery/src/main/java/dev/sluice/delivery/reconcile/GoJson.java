package dev.sluice.delivery.reconcile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code json.Marshal} of a {@code map[string]string}, byte for byte: keys sorted, no spaces,
 * and Go's string escaping ({@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code u}
 * escapes, control characters as lower-case {@code \}{@code u00xx} except {@code \n}, {@code \r},
 * {@code \t}, and {@code \b}, {@code \f} since Go 1.22). Flagger checksums ConfigMaps and Secrets
 * over this text, so matching it keeps {@code status.trackedConfigs} of a Canary migrated from
 * Flagger valid. Pure.
 */
final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** {@code null} for an empty map, as Go marshals the nil map a Kubernetes object without data has. */
    static String marshal(Map<String, String> map) {
        if (map.isEmpty()) {
            return "null";
        }
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(e.getKey(), b);
            b.append(':');
            quote(e.getValue(), b);
        }
        return b.append('}').toString();
    }

    static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, b);
                default -> {
                    if (c < 0x20) {
                        unicode(c, b);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void unicode(char c, StringBuilder b) {
        b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
