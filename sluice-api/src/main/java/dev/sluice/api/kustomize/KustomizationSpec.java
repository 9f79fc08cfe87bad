package dev.sluice.api.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.meta.KustomizeRecords.IgnoreRule;
import dev.sluice.api.meta.KustomizeRecords.Image;
import dev.sluice.api.meta.KustomizeRecords.Patch;
import dev.sluice.api.meta.Nodes;
import dev.sluice.api.meta.References.CommonMetadata;
import dev.sluice.api.meta.References.CrossNamespaceSourceReference;
import dev.sluice.api.meta.References.CustomHealthCheck;
import dev.sluice.api.meta.References.DependencyReference;
import dev.sluice.api.meta.References.KubeConfigReference;
import dev.sluice.api.meta.References.NamespacedObjectKindReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired state of a Flux Kustomization (v1); {@code waitForResources} is {@code spec.wait}
 * (a record component cannot be called wait). Optional durations are empty when not written;
 * the {@code effective*} methods apply Flux's defaults. Strings are "" when not set.
 */
public record KustomizationSpec(
        Duration interval,
        Optional<Duration> retryInterval,
        Optional<Duration> timeout,
        CrossNamespaceSourceReference sourceRef,
        String path,
        boolean prune,
        String deletionPolicy,
        boolean waitForResources,
        boolean force,
        boolean suspend,
        List<DependencyReference> dependsOn,
        List<NamespacedObjectKindReference> healthChecks,
        List<CustomHealthCheck> healthCheckExprs,
        String targetNamespace,
        String namePrefix,
        String nameSuffix,
        List<Patch> patches,
        List<Image> images,
        List<String> components,
        boolean ignoreMissingComponents,
        Optional<CommonMetadata> commonMetadata,
        Optional<PostBuild> postBuild,
        Optional<Decryption> decryption,
        Optional<KubeConfigReference> kubeConfig,
        String serviceAccountName,
        List<String> buildMetadata,
        List<IgnoreRule> ignore) {

    /** Flux's floor for the timeout, and what is subtracted from the interval to default it. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(30);
    public static final String MIRROR_PRUNE = "MirrorPrune";

    /** Variables and their sources for {@code ${var}} substitution after the build. */
    public record PostBuild(Map<String, String> substitute, List<SubstituteReference> substituteFrom,
                            String substituteStrategy) {

        static PostBuild from(JsonNode n) {
            return new PostBuild(Nodes.stringMap(n, "substitute"), Nodes.list(n, "substituteFrom", SubstituteReference::from),
                    Nodes.text(n, "substituteStrategy"));
        }
    }

    /** A ConfigMap or Secret whose data keys are substitution variables. */
    public record SubstituteReference(String kind, String name, boolean optional) {

        static SubstituteReference from(JsonNode n) {
            return new SubstituteReference(Nodes.text(n, "kind"), Nodes.text(n, "name"), Nodes.bool(n, "optional"));
        }
    }

    /** SOPS decryption settings; {@code secretName} is "" when keys come from KMS or the service account. */
    public record Decryption(String provider, String serviceAccountName, String secretName) {

        static Decryption from(JsonNode n) {
            return new Decryption(Nodes.text(n, "provider"), Nodes.text(n, "serviceAccountName"),
                    Nodes.text(n.path("secretRef"), "name"));
        }
    }

    /** Reads a validated v1 spec. */
    public static KustomizationSpec from(JsonNode s) {
        return new KustomizationSpec(
                Nodes.duration(s, "interval").orElse(Duration.ZERO),
                Nodes.duration(s, "retryInterval"),
                Nodes.duration(s, "timeout"),
                CrossNamespaceSourceReference.from(s.path("sourceRef")),
                Nodes.text(s, "path"),
                Nodes.bool(s, "prune"),
                Nodes.text(s, "deletionPolicy"),
                Nodes.bool(s, "wait"),
                Nodes.bool(s, "force"),
                Nodes.bool(s, "suspend"),
                Nodes.list(s, "dependsOn", DependencyReference::from),
                Nodes.list(s, "healthChecks", NamespacedObjectKindReference::from),
                Nodes.list(s, "healthCheckExprs", CustomHealthCheck::from),
                Nodes.text(s, "targetNamespace"),
                Nodes.text(s, "namePrefix"),
                Nodes.text(s, "nameSuffix"),
                Nodes.list(s, "patches", Patch::from),
                Nodes.list(s, "images", Image::from),
                Nodes.strings(s, "components"),
                Nodes.bool(s, "ignoreMissingComponents"),
                Nodes.object(s, "commonMetadata", CommonMetadata::from),
                Nodes.object(s, "postBuild", PostBuild::from),
                Nodes.object(s, "decryption", Decryption::from),
                Nodes.object(s, "kubeConfig", KubeConfigReference::from),
                Nodes.text(s, "serviceAccountName"),
                Nodes.strings(s, "buildMetadata"),
                Nodes.list(s, "ignore", IgnoreRule::from));
    }

    /**
     * The timeout for build, apply, health checks and prune: {@code timeout}, or interval − 30s,
     * and never less than 30s (Flux's {@code GetTimeout}).
     */
    public Duration effectiveTimeout() {
        Duration d = timeout.orElse(interval.minus(MIN_TIMEOUT));
        return d.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : d;
    }

    /** How long to wait after a failure: {@code retryInterval}, or the interval. */
    public Duration effectiveRetryInterval() {
        return retryInterval.orElse(interval);
    }

    /** The deletion policy, {@code MirrorPrune} when not set. */
    public String effectiveDeletionPolicy() {
        return deletionPolicy.isEmpty() ? MIRROR_PRUNE : deletionPolicy;
    }

    /** The path inside the artifact; "" and "./" both mean its root. */
    public String effectivePath() {
        return path.isEmpty() ? "./" : path;
    }

    /** Whether health is checked after apply: with wait every object, otherwise the listed ones. */
    public boolean checksHealth() {
        return waitForResources || !healthChecks.isEmpty();
    }
}
