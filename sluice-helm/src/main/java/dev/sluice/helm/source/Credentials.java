package dev.sluice.helm.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.helm.source.oci.OciRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a HelmRepository's {@code secretRef}: {@code username} and {@code password},
 * or for an OCI registry also a {@code kubernetes.io/dockerconfigjson} Secret (the entry for the
 * registry's host), as source-controller reads them.
 */
final class Credentials {

    static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";

    /** The referenced Secret does not exist or holds no usable credentials; the message says which and why. */
    static final class SecretException extends Exception {
        SecretException(String message) {
            super(message);
        }
    }

    private Credentials() {
    }

    static Optional<HttpFetcher.Credentials> of(Cluster cluster, String namespace, String secretName) throws SecretException {
        if (secretName.isEmpty()) {
            return Optional.empty();
        }
        KubeObject s = secret(cluster, namespace, secretName);
        String user = value(s, "username");
        String pass = value(s, "password");
        return user.isEmpty() && pass.isEmpty() ? Optional.empty() : Optional.of(new HttpFetcher.Credentials(user, pass));
    }

    /**
     * The credentials for the OCI registry {@code host} ({@code host[:port]}); empty for anonymous access.
     *
     * @throws SecretException when the Secret is missing, has no entry for the host, or only half a login
     */
    static Optional<OciRegistryClient.BasicAuth> forRegistry(Cluster cluster, String namespace, String secretName, String host)
            throws SecretException {
        if (secretName.isEmpty()) {
            return Optional.empty();
        }
        KubeObject s = secret(cluster, namespace, secretName);
        String user;
        String pass;
        if (DOCKER_CONFIG_JSON.equals(s.field("type").asText())) {
            JsonNode entry = dockerConfigEntry(s, secretName, host);
            user = entry.path("username").asText("");
            pass = entry.path("password").asText("");
            String auth = entry.path("auth").asText("");
            if (user.isEmpty() && pass.isEmpty() && !auth.isEmpty()) {
                String decoded = decode(auth);
                int colon = decoded.indexOf(':');
                user = colon < 0 ? decoded : decoded.substring(0, colon);
                pass = colon < 0 ? "" : decoded.substring(colon + 1);
            }
        } else {
            user = value(s, "username");
            pass = value(s, "password");
        }
        if (user.isEmpty() && pass.isEmpty()) {
            return Optional.empty();
        }
        if (user.isEmpty() || pass.isEmpty()) {
            throw new SecretException("invalid '" + secretName + "' secret data: required fields 'username' and 'password'");
        }
        return Optional.of(new OciRegistryClient.BasicAuth(user, pass));
    }

    /** The {@code auths} entry for {@code host}: its key is the host, or a URL whose host it is (as docker's config reads it). */
    private static JsonNode dockerConfigEntry(KubeObject s, String secretName, String host) throws SecretException {
        String raw = value(s, ".dockerconfigjson");
        JsonNode auths;
        try {
            auths = Json.parseObject(raw).path("auths");
        } catch (IllegalArgumentException e) {
            throw new SecretException("unable to load Docker config from Secret '" + secretName + "': key .dockerconfigjson: "
                    + e.getMessage());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().replaceFirst("^https?://", "");
            int slash = key.indexOf('/');
            if ((slash < 0 ? key : key.substring(0, slash)).equalsIgnoreCase(host)) {
                return e.getValue();
            }
        }
        throw new SecretException("no auth config for '" + host + "' in the docker-registry Secret '" + secretName + "'");
    }

    private static KubeObject secret(Cluster cluster, String namespace, String secretName) throws SecretException {
        return cluster.get(ObjectKey.of("", "Secret", namespace, secretName)).orElseThrow(() ->
                new SecretException("failed to get secret '" + namespace + "/" + secretName + "': secrets \""
                        + secretName + "\" not found"));
    }

    private static String value(KubeObject s, String key) {
        var sd = s.field("stringData").get(key);
        if (sd != null && sd.isTextual()) {
            return sd.asText();
        }
        var d = s.field("data").get(key);
        return d == null ? "" : decode(d.asText());
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
