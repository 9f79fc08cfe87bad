package dev.sluice.local.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stable hash of a pod template, shaped like Kubernetes' {@code pod-template-hash}: FNV-1a over a
 * canonical form of the template (keys sorted), printed with Kubernetes' "safe" alphabet. Equal
 * templates give equal hashes in every run; it is not Kubernetes' own value, which depends on Go's
 * struct printer.
 */
public final class TemplateHash {

    /** The alphabet Kubernetes uses for generated names: no vowels, no confusable characters. */
    static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    public static String of(JsonNode template) {
        StringBuilder canonical = new StringBuilder();
        write(template, canonical);
        int hash = 0x811c9dc5;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** Maps each character to the safe alphabet, as Kubernetes' {@code rand.SafeEncodeString}. */
    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(ALPHABET.charAt(s.charAt(i) % ALPHABET.length()));
        }
        return out.toString();
    }

    private static void write(JsonNode n, StringBuilder out) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            out.append("null");
        } else if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (String k : keys) {
                out.append('"').append(k).append("\":");
                write(n.get(k), out);
                out.append(',');
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (JsonNode e : n) {
                write(e, out);
                out.append(',');
            }
            out.append(']');
        } else {
            // Text and numbers print as JSON scalars; "1" and 1 stay different, as they do in the API.
            out.append(n);
        }
    }
}
