package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The revision of a target: a stable hash of its {@code spec.template}, compared with
 * {@code status.lastAppliedSpec} and {@code lastPromotedSpec} to detect a new revision. Pure.
 *
 * <p>It is SHA-256 over the template written as JSON with object keys sorted, truncated to 16 hex
 * digits. Flagger's is FNV-32a over a go-spew dump of the Go struct (every field of every nested
 * Kubernetes type, zero values included, at the k8s.io/api version Flagger was built with), encoded
 * with {@code rand.SafeEncodeString}: reproducing it would need the full Go type tree per Kubernetes
 * version, so it is not attempted. The two never collide (Flagger's has at most 10 characters from
 * {@code bcdfghjklmnpqrstvwxz2456789}); {@link #isSluice} tells them apart, which lets the reconciler
 * adopt a Canary migrated from Flagger without an extra analysis (see {@code Revisions}).
 *
 * <p>A DaemonSet's scale-down node selector ({@code flagger.app/scale-to-zero}) is left out, as
 * Flagger ignores it: scaling the target down is not a new revision.
 */
final class TemplateHash {

    static final String SCALE_TO_ZERO_KEY = "flagger.app/scale-to-zero";
    private static final int HEX_DIGITS = 16;

    private TemplateHash() {
    }

    /** The hash of a pod template ({@code spec.template} of a Deployment or DaemonSet). */
    static String of(JsonNode template) {
        JsonNode t = withoutScaleDown(template);
        StringBuilder b = new StringBuilder();
        canonical(t, b);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code hash} was computed by Sluice (16 lower-case hex digits). */
    static boolean isSluice(String hash) {
        return hash.length() == HEX_DIGITS
                && hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static JsonNode withoutScaleDown(JsonNode template) {
        JsonNode selector = template.path("spec").path("nodeSelector");
        if (!selector.has(SCALE_TO_ZERO_KEY)) {
            return template;
        }
        ObjectNode copy = template.deepCopy();
        ObjectNode spec = (ObjectNode) copy.get("spec");
        ObjectNode ns = (ObjectNode) spec.get("nodeSelector");
        ns.remove(SCALE_TO_ZERO_KEY);
        if (ns.isEmpty()) {
            spec.remove("nodeSelector");
        }
        return copy;
    }

    /** JSON with sorted object keys; scalars as Jackson writes them. */
    static void canonical(JsonNode n, StringBuilder b) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            b.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i)).toString()).append(':');
                canonical(n.get(names.get(i)), b);
            }
            b.append('}');
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                canonical(n.get(i), b);
            }
            b.append(']');
        } else if (n.isMissingNode()) {
            b.append("null");
        } else {
            b.append(n.toString());
        }
    }
}
