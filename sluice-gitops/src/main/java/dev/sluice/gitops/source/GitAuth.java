package dev.sluice.gitops.source;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for a remote, read from the Secret named by {@code spec.secretRef} with Flux's keys:
 * {@code username}/{@code password}, {@code bearerToken}, {@code identity} (+ optional
 * {@code password} as its passphrase) with {@code known_hosts}, and {@code ca.crt} for HTTPS.
 *
 * @param caCert PEM certificates to trust for HTTPS in addition to the JDK's, or empty
 */
public record GitAuth(Kind kind, String username, String password, String bearerToken, byte[] identity,
                      byte[] knownHosts, Optional<byte[]> caCert) {

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
            return new GitAuth(Kind.BEARER, "", "", text(data.get("bearerToken")), new byte[0], new byte[0], ca);
        }
        if (data.containsKey("username") || data.containsKey("password")) {
            if (!data.containsKey("username") || !data.containsKey("password")) {
                throw new GitSourceException(GitSourceException.AUTHENTICATION_FAILED, "invalid '" + secretName
                        + "' secret data: basic authentication needs both 'username' and 'password'");
            }
            return new GitAuth(Kind.BASIC, text(data.get("username")), text(data.get("password")), "", new byte[0],
                    new byte[0], ca);
        }
        return new GitAuth(Kind.NONE, "", "", "", new byte[0], new byte[0], ca);
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
