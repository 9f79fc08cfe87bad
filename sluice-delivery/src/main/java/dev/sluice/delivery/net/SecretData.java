package dev.sluice.delivery.net;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded keys of a Secret ({@code data} base64-decoded, {@code stringData} as is), for provider credentials. */
public final class SecretData {

    static final GroupKind SECRET = GroupKind.of("", "Secret");

    private SecretData() {
    }

    /**
     * @return the keys, or empty when the Secret does not exist
     * @throws IllegalArgumentException naming the Secret and key when a value is not valid base64
     */
    public static Optional<Map<String, String>> read(Cluster cluster, String namespace, String name) {
        return cluster.get(new ObjectKey(SECRET, namespace, name)).map(SecretData::decode);
    }

    static Map<String, String> decode(KubeObject secret) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : secret.field("data").properties()) {
            try {
                out.put(e.getKey(), new String(Base64.getMimeDecoder().decode(text(e.getValue())), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Secret " + secret.namespace() + "/" + secret.name() + " data."
                        + e.getKey() + " is not valid base64: " + ex.getMessage());
            }
        }
        secret.field("stringData").properties().forEach(e -> out.put(e.getKey(), text(e.getValue())));
        return out;
    }

    private static String text(JsonNode n) {
        return n.asText("");
    }
}
