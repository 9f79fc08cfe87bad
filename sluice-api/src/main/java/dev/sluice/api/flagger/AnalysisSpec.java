package dev.sluice.api.flagger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.analysis} (or the deprecated {@code spec.canaryAnalysis}) with Flagger's defaults
 * applied, as its getters apply them: interval 60s and at least 10s, threshold 1, maxWeight 100 (or
 * the last of stepWeights, capped at 100), ready thresholds 100 %. Parsed and validated by
 * {@link AnalysisReader}.
 *
 * @param interval              time between two ticks of the analysis
 * @param iterations            number of checks for A/B testing and blue/green; 0 for a canary
 * @param mirror                mirror traffic to the canary before shifting it (blue/green, Istio)
 * @param mirrorWeight          percentage of requests mirrored; 0 means all
 * @param maxWeight             the canary weight at which promotion starts
 * @param stepWeight            weight added each tick; 0 when stepWeights is used
 * @param stepWeights           the weights to go through, ascending
 * @param stepWeightPromotion   primary weight added per tick while promoting; 0 means all at once
 * @param threshold             failed checks before rollback
 * @param primaryReadyThreshold percentage of primary pods that must be available
 * @param canaryReadyThreshold  percentage of canary pods that must be available
 * @param match                 A/B testing conditions; empty otherwise
 */
public record AnalysisSpec(Duration interval, int iterations, boolean mirror, int mirrorWeight, int maxWeight,
                           int stepWeight, List<Integer> stepWeights, int stepWeightPromotion, int threshold,
                           int primaryReadyThreshold, int canaryReadyThreshold, List<AlertRef> alerts,
                           List<MetricSpec> metrics, List<WebhookSpec> webhooks, List<HttpMatch> match,
                           Optional<SessionAffinity> sessionAffinity) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    public static final int TOTAL_WEIGHT = 100;

    public AnalysisSpec {
        stepWeights = List.copyOf(stepWeights);
        alerts = List.copyOf(alerts);
        metrics = List.copyOf(metrics);
        webhooks = List.copyOf(webhooks);
        match = List.copyOf(match);
    }

    /** A progressive canary: {@code stepWeight} per tick up to {@code maxWeight}, no checks. */
    public static AnalysisSpec canary(Duration interval, int threshold, int stepWeight, int maxWeight) {
        return new AnalysisSpec(interval, 0, false, 0, maxWeight, stepWeight, List.of(), 0, threshold, 100, 100,
                List.of(), List.of(), List.of(), List.of(), Optional.empty());
    }

    /** Flagger's rule: match and iterations → A/B; iterations → blue/green; otherwise canary. */
    public Strategy strategy() {
        return Strategy.of(!match.isEmpty(), iterations);
    }

    public AnalysisSpec withMetrics(List<MetricSpec> m) {
        return new AnalysisSpec(interval, iterations, mirror, mirrorWeight, maxWeight, stepWeight, stepWeights,
                stepWeightPromotion, threshold, primaryReadyThreshold, canaryReadyThreshold, alerts, m, webhooks, match,
                sessionAffinity);
    }

    public AnalysisSpec withWebhooks(List<WebhookSpec> w) {
        return new AnalysisSpec(interval, iterations, mirror, mirrorWeight, maxWeight, stepWeight, stepWeights,
                stepWeightPromotion, threshold, primaryReadyThreshold, canaryReadyThreshold, alerts, metrics, w, match,
                sessionAffinity);
    }

    public AnalysisSpec withAlerts(List<AlertRef> a) {
        return new AnalysisSpec(interval, iterations, mirror, mirrorWeight, maxWeight, stepWeight, stepWeights,
                stepWeightPromotion, threshold, primaryReadyThreshold, canaryReadyThreshold, a, metrics, webhooks,
                match, sessionAffinity);
    }

    /** A copy with other traffic settings; weights are taken as effective values. */
    public AnalysisSpec withTraffic(int iterations, boolean mirror, int maxWeight, int stepWeight,
                                    List<Integer> stepWeights, int stepWeightPromotion, List<HttpMatch> match) {
        return new AnalysisSpec(interval, iterations, mirror, mirrorWeight, maxWeight, stepWeight, stepWeights,
                stepWeightPromotion, threshold, primaryReadyThreshold, canaryReadyThreshold, alerts, metrics, webhooks,
                match, sessionAffinity);
    }

    public AnalysisSpec withSessionAffinity(Optional<SessionAffinity> s) {
        return new AnalysisSpec(interval, iterations, mirror, mirrorWeight, maxWeight, stepWeight, stepWeights,
                stepWeightPromotion, threshold, primaryReadyThreshold, canaryReadyThreshold, alerts, metrics, webhooks,
                match, s);
    }
}
