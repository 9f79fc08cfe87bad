package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.Nodes;
import java.time.Duration;
import java.util.Optional;

/**
 * A Flux HelmRepository ({@code source.toolkit.fluxcd.io/v1}): a Helm chart index over HTTP(S), or
 * an OCI registry when {@code type} is {@code oci}.
 */
public record HelmRepository(KubeObject object, Spec spec, SourceStatus status) {

    /** The default interval and timeout when not set (source-controller's GetRequeueAfter and GetTimeout). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    /**
     * @param type       "" or {@code default} for an HTTP(S) index, {@code oci} for a registry
     * @param secretName the Secret with credentials, or ""
     * @param provider   {@code generic} (default), {@code aws}, {@code azure} or {@code gcp}
     * @param accessFrom the legacy namespace selectors, kept as written, or null
     */
    public record Spec(String url, String type, Optional<Duration> interval, Optional<Duration> timeout, String secretName,
                       String certSecretName, boolean passCredentials, boolean insecure, boolean suspend, String provider,
                       JsonNode accessFrom) {

        public static Spec from(JsonNode s) {
            return new Spec(Nodes.text(s, "url"), Nodes.text(s, "type"), Nodes.duration(s, "interval"),
                    Nodes.duration(s, "timeout"), Nodes.text(s.path("secretRef"), "name"),
                    Nodes.text(s.path("certSecretRef"), "name"), Nodes.bool(s, "passCredentials"), Nodes.bool(s, "insecure"),
                    Nodes.bool(s, "suspend"), Nodes.text(s, "provider", "generic"), Nodes.tree(s, "accessFrom"));
        }

        public boolean isOci() {
            return "oci".equals(type);
        }

        public Duration effectiveInterval() {
            return interval.filter(d -> !d.isZero()).orElse(DEFAULT_INTERVAL);
        }

        public Duration effectiveTimeout() {
            return timeout.orElse(DEFAULT_TIMEOUT);
        }
    }

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }
}
