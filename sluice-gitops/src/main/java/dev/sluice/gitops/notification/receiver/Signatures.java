package dev.sluice.gitops.notification.receiver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of webhook bodies in the {@code <algorithm>=<hex>} form GitHub and Flux's
 * generic-hmac use ({@code sha1}, {@code sha256}, {@code sha512}). Comparisons take constant time.
 * Stateless and thread-safe.
 */
public final class Signatures {

    private Signatures() {
    }

    /**
     * Whether {@code header} ({@code sha256=<hex>}) is the HMAC of {@code body} under {@code key}.
     *
     * @return false for a missing, malformed or unknown-algorithm header, or a wrong signature
     */
    public static boolean valid(String header, byte[] body, byte[] key) {
        if (header == null || key.length == 0) {
            return false;
        }
        int eq = header.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        String jca = jcaName(header.substring(0, eq).strip().toLowerCase(Locale.ROOT));
        if (jca == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(eq + 1).strip());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(jca, body, key));
    }

    /** {@code sha256=<hex of HMAC-SHA256(key, body)>}, as senders compute it. */
    public static String sha256(byte[] body, byte[] key) {
        return "sha256=" + HexFormat.of().formatHex(mac("HmacSHA256", body, key));
    }

    /** {@code sha1=<hex of HMAC-SHA1(key, body)>}, GitHub's legacy {@code X-Hub-Signature}. */
    public static String sha1(byte[] body, byte[] key) {
        return "sha1=" + HexFormat.of().formatHex(mac("HmacSHA1", body, key));
    }

    /** Constant-time equality of two strings (as UTF-8). */
    public static boolean sameText(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String jcaName(String algorithm) {
        return switch (algorithm) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> null;
        };
    }

    private static byte[] mac(String jca, byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK always has " + jca, e);
        }
    }
}
