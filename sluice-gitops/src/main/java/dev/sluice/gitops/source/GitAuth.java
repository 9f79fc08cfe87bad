package dev.sluice.gitops.source;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for a remote, read from the Secret named by {@code spec.secretRef} with Flux's keys:
 * {@code username}/{@code password}, {@code bearerToken}, {@code identity} (+ optional
 * {@code password} as its passphrase) with {@code known_hosts}, and for HTTPS {@code ca.crt} and a
 * client certificate {@code tls.crt} with its key {@code tls.key}.
 *
 * @param caCert PEM certificates to trust for HTTPS in addition to the JDK's, or empty
 * @param client the PEM certificate chain and private key for TLS client authentication, or empty
 */
public record GitAuth(Kind kind, String username, String password, String bearerToken, byte[] identity,
                      byte[] knownHosts, Optional<byte[]> caCert, Optional<ClientCert> client) {

    /** {@code tls.crt} and {@code tls.key}, PEM. */
    public record ClientCert(byte[] certificate, byte[] key) {
    }

    public GitAuth(Kind kind, String username, String password, String bearerToken, byte[] identity, byte[] knownHosts,
                   Optional<byte[]> caCert) {
        this(kind, username, password, bearerToken, identity, knownHosts, caCert, Optional.empty());
    }

    /** Whether HTTPS connections need their own TLS settings. */
    public boolean customTls() {
        return caCert.isPresent() || client.isPresent();
    }

    public enum Kind { NONE, BASIC, BEARER, SSH }

    public static GitAuth none() {
        return new GitAuth(Kind.NONE, "", "", "", new byte[0], new byte[0], Optional.empty());
    }

    public static GitAuth basic(String username, String password) {
        return new GitAuth(Kind.BASIC, username, password, "", new byte[0], new byte[0], Optional.empty());
    }

    public static GitAuth bearer(String token) {
        return new GitAuth(Kind.BEARER, "", "", token, new byte[0], new byte[0], Optional.empty());
    }

    /**
     * Reads decoded Secret data for a URL's scheme.
     *
     * @throws GitSourceException (AuthenticationFailed) when the keys needed for the scheme are missing
     */
    public static GitAuth fromSecret(String secretName, Map<String, byte[]> data, String url) throws GitSourceException {
        Optional<byte[]> ca = Optional.ofNullable(data.get("ca.crt"));
        Optional<ClientCert> client = Optional.empty();
        if (data.containsKey("tls.crt") || data.containsKey("tls.key")) {
            if (!data.containsKey("tls.crt") || !data.containsKey("tls.key")) {
                throw new GitSourceException(GitSourceException.AUTHENTICATION_FAILED, "invalid '" + secretName
                        + "' secret data: TLS client authentication needs both 'tls.crt' and 'tls.key'");
            }
            client = Optional.of(new ClientCert(data.get("tls.crt"), data.get("tls.key")));
        }
        if (url.startsWith("ssh://")) {
            byte[] identity = data.get("identity");
            byte[] knownHosts = data.get("known_hosts");
            if (identity == null || knownHosts == null) {
                throw new GitSourceException(GitSourceException.AUTHENTICATION_FAILED, "invalid '" + secretName
                        + "' secret data: required fields 'identity' and 'known_hosts' for an ssh:// URL");
            }
            return new GitAuth(Kind.SSH, "git", text(data.get("password")), "", identity, knownHosts, Optional.empty());
        }
        if (data.containsKey("bearerToken")) {
            return new GitAuth(Kind.BEARER, "", "", text(data.get("bearerToken")), new byte[0], new byte[0], ca, client);
        }
        if (data.containsKey("username") || data.containsKey("password")) {
            if (!data.containsKey("username") || !data.containsKey("password")) {
                throw new GitSourceException(GitSourceException.AUTHENTICATION_FAILED, "invalid '" + secretName
                        + "' secret data: basic authentication needs both 'username' and 'password'");
            }
            return new GitAuth(Kind.BASIC, text(data.get("username")), text(data.get("password")), "", new byte[0],
                    new byte[0], ca, client);
        }
        return new GitAuth(Kind.NONE, "", "", "", new byte[0], new byte[0], ca, client);
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8).strip();
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "GitAuth[" + kind + (username.isEmpty() ? "" : ", user=" + username) + "]";
    }
}
