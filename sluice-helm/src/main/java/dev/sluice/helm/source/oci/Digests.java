package dev.sluice.helm.source.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** OCI content digests ({@code <algorithm>:<hex>}): sha256, sha384 and sha512, as go-digest accepts them. */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    static boolean supported(String digest) {
        return algorithm(digest) != null;
    }

    /** Whether {@code content} has {@code digest}; false for an unsupported algorithm. */
    static boolean matches(String digest, byte[] content) {
        String alg = algorithm(digest);
        return alg != null && digest.substring(digest.indexOf(':') + 1).toLowerCase(Locale.ROOT).equals(hex(alg, content));
    }

    private static String algorithm(String digest) {
        int colon = digest == null ? -1 : digest.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return switch (digest.substring(0, colon)) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
