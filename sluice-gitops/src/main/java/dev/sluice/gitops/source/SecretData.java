package dev.sluice.gitops.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The decoded data of a Secret: {@code data} (base64) overlaid by {@code stringData}, as the API server merges them. */
public final class SecretData {

    private SecretData() {
    }

    public static Map<String, byte[]> of(KubeObject secret) {
        Map<String, byte[]> out = new HashMap<>();
        JsonNode data = secret.field("data");
        data.properties().forEach(e -> {
            try {
                out.put(e.getKey(), Base64.getMimeDecoder().decode(e.getValue().asText()));
            } catch (IllegalArgumentException notBase64) {
                // The API server would have refused it; a value we cannot read is a missing value.
            }
        });
        secret.field("stringData").properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
