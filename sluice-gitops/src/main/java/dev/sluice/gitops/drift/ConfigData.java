package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one referenced ConfigMap or Secret, as the API server holds it: a ConfigMap's
 * {@code data} (and {@code binaryData} under {@code binaryData/<key>}), a Secret's {@code data}
 * with {@code stringData} merged in base64. A Secret's values are never shown, only its checksum.
 *
 * @param key {@code configmap/<name>} or {@code secret/<name>}, the name in the target's form
 */
public record ConfigData(String key, Map<String, String> data) {

    public ConfigData {
        data = java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /** Reads {@code config} under {@code key}. */
    public static ConfigData of(String key, KubeObject config) {
        Map<String, String> data = new TreeMap<>();
        config.field("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        if (config.kind().equals("Secret")) {
            config.field("stringData").properties().forEach(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        } else {
            config.field("binaryData").properties().forEach(e -> data.put("binaryData/" + e.getKey(), e.getValue().asText()));
        }
        return new ConfigData(key, data);
    }

    public boolean isSecret() {
        return key.startsWith(ConfigRefs.SECRET + "/");
    }

    /** The name, without the kind prefix. */
    public String name() {
        return key.substring(key.indexOf('/') + 1);
    }

    /**
     * A short digest of the data: SHA-256 over the keys and values in key order, first 8 bytes in
     * hex (the length of Flagger's {@code trackedConfigs} checksums, not the same digest).
     */
    public String checksum() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            data.forEach((k, v) -> {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
