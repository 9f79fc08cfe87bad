package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.Nodes;
import dev.sluice.api.meta.References.LocalObjectReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Flux HelmChart ({@code source.toolkit.fluxcd.io/v1}): one chart, at a semver range, packaged
 * from a HelmRepository, GitRepository or Bucket. helm-controller creates one per HelmRelease as
 * {@code <namespace>-<name>}.
 */
public record HelmChart(KubeObject object, Spec spec, HelmChartStatus status) {

    public static final String CHART_VERSION = "ChartVersion";

    /**
     * @param version           a semver range; {@code *} (the default) is the latest
     * @param reconcileStrategy {@code ChartVersion} (default) or {@code Revision}
     */
    public record Spec(String chart, String version, SourceRef sourceRef, Duration interval, String reconcileStrategy,
                       List<String> valuesFiles, boolean ignoreMissingValuesFiles, boolean suspend, Optional<Verify> verify) {

        public static Spec from(JsonNode s) {
            return new Spec(Nodes.text(s, "chart"), Nodes.text(s, "version", "*"), SourceRef.from(s.path("sourceRef")),
                    Nodes.duration(s, "interval").orElse(Duration.ZERO), Nodes.text(s, "reconcileStrategy", CHART_VERSION),
                    Nodes.strings(s, "valuesFiles"), Nodes.bool(s, "ignoreMissingValuesFiles"), Nodes.bool(s, "suspend"),
                    Nodes.object(s, "verify", Verify::from));
        }
    }

    /** The source in the same namespace: {@code kind} is HelmRepository, GitRepository or Bucket. */
    public record SourceRef(String apiVersion, String kind, String name) {

        static SourceRef from(JsonNode n) {
            return new SourceRef(Nodes.text(n, "apiVersion"), Nodes.text(n, "kind"), Nodes.text(n, "name"));
        }
    }

    /** Signature verification of an OCI chart: {@code cosign} (default) or {@code notation}. */
    public record Verify(String provider, Optional<LocalObjectReference> secretRef, List<OidcIdentity> matchOIDCIdentity) {

        static Verify from(JsonNode n) {
            return new Verify(Nodes.text(n, "provider", "cosign"), Nodes.object(n, "secretRef", LocalObjectReference::from),
                    Nodes.list(n, "matchOIDCIdentity", i -> new OidcIdentity(Nodes.text(i, "issuer"), Nodes.text(i, "subject"))));
        }
    }

    /** Regular expressions a keyless signature's issuer and subject must match. */
    public record OidcIdentity(String issuer, String subject) {
    }

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }
}
