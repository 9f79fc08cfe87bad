package dev.sluice.helm.source;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Basic credentials from a HelmRepository's {@code secretRef} ({@code username}, {@code password}). */
final class Credentials {

    /** The referenced Secret does not exist. */
    static final class MissingSecretException extends Exception {
        MissingSecretException(String message) {
            super(message);
        }
    }

    private Credentials() {
    }

    static Optional<HttpFetcher.Credentials> of(Cluster cluster, String namespace, String secretName)
            throws MissingSecretException {
        if (secretName.isEmpty()) {
            return Optional.empty();
        }
        KubeObject s = cluster.get(ObjectKey.of("", "Secret", namespace, secretName)).orElseThrow(() ->
                new MissingSecretException("failed to get secret '" + namespace + "/" + secretName + "': secrets \""
                        + secretName + "\" not found"));
        String user = value(s, "username");
        String pass = value(s, "password");
        return user.isEmpty() && pass.isEmpty() ? Optional.empty() : Optional.of(new HttpFetcher.Credentials(user, pass));
    }

    private static String value(KubeObject s, String key) {
        var sd = s.field("stringData").get(key);
        if (sd != null && sd.isTextual()) {
            return sd.asText();
        }
        var d = s.field("data").get(key);
        if (d == null) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(d.asText()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
