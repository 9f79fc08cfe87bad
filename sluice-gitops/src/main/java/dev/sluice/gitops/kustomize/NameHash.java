package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kustomize's content hash for generated ConfigMaps and Secrets: SHA-256 over Go's JSON encoding
 * of {kind, name, data (+binaryData | +type, stringData)}, the first 10 hex digits with {@code
 * 0→g 1→h 3→k a→m e→t} so the suffix never reads as a number. The name is not part of it.
 */
final class NameHash {

    private NameHash() {}

    static String of(JsonNode obj) {
        Map<String, Object> m = new TreeMap<>();
        String kind = Json.text(obj, "kind");
        m.put("kind", kind);
        // kustomize looks the name up with a path its lookup does not split, so it always hashes "".
        m.put("name", "");
        m.put("data", obj.get("data") instanceof com.fasterxml.jackson.databind.node.ObjectNode d ? d : "");
        if (kind.equals("Secret")) {
            m.put("type", Json.text(obj, "type"));
            if (obj.get("stringData") instanceof com.fasterxml.jackson.databind.node.ObjectNode sd) {
                m.put("stringData", sd);
            }
        } else if (obj.get("binaryData") instanceof com.fasterxml.jackson.databind.node.ObjectNode bd) {
            m.put("binaryData", bd);
        }
        StringBuilder sb = new StringBuilder();
        GoJson.write(sb, m);
        return encode(sha256Hex(sb.toString()));
    }

    static String encode(String hex) {
        char[] c = hex.substring(0, 10).toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = switch (c[i]) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> c[i];
            };
        }
        return new String(c);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends the hash to every generated resource that asked for one, remembering the old id. */
    static void applySuffixes(ResourceMap ra) {
        List<Resource> hashed = new ArrayList<>();
        for (Resource r : ra.resources()) {
            if (r.needsHash) {
                hashed.add(r);
            }
        }
        for (Resource r : hashed) {
            String h = of(r.obj);
            r.storePreviousId();
            r.setName(r.name() + "-" + h);
        }
        ra.invalidate();
    }
}
