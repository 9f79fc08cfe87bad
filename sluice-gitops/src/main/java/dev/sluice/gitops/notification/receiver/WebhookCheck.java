package dev.sluice.gitops.notification.receiver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a webhook call may trigger a Receiver, by its type, as notification-controller
 * does: {@code github} (HMAC {@code X-Hub-Signature-256}, or the legacy sha1 {@code X-Hub-Signature},
 * and {@code X-GitHub-Event} among {@code spec.events}), {@code gitlab} ({@code X-Gitlab-Token}
 * equal to the token, {@code X-Gitlab-Event} among the events), {@code generic} (no check) and
 * {@code generic-hmac} ({@code X-Signature: sha256=<hmac>}). Secrets are compared in constant time.
 * Pure and thread-safe.
 */
public final class WebhookCheck {

    /** The types this check knows; other Flux types (bitbucket, harbor, quay, ...) are not served yet. */
    public static final Set<String> SUPPORTED = Set.of("github", "gitlab", "generic", "generic-hmac");

    /** What to do with a call. */
    public sealed interface Verdict {
        /** Authentic and wanted: request the reconciliations. */
        record Accept(String event) implements Verdict {
        }

        /** GitHub's {@code ping} (sent when the hook is created), authentic: answer it, reconcile nothing. */
        record Ping() implements Verdict {
        }

        /** Not authentic: 401, a Warning event on the Receiver, never a reconcile. */
        record Unauthorized(String reason) implements Verdict {
        }

        /** Authentic, but an event the Receiver does not listen to: 400, nothing reconciled. */
        record Ignored(String reason) implements Verdict {
        }
    }

    private WebhookCheck() {
    }

    /**
     * @param type   the Receiver's {@code spec.type} (one of {@link #SUPPORTED})
     * @param token  the {@code token} of the Receiver's Secret ("" for generic)
     * @param events {@code spec.events}; empty accepts every event
     * @throws IllegalArgumentException for a type not in {@link #SUPPORTED}
     */
    public static Verdict check(String type, String token, List<String> events, WebhookRequest request) {
        byte[] key = token.getBytes(StandardCharsets.UTF_8);
        return switch (type) {
            case "generic" -> new Verdict.Accept("");
            case "generic-hmac" -> Signatures.valid(request.header("X-Signature"), request.body(), key)
                    ? new Verdict.Accept("")
                    : new Verdict.Unauthorized("unable to validate HMAC signature: the X-Signature header is "
                    + (request.header("X-Signature") == null ? "missing" : "invalid"));
            case "github" -> github(key, events, request);
            case "gitlab" -> {
                if (!Signatures.sameText(request.header("X-Gitlab-Token"), token)) {
                    yield new Verdict.Unauthorized("the X-Gitlab-Token header value does not match the receiver token");
                }
                String event = nonNull(request.header("X-Gitlab-Event"));
                yield allowed(event, events) ? new Verdict.Accept(event)
                        : new Verdict.Ignored("the GitLab event \"" + event + "\" is not authorised");
            }
            default -> throw new IllegalArgumentException("receiver type '" + type + "' is not supported; expected one of "
                    + String.join(", ", SUPPORTED.stream().sorted().toList()));
        };
    }

    private static Verdict github(byte[] key, List<String> events, WebhookRequest request) {
        String sha256 = request.header("X-Hub-Signature-256");
        String header = sha256 != null ? sha256 : request.header("X-Hub-Signature");
        if (header == null) {
            return new Verdict.Unauthorized("the GitHub signature header is invalid: missing signature");
        }
        if (!Signatures.valid(header, request.body(), key)) {
            return new Verdict.Unauthorized("the GitHub signature header is invalid: payload signature check failed");
        }
        String event = nonNull(request.header("X-GitHub-Event"));
        if (event.equalsIgnoreCase("ping")) {
            return new Verdict.Ping();
        }
        return allowed(event, events) ? new Verdict.Accept(event)
                : new Verdict.Ignored("the GitHub event \"" + event + "\" is not authorised");
    }

    private static boolean allowed(String event, List<String> events) {
        return events.isEmpty() || events.stream().anyMatch(e -> e.equalsIgnoreCase(event));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
