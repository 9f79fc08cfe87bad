package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.Nodes;
import java.time.Duration;
import java.util.Optional;

/**
 * A Flux notification Provider ({@code notification.toolkit.fluxcd.io/v1beta3}): where alerts go
 * (Slack, Teams, a generic webhook, ...) or which Git host gets commit statuses.
 */
public record Provider(KubeObject object, Spec spec) {

    /** notification-controller's default timeout for sending an alert. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param secretName the Secret with address, token, headers (or ""); empty strings mean not set
     */
    public record Spec(String type, String channel, String username, String address, Optional<Duration> timeout,
                       String proxy, String proxySecretName, String secretName, String certSecretName,
                       String serviceAccountName, String commitStatusExpr, boolean suspend) {

        public static Spec from(JsonNode s) {
            return new Spec(Nodes.text(s, "type"), Nodes.text(s, "channel"), Nodes.text(s, "username"),
                    Nodes.text(s, "address"), Nodes.duration(s, "timeout"), Nodes.text(s, "proxy"),
                    Nodes.text(s.path("proxySecretRef"), "name"), Nodes.text(s.path("secretRef"), "name"),
                    Nodes.text(s.path("certSecretRef"), "name"), Nodes.text(s, "serviceAccountName"),
                    Nodes.text(s, "commitStatusExpr"), Nodes.bool(s, "suspend"));
        }

        public Duration effectiveTimeout() {
            return timeout.orElse(DEFAULT_TIMEOUT);
        }

        /** Whether this provider sets commit statuses (using the event's revision) rather than sending messages. */
        public boolean isCommitStatus() {
            return ProviderModel.GIT_PROVIDERS.contains(type);
        }
    }

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }
}
