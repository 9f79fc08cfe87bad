package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;

/**
 * How a rollout ends or moves towards its end: Flagger's rollback(), the failed promotion of 1.44,
 * skipAnalysis, the promotion traffic shift (Promoting) and Finalising.
 */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * Flagger's rollback(): routes 100/0, scale the target to zero, phase Failed (counters reset),
     * post-rollout hooks. Sluice never moves traffic onto a primary reported broken for good while the
     * canary is ready and already serving: it keeps the canary instead (see {@link #keepCanary}).
     */
    static void rollback(Tick t, TrafficSplit routes) {
        AnalysisPlan p = t.plan;
        if (t.state.failedChecks() >= p.analysis().threshold()) {
            t.warning(Messages.thresholdReached(p.displayName(), t.state.failedChecks()));
            t.alert(AlertSeverity.ERROR, Messages.alertThresholdReached(t.state.failedChecks()), false);
        }
        if (primaryBrokenCanaryServing(t, routes)) {
            keepCanary(t, t.obs.primary().message());
            return;
        }
        t.setRoutes(TrafficSplit.ALL_PRIMARY);
        t.warning(Messages.canaryFailed(p.displayName()), CanaryPhase.FAILED);
        if (p.hasAutoscaler()) {
            t.effect(new Effect.PauseTargetScaler());
        }
        t.effect(new Effect.ScaleToZero());
        t.sync(CanaryPhase.FAILED, 0, 0, 0);
        t.effect(new Effect.RecordOutcome(false, p.strategy(), false));
        t.postRollout(CanaryPhase.FAILED);
    }

    /**
     * A rollback caused by a workload that will not become ready. Flagger rolls back silently here;
     * Sluice also records why and sends an error alert (Flagger #1816).
     */
    static void rollbackNotReady(Tick t, String error, TrafficSplit routes) {
        if (primaryBrokenCanaryServing(t, routes)) {
            keepCanary(t, t.obs.primary().message());
            return;
        }
        t.warning(Messages.deadlineExceeded(t.plan.displayName(), error));
        t.alert(AlertSeverity.ERROR, Messages.alertDeadlineExceeded(error), false);
        rollback(t, routes);
    }

    /**
     * The primary failed to roll out while promoting: the canary is the only healthy copy, so all
     * traffic goes to it, the Canary is Failed with weight 100 and the canary is kept (Flagger 1.44).
     */
    static void failedPromotion(Tick t, String error) {
        t.warning(Messages.promotionFailed(t.plan.targetDisplayName(), error));
        t.alert(AlertSeverity.ERROR, Messages.alertPromotionFailed(error), false);
        keepCanary(t, null);
    }

    /** The primary will not become ready, while a ready canary already serves part of the traffic. */
    private static boolean primaryBrokenCanaryServing(Tick t, TrafficSplit routes) {
        return routes != null && routes.canaryWeight() > 0 && !t.obs.primary().isRetriable()
                && t.obs.canary().isReady();
    }

    /** Route everything to the ready canary and stop as Failed with weight 100, the canary kept. */
    private static void keepCanary(Tick t, String primaryError) {
        if (primaryError != null) {
            t.warning(Messages.keepingCanary(t.plan.displayName(), primaryError));
            t.alert(AlertSeverity.ERROR, Messages.alertKeepingCanary(primaryError), false);
        }
        t.setRoutes(TrafficSplit.ALL_CANARY);
        t.sync(CanaryPhase.FAILED, TrafficSplit.TOTAL, 0, 0);
        t.effect(new Effect.RecordOutcome(false, t.plan.strategy(), false));
        t.postRollout(CanaryPhase.FAILED);
    }

    /** Step 15: no analysis; promote as soon as the canary is ready. */
    static void skip(Tick t) {
        AnalysisPlan p = t.plan;
        t.setRoutes(TrafficSplit.ALL_PRIMARY);
        t.event(Messages.copying(p.targetDisplayName(), p.primaryName(), p.namespace()));
        t.effect(new Effect.PromoteSpec());
        if (p.hasAutoscaler()) {
            t.effect(new Effect.EnsurePrimaryScaler(true));
            t.effect(new Effect.PauseTargetScaler());
        }
        t.effect(new Effect.ScaleToZero());
        t.setPhase(CanaryPhase.SUCCEEDED);
        t.effect(new Effect.RecordOutcome(true, p.strategy(), true));
        t.postRollout(CanaryPhase.SUCCEEDED);
        t.event(Messages.promotionSkipped(p.targetDisplayName()), CanaryPhase.SUCCEEDED);
        t.alert(AlertSeverity.INFO, Messages.ALERT_SKIPPED, false);
    }

    /** Step 17: move traffic back to the promoted primary, all at once or by stepWeightPromotion. */
    static void promoting(Tick t, TrafficSplit routes) {
        AnalysisPlan p = t.plan;
        if (p.hasAutoscaler()) {
            t.effect(new Effect.EnsurePrimaryScaler(true));
        }
        if (p.providerFamily().equals("kubernetes")) {
            t.setPhase(CanaryPhase.FINALISING);
            return;
        }
        int step = p.analysis().stepWeightPromotion();
        if (step == 0) {
            t.event(Messages.ROUTING_ALL_TO_PRIMARY);
            t.setRoutes(TrafficSplit.ALL_PRIMARY);
            t.setPhase(CanaryPhase.FINALISING);
            return;
        }
        if (routes.canaryWeight() == 0) {
            // Only a manual promotion at weight 0 gets here; Flagger would wait forever.
            t.setPhase(CanaryPhase.FINALISING);
            return;
        }
        int primary = Math.min(TrafficSplit.TOTAL, routes.primaryWeight() + step);
        t.setRoutes(TrafficSplit.of(primary, TrafficSplit.TOTAL - primary));
        t.event(Messages.advancePrimary(p.displayName(), primary));
        if (primary == TrafficSplit.TOTAL) {
            t.setPhase(CanaryPhase.FINALISING);
        } else {
            t.setWeight(TrafficSplit.TOTAL - primary);
        }
    }

    /** Step 18: all traffic is on the primary; scale the canary down and succeed. */
    static void finalise(Tick t) {
        AnalysisPlan p = t.plan;
        if (p.hasAutoscaler()) {
            t.effect(new Effect.PauseTargetScaler());
        }
        t.effect(new Effect.ScaleToZero());
        t.setPhase(CanaryPhase.SUCCEEDED);
        t.effect(new Effect.RecordOutcome(true, p.strategy(), false));
        t.postRollout(CanaryPhase.SUCCEEDED);
        t.event(Messages.promotionCompleted(p.targetDisplayName()), CanaryPhase.SUCCEEDED);
        t.alert(AlertSeverity.INFO, Messages.ALERT_SUCCEEDED, false);
    }
}
