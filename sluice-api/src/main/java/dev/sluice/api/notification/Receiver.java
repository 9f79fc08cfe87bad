package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.Nodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A Flux Receiver ({@code notification.toolkit.fluxcd.io/v1}): a webhook that, when a valid call
 * arrives, asks the listed objects to reconcile now.
 */
public record Receiver(KubeObject object, Spec spec, NotificationStatus status) {

    public static final String WEBHOOK_PATH_PREFIX = "/hook/";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    /**
     * @param type       how calls are authenticated: {@code github}, {@code gitlab}, {@code generic}, ...
     * @param events     the event types that trigger (e.g. GitHub's {@code push}); empty means all
     * @param secretName the Secret holding {@code token}; "" for {@code generic-oidc}
     */
    public record Spec(String type, Optional<Duration> interval, List<String> events,
                       List<CrossNamespaceObjectReference> resources, String resourceFilter, String secretName,
                       List<OidcProvider> oidcProviders, boolean suspend) {

        public static Spec from(JsonNode s) {
            return new Spec(Nodes.text(s, "type"), Nodes.duration(s, "interval"), Nodes.strings(s, "events"),
                    Nodes.list(s, "resources", CrossNamespaceObjectReference::from), Nodes.text(s, "resourceFilter"),
                    Nodes.text(s.path("secretRef"), "name"), Nodes.list(s, "oidcProviders", OidcProvider::from),
                    Nodes.bool(s, "suspend"));
        }

        public Duration effectiveInterval() {
            return interval.orElse(DEFAULT_INTERVAL);
        }
    }

    /** An OIDC issuer whose tokens a {@code generic-oidc} Receiver accepts, with CEL checks. */
    public record OidcProvider(String issuerURL, String audience, List<Variable> variables, List<Validation> validations) {

        static OidcProvider from(JsonNode n) {
            return new OidcProvider(Nodes.text(n, "issuerURL"), Nodes.text(n, "audience"),
                    Nodes.list(n, "variables", v -> new Variable(Nodes.text(v, "name"), Nodes.text(v, "expression"))),
                    Nodes.list(n, "validations", v -> new Validation(Nodes.text(v, "expression"), Nodes.text(v, "message"))));
        }
    }

    /** A named CEL expression over the token's claims. */
    public record Variable(String name, String expression) {
    }

    /** A CEL check on the token, and the message when it fails. */
    public record Validation(String expression, String message) {
    }

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }

    /** The path this Receiver answers on for {@code token}: {@code /hook/} + hex(sha256(token + name + namespace)). */
    public String webhookPath(String token) {
        return webhookPath(token, name(), namespace());
    }

    public static String webhookPath(String token, String name, String namespace) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256")
                    .digest((token + name + namespace).getBytes(StandardCharsets.UTF_8));
            return WEBHOOK_PATH_PREFIX + HexFormat.of().formatHex(sum);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
