package dev.sluice.api.flagger;

import java.util.Optional;

/**
 * {@code spec} of a Canary (flagger.app/v1beta1) with Flagger's defaults applied.
 *
 * @param provider                as written; empty means the controller's default mesh provider
 * @param metricsServer           as written; empty means the controller's default Prometheus
 * @param analysis                {@code spec.analysis}, or the deprecated {@code spec.canaryAnalysis}
 *                                when only that is set; empty when neither is
 * @param progressDeadlineSeconds default 600
 * @param skipAnalysis            as written; see {@link #analysisSkipped()}
 */
public record CanarySpec(String provider, String metricsServer, TargetRef targetRef,
                         Optional<AutoscalerRef> autoscalerRef, Optional<TargetRef> ingressRef,
                         Optional<TargetRef> routeRef, Optional<CrossNamespaceRef> upstreamRef, CanaryService service,
                         Optional<AnalysisSpec> analysis, int progressDeadlineSeconds, boolean skipAnalysis,
                         boolean revertOnDeletion, boolean suspend) {

    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    /** True when the analysis is skipped: {@code skipAnalysis: true}, or no analysis at all (as Flagger). */
    public boolean analysisSkipped() {
        return skipAnalysis || analysis.isEmpty();
    }

    /** The deployment strategy; a Canary without analysis counts as {@link Strategy#CANARY}. */
    public Strategy strategy() {
        return analysis.map(AnalysisSpec::strategy).orElse(Strategy.CANARY);
    }

    public CanarySpec withAnalysis(AnalysisSpec a) {
        return new CanarySpec(provider, metricsServer, targetRef, autoscalerRef, ingressRef, routeRef, upstreamRef,
                service, Optional.of(a), progressDeadlineSeconds, skipAnalysis, revertOnDeletion, suspend);
    }

    public CanarySpec withProvider(String p) {
        return new CanarySpec(p, metricsServer, targetRef, autoscalerRef, ingressRef, routeRef, upstreamRef, service,
                analysis, progressDeadlineSeconds, skipAnalysis, revertOnDeletion, suspend);
    }

    public CanarySpec withFlags(boolean skip, boolean suspended) {
        return new CanarySpec(provider, metricsServer, targetRef, autoscalerRef, ingressRef, routeRef, upstreamRef,
                service, analysis, progressDeadlineSeconds, skip, revertOnDeletion, suspended);
    }

    public CanarySpec withAutoscaler(Optional<AutoscalerRef> a) {
        return new CanarySpec(provider, metricsServer, targetRef, a, ingressRef, routeRef, upstreamRef, service,
                analysis, progressDeadlineSeconds, skipAnalysis, revertOnDeletion, suspend);
    }
}
