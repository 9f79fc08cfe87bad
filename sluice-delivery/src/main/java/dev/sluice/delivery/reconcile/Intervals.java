package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.AnalysisSpec;
import dev.sluice.api.flagger.Canary;
import java.time.Duration;

/**
 * The controller's minimum analysis interval. The Canary model applies Flagger's 10s minimum; a
 * controller configured with a lower one (embedded demos) uses the interval as written, down to its
 * own minimum, and a higher one raises short intervals. Pure.
 */
final class Intervals {

    private Intervals() {
    }

    static Canary withMinimum(Canary canary, KubeObject object, Duration minimum) {
        if (canary.spec().analysis().isEmpty()) {
            return canary;
        }
        AnalysisSpec a = canary.spec().analysis().get();
        Duration written = written(object).orElse(a.interval());
        Duration candidate = written.compareTo(AnalysisSpec.MIN_INTERVAL) < 0 ? written : a.interval();
        Duration effective = candidate.compareTo(minimum) < 0 ? minimum : candidate;
        if (effective.equals(a.interval())) {
            return canary;
        }
        AnalysisSpec changed = new AnalysisSpec(effective, a.iterations(), a.mirror(), a.mirrorWeight(), a.maxWeight(),
                a.stepWeight(), a.stepWeights(), a.stepWeightPromotion(), a.threshold(), a.primaryReadyThreshold(),
                a.canaryReadyThreshold(), a.alerts(), a.metrics(), a.webhooks(), a.match(), a.sessionAffinity());
        return canary.withSpec(canary.spec().withAnalysis(changed));
    }

    private static java.util.Optional<Duration> written(KubeObject object) {
        JsonNode analysis = object.spec().has("analysis") ? object.spec().path("analysis")
                : object.spec().path("canaryAnalysis");
        JsonNode interval = analysis.path("interval");
        if (!interval.isTextual()) {
            return java.util.Optional.empty();
        }
        try {
            Duration d = GoDuration.parse(interval.asText());
            return d.isNegative() || d.isZero() ? java.util.Optional.empty() : java.util.Optional.of(d);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
