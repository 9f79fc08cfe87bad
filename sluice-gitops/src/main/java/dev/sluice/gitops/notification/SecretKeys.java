package dev.sluice.gitops.notification;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded keys of a Secret ({@code data} base64-decoded, overlaid by {@code stringData} as the
 * API server merges them), for Receiver tokens and Provider credentials. Stateless and thread-safe.
 */
public final class SecretKeys {

    private SecretKeys() {
    }

    /**
     * @return the keys, or empty when the Secret does not exist
     * @throws IllegalArgumentException naming the Secret and the key when a value is not base64
     */
    public static Optional<Map<String, String>> read(Cluster cluster, String namespace, String name) {
        return cluster.get(ObjectKey.of("", "Secret", namespace, name)).map(SecretKeys::decode);
    }

    static Map<String, String> decode(KubeObject secret) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : secret.field("data").properties()) {
            try {
                out.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText("")), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Secret '" + secret.namespace() + "/" + secret.name() + "' data."
                        + e.getKey() + " is not valid base64: " + ex.getMessage());
            }
        }
        secret.field("stringData").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText("")));
        return out;
    }
}
