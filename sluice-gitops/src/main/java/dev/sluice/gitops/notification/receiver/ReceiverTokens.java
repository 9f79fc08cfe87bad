package dev.sluice.gitops.notification.receiver;

import dev.sluice.api.notification.Receiver;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.notification.SecretKeys;
import java.util.Map;

/**
 * Reads a Receiver's token from its Secret, with notification-controller's error messages. A blank
 * token is refused (notification-controller accepts it).
 */
final class ReceiverTokens {

    /** The token cannot be read; the message says which Secret and why. */
    static final class TokenException extends Exception {
        TokenException(String message) {
            super(message);
        }
    }

    private ReceiverTokens() {
    }

    static String token(Cluster cluster, Receiver r) throws TokenException {
        String name = r.spec().secretName();
        String ref = r.namespace() + "/" + name;
        Map<String, String> keys;
        try {
            keys = SecretKeys.read(cluster, r.namespace(), name).orElseThrow(() -> new TokenException(
                    "unable to read token from secret '" + ref + "' error: secrets \"" + name + "\" not found"));
        } catch (IllegalArgumentException e) {
            throw new TokenException("unable to read token from secret '" + ref + "' error: " + e.getMessage());
        }
        String token = keys.get("token");
        if (token == null) {
            throw new TokenException("invalid '" + ref + "' secret data: required fields 'token'");
        }
        if (token.isBlank()) {
            // An empty token would make the webhook path guessable and accept an empty X-Gitlab-Token.
            throw new TokenException("invalid '" + ref + "' secret data: the 'token' field is empty; expected a random secret");
        }
        return token;
    }
}
