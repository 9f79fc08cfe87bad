package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.AnalysisSpec;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.MeshProviders;
import dev.sluice.api.flagger.Strategy;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.notify.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the state machine needs from a Canary's spec and the controller's settings, resolved once
 * per tick: names for messages, the effective provider, the analysis with defaults, and the alert
 * fields. Built by {@link #of}; a pure value.
 *
 * @param provider        the effective traffic provider (the Canary's, else the controller's default)
 * @param metricsProvider the name Flagger's messages use for the builtin metrics' provider
 * @param analysis        the analysis with Flagger's defaults; an empty one when the Canary has none
 * @param skipAnalysis    {@code skipAnalysis}, or no analysis at all
 * @param alertMetadata   the fields of alerts sent "with metadata" (initialization, new revision)
 */
public record AnalysisPlan(String name, String namespace, String targetKind, String targetName, String provider,
                           String metricsProvider, AnalysisSpec analysis, boolean skipAnalysis, boolean suspend,
                           boolean hasAutoscaler, List<Notification.Field> alertMetadata,
                           List<Notification.Field> clusterFields) {

    /** The analysis of a Canary without one: nothing to check, promoted as soon as ready. */
    static final AnalysisSpec NO_ANALYSIS = AnalysisSpec.canary(AnalysisSpec.DEFAULT_INTERVAL, 1, 0, 100);

    public AnalysisPlan {
        alertMetadata = List.copyOf(alertMetadata);
        clusterFields = List.copyOf(clusterFields);
    }

    public static AnalysisPlan of(Canary canary, ControllerSettings settings) {
        var spec = canary.spec();
        AnalysisSpec analysis = spec.analysis().orElse(NO_ANALYSIS);
        String provider = MeshProviders.effective(spec.provider(), settings.meshProvider());
        List<Notification.Field> cluster = settings.clusterName().isEmpty() ? List.of()
                : List.of(new Notification.Field("Cluster", settings.clusterName()));
        return new AnalysisPlan(canary.name(), canary.namespace(), spec.targetRef().kind(), canary.targetName(),
                provider, metricsProvider(canary, settings), analysis, spec.analysisSkipped(), spec.suspend(),
                spec.autoscalerRef().isPresent(), metadata(canary, analysis), cluster);
    }

    /** Flagger's choice of the name in "no values found for <provider> metric ..." messages. */
    private static String metricsProvider(Canary canary, ControllerSettings settings) {
        String global = settings.meshProvider();
        String p = global.contains("crossover") ? "crossover" : global;
        if (!canary.spec().provider().isEmpty()) {
            p = global.contains("linkerd") ? "linkerd" : canary.spec().provider();
        }
        var target = canary.spec().targetRef();
        if (target.kind().equals("Service") && !target.isKnativeService()) {
            p = p + ":service";
        }
        return p;
    }

    private static List<Notification.Field> metadata(Canary canary, AnalysisSpec a) {
        List<Notification.Field> fields = new ArrayList<>();
        fields.add(new Notification.Field("Target", canary.spec().targetRef().kind() + "/" + canary.targetName() + "."
                + canary.namespace()));
        fields.add(new Notification.Field("Failed checks threshold", Integer.toString(a.threshold())));
        fields.add(new Notification.Field("Progress deadline", canary.spec().progressDeadlineSeconds() + "s"));
        String routing = switch (a.strategy()) {
            case AB_TESTING -> "A/B Testing";
            case BLUE_GREEN -> "Blue/Green";
            case CANARY -> a.stepWeight() > 0 ? "Weight step: " + a.stepWeight() + " max: " + a.maxWeight()
                    : !a.stepWeights().isEmpty() ? "Weight steps: " + a.stepWeights().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")) + " max: " + a.maxWeight() : null;
        };
        if (routing != null) {
            fields.add(new Notification.Field("Traffic routing", routing));
        }
        return fields;
    }

    /** {@code name.namespace}, as Flagger's messages name the Canary. */
    public String displayName() {
        return name + "." + namespace;
    }

    /** {@code target.namespace}, as Flagger's messages name the target. */
    public String targetDisplayName() {
        return targetName + "." + namespace;
    }

    public String primaryName() {
        return targetName + "-primary";
    }

    public String providerFamily() {
        return MeshProviders.family(provider);
    }

    public Strategy strategy() {
        return analysis.strategy();
    }

    public Duration interval() {
        return analysis.interval();
    }

    public List<WebhookSpec> hooks(HookType type) {
        return analysis.webhooks().stream().filter(w -> w.type() == type).toList();
    }
}
