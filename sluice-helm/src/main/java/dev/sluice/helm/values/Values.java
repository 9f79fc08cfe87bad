package dev.sluice.helm.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Helm values trees: Flux's merge and the digest of a values tree. Pure; inputs are never changed. */
public final class Values {

    private Values() {
    }

    /**
     * {@code b} merged into a copy of {@code a}, as Flux's {@code MergeMaps}: maps merge key by key,
     * anything else in {@code b} (a list, a scalar, null) replaces what {@code a} had.
     */
    public static ObjectNode merge(ObjectNode a, JsonNode b) {
        ObjectNode out = a.deepCopy();
        if (b == null || !b.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            JsonNode mine = out.get(e.getKey());
            if (e.getValue().isObject() && mine != null && mine.isObject()) {
                out.set(e.getKey(), merge((ObjectNode) mine, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    /**
     * {@code sha256:<hex>} of the values in a canonical form (keys sorted, JSON); empty values have
     * the digest of nothing, as in Flux. Flux hashes go-yaml's encoding instead, so a release
     * adopted from Flux is upgraded once, with the same values.
     */
    public static String digest(JsonNode values) {
        byte[] bytes = values == null || values.isEmpty() ? new byte[0]
                : Json.write(sorted(values)).getBytes(StandardCharsets.UTF_8);
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> m = new TreeMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), sorted(e.getValue())));
            ObjectNode o = Json.object();
            m.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            var a = Json.nodes().arrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }
}
