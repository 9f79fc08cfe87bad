package dev.sluice.api.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.helm.HelmActions.Install;
import dev.sluice.api.helm.HelmActions.Rollback;
import dev.sluice.api.helm.HelmActions.Test;
import dev.sluice.api.helm.HelmActions.Uninstall;
import dev.sluice.api.helm.HelmActions.Upgrade;
import dev.sluice.api.meta.KustomizeRecords.IgnoreRule;
import dev.sluice.api.meta.KustomizeRecords.Image;
import dev.sluice.api.meta.KustomizeRecords.Patch;
import dev.sluice.api.meta.Nodes;
import dev.sluice.api.meta.References.CommonMetadata;
import dev.sluice.api.meta.References.CrossNamespaceSourceReference;
import dev.sluice.api.meta.References.CustomHealthCheck;
import dev.sluice.api.meta.References.DependencyReference;
import dev.sluice.api.meta.References.KubeConfigReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The desired state of a Flux HelmRelease (v2). Exactly one of {@code chart} and {@code chartRef}
 * is present. {@code values} is the inline values tree (a copy), or null.
 */
public record HelmReleaseSpec(
        Optional<ChartTemplate> chart,
        Optional<ChartReference> chartRef,
        Duration interval,
        Optional<KubeConfigReference> kubeConfig,
        boolean suspend,
        String releaseName,
        String targetNamespace,
        String storageNamespace,
        List<DependencyReference> dependsOn,
        Optional<Duration> timeout,
        OptionalInt maxHistory,
        String serviceAccountName,
        Optional<Boolean> persistentClient,
        DriftDetection driftDetection,
        Install install,
        Upgrade upgrade,
        Test test,
        Rollback rollback,
        Uninstall uninstall,
        List<ValuesReference> valuesFrom,
        JsonNode values,
        List<PostRenderer> postRenderers,
        String postRenderStrategy,
        Optional<CommonMetadata> commonMetadata,
        List<CustomHealthCheck> healthCheckExprs,
        String waitStrategy) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_HISTORY = 5;

    /** The HelmChart helm-controller creates: {@code chart.spec} plus labels and annotations for it. */
    public record ChartTemplate(Optional<CommonMetadata> metadata, String chart, String version,
                                CrossNamespaceSourceReference sourceRef, Optional<Duration> interval,
                                String reconcileStrategy, List<String> valuesFiles, boolean ignoreMissingValuesFiles,
                                Optional<String> verifyProvider, String verifySecretName) {

        static ChartTemplate from(JsonNode n) {
            JsonNode s = n.path("spec");
            return new ChartTemplate(Nodes.object(n, "metadata", CommonMetadata::from), Nodes.text(s, "chart"),
                    Nodes.text(s, "version", "*"), CrossNamespaceSourceReference.from(s.path("sourceRef")),
                    Nodes.duration(s, "interval"), Nodes.text(s, "reconcileStrategy", "ChartVersion"),
                    Nodes.strings(s, "valuesFiles"), Nodes.bool(s, "ignoreMissingValuesFiles"),
                    Nodes.object(s, "verify", v -> Nodes.text(v, "provider", "cosign")),
                    Nodes.text(s.path("verify").path("secretRef"), "name"));
        }
    }

    /** A chart from an OCIRepository, a HelmChart or an ExternalArtifact. */
    public record ChartReference(String apiVersion, String kind, String name, String namespace) {

        static ChartReference from(JsonNode n) {
            return new ChartReference(Nodes.text(n, "apiVersion"), Nodes.text(n, "kind"), Nodes.text(n, "name"),
                    Nodes.text(n, "namespace"));
        }
    }

    /**
     * Values from a ConfigMap or Secret key.
     *
     * @param valuesKey  the data key, {@code values.yaml} when not set
     * @param targetPath where in the values to put the key's content (then taken as one value), or ""
     */
    public record ValuesReference(String kind, String name, String valuesKey, String targetPath, boolean optional,
                                  boolean literal) {

        static ValuesReference from(JsonNode n) {
            return new ValuesReference(Nodes.text(n, "kind"), Nodes.text(n, "name"), Nodes.text(n, "valuesKey", "values.yaml"),
                    Nodes.text(n, "targetPath"), Nodes.bool(n, "optional"), Nodes.bool(n, "literal"));
        }
    }

    /** A kustomize post-renderer: patches and images applied to the rendered manifests. */
    public record PostRenderer(List<Patch> patches, List<Image> images) {

        static PostRenderer from(JsonNode n) {
            JsonNode k = n.path("kustomize");
            return new PostRenderer(Nodes.list(k, "patches", Patch::from), Nodes.list(k, "images", Image::from));
        }
    }

    /** @param mode {@code enabled}, {@code warn} or {@code disabled} (also when "") */
    public record DriftDetection(String mode, List<IgnoreRule> ignore) {

        static DriftDetection from(JsonNode n) {
            return new DriftDetection(Nodes.text(n, "mode", "disabled"), Nodes.list(n, "ignore", IgnoreRule::from));
        }
    }

    public static HelmReleaseSpec from(JsonNode s) {
        return new HelmReleaseSpec(
                Nodes.object(s, "chart", ChartTemplate::from),
                Nodes.object(s, "chartRef", ChartReference::from),
                Nodes.duration(s, "interval").orElse(Duration.ZERO),
                Nodes.object(s, "kubeConfig", KubeConfigReference::from),
                Nodes.bool(s, "suspend"),
                Nodes.text(s, "releaseName"),
                Nodes.text(s, "targetNamespace"),
                Nodes.text(s, "storageNamespace"),
                Nodes.list(s, "dependsOn", DependencyReference::from),
                Nodes.duration(s, "timeout"),
                Nodes.optInt(s, "maxHistory"),
                Nodes.text(s, "serviceAccountName"),
                Nodes.optBool(s, "persistentClient"),
                DriftDetection.from(s.path("driftDetection")),
                Install.from(s.path("install")),
                Upgrade.from(s.path("upgrade")),
                Test.from(s.path("test")),
                Rollback.from(s.path("rollback")),
                Uninstall.from(s.path("uninstall")),
                Nodes.list(s, "valuesFrom", ValuesReference::from),
                Nodes.tree(s, "values"),
                Nodes.list(s, "postRenderers", PostRenderer::from),
                Nodes.text(s, "postRenderStrategy"),
                Nodes.object(s, "commonMetadata", CommonMetadata::from),
                Nodes.list(s, "healthCheckExprs", CustomHealthCheck::from),
                Nodes.text(s.path("waitStrategy"), "name"));
    }

    /** The timeout of each Helm action: {@code timeout}, or 5m. */
    public Duration effectiveTimeout() {
        return timeout.orElse(DEFAULT_TIMEOUT);
    }

    /** Release revisions kept: {@code maxHistory}, or 5 (0 keeps all). */
    public int effectiveMaxHistory() {
        return maxHistory.orElse(DEFAULT_MAX_HISTORY);
    }

    public boolean usesPersistentClient() {
        return persistentClient.orElse(true);
    }
}
