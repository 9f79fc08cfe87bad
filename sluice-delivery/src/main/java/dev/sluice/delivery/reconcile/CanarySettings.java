package dev.sluice.delivery.reconcile;

import dev.sluice.api.flagger.AnalysisSpec;
import dev.sluice.delivery.canary.ControllerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The canary controller's flags (Flagger's command line), for the reconciler and its watches.
 *
 * @param core               what shapes a Canary's plan: the default mesh provider ({@code -mesh-provider})
 *                           and the cluster name added to alerts ({@code -cluster-name})
 * @param selectorLabels     the labels that identify a workload's pods, first match in
 *                           {@code spec.selector.matchLabels} wins ({@code -selector-labels}, default
 *                           {@code app,name,app.kubernetes.io/name})
 * @param minInterval        the shortest analysis interval; Flagger clamps to 10s, embedded demos may go
 *                           lower (the Canary model already raised anything below 10s with a warning;
 *                           with a lower minimum the interval as written is used again)
 * @param metricsServer      the Prometheus of Canaries without {@code spec.metricsServer}
 *                           ({@code -metrics-server}, default {@code http://prometheus:9090}); used by
 *                           {@link CanaryController#adapters} to build the metric checks
 * @param configTracking     track the ConfigMaps and Secrets a target references and copy them to
 *                           {@code -primary} ({@code -enable-config-tracking}, default true)
 * @param eventWebhook       a URL every event is POSTed to when the Canary has no event hook of its own
 *                           ({@code -event-webhook}); "" for none
 * @param includeLabelPrefix label and annotation prefixes copied to the primary on promotion
 *                           ({@code -include-label-prefix}; {@code *} copies all; default none)
 * @param ingressAnnotationsPrefix the nginx annotation prefix ({@code -ingress-annotations-prefix}),
 *                           "" for {@code nginx.ingress.kubernetes.io}
 * @param noCrossNamespaceRefs refuse MetricTemplates in other namespaces ({@code -no-cross-namespace-refs})
 */
public record CanarySettings(ControllerSettings core, List<String> selectorLabels, Duration minInterval,
                             String metricsServer, boolean configTracking, String eventWebhook,
                             List<String> includeLabelPrefix, String ingressAnnotationsPrefix,
                             boolean noCrossNamespaceRefs) {

    public static final List<String> DEFAULT_SELECTOR_LABELS = List.of("app", "name", "app.kubernetes.io/name");
    public static final String DEFAULT_METRICS_SERVER = "http://prometheus:9090";

    /** Flagger's defaults. */
    public static final CanarySettings DEFAULTS = new CanarySettings(ControllerSettings.DEFAULTS,
            DEFAULT_SELECTOR_LABELS, AnalysisSpec.MIN_INTERVAL, DEFAULT_METRICS_SERVER, true, "", List.of(), "", false);

    public CanarySettings {
        Objects.requireNonNull(core, "core");
        selectorLabels = List.copyOf(selectorLabels);
        if (selectorLabels.isEmpty()) {
            throw new IllegalArgumentException("-selector-labels needs at least one label, got none");
        }
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("the minimum analysis interval must be positive, got " + minInterval);
        }
        metricsServer = metricsServer == null || metricsServer.isEmpty() ? DEFAULT_METRICS_SERVER : metricsServer;
        eventWebhook = eventWebhook == null ? "" : eventWebhook;
        includeLabelPrefix = List.copyOf(includeLabelPrefix);
        ingressAnnotationsPrefix = ingressAnnotationsPrefix == null ? "" : ingressAnnotationsPrefix;
    }

    public CanarySettings withCore(ControllerSettings c) {
        return new CanarySettings(c, selectorLabels, minInterval, metricsServer, configTracking, eventWebhook,
                includeLabelPrefix, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withSelectorLabels(List<String> labels) {
        return new CanarySettings(core, labels, minInterval, metricsServer, configTracking, eventWebhook,
                includeLabelPrefix, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withMinInterval(Duration d) {
        return new CanarySettings(core, selectorLabels, d, metricsServer, configTracking, eventWebhook,
                includeLabelPrefix, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withMetricsServer(String url) {
        return new CanarySettings(core, selectorLabels, minInterval, url, configTracking, eventWebhook,
                includeLabelPrefix, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withConfigTracking(boolean on) {
        return new CanarySettings(core, selectorLabels, minInterval, metricsServer, on, eventWebhook,
                includeLabelPrefix, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withEventWebhook(String url) {
        return new CanarySettings(core, selectorLabels, minInterval, metricsServer, configTracking, url,
                includeLabelPrefix, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withIncludeLabelPrefix(List<String> prefixes) {
        return new CanarySettings(core, selectorLabels, minInterval, metricsServer, configTracking, eventWebhook,
                prefixes, ingressAnnotationsPrefix, noCrossNamespaceRefs);
    }

    public CanarySettings withIngressAnnotationsPrefix(String prefix) {
        return new CanarySettings(core, selectorLabels, minInterval, metricsServer, configTracking, eventWebhook,
                includeLabelPrefix, prefix, noCrossNamespaceRefs);
    }

    public CanarySettings withNoCrossNamespaceRefs(boolean refuse) {
        return new CanarySettings(core, selectorLabels, minInterval, metricsServer, configTracking, eventWebhook,
                includeLabelPrefix, ingressAnnotationsPrefix, refuse);
    }
}
