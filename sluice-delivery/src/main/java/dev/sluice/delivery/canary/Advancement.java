package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.AnalysisSpec;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.Strategy;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import java.util.List;

/**
 * Steps 21–24 of the tick, after the checks passed: one step of the strategy. A canary moves weight
 * by stepWeight or stepWeights up to maxWeight, then promotes; A/B testing and blue/green count
 * iterations, then promote. Gates (confirm-traffic-increase, confirm-promotion) are asked first.
 */
final class Advancement {

    private Advancement() {
    }

    static void run(Tick t, TrafficSplit routes) {
        AnalysisSpec a = t.plan.analysis();
        int iterations = a.iterations();
        boolean hasMatch = !a.match().isEmpty();
        if (t.plan.providerFamily().equals("kubernetes")) {
            // Flagger rewrites the analysis of kubernetes-provider Canaries on every tick, with warnings.
            if (hasMatch) {
                t.warning(Messages.AB_NOT_SUPPORTED);
                hasMatch = false;
            }
            if (iterations < 1) {
                t.warning(Messages.PROGRESSIVE_NOT_SUPPORTED);
                t.warning(Messages.SETTING_ITERATIONS);
                iterations = 10;
            }
        }
        switch (Strategy.of(hasMatch, iterations)) {
            case AB_TESTING -> abTesting(t, iterations);
            case BLUE_GREEN -> blueGreen(t, routes, iterations);
            case CANARY -> canary(t, routes);
        }
    }

    /** Flagger's nextStepWeight: stepWeight, else the gap to the next of stepWeights, capped at 100 − C. */
    static int nextStepWeight(AnalysisSpec a, int canaryWeight) {
        List<Integer> steps = a.stepWeights();
        if (a.stepWeight() > 0 || steps.isEmpty()) {
            return a.stepWeight();
        }
        int maxStep = TrafficSplit.TOTAL - canaryWeight;
        if (maxStep == 0) {
            return 1; // any step > 0 leads to promotion, as with stepWeight
        }
        if (canaryWeight == 0) {
            return Math.min(maxStep, steps.get(0));
        }
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i) == canaryWeight) {
                return Math.min(maxStep, steps.get(i + 1) - canaryWeight);
            }
        }
        return maxStep;
    }

    private static void canary(Tick t, TrafficSplit routes) {
        AnalysisSpec a = t.plan.analysis();
        int c = routes.canaryWeight();
        int step = nextStepWeight(a, c);
        if (step <= 0) {
            return;
        }
        boolean gated = !routes.mirrored()
                && !t.phaseIn(CanaryPhase.PROMOTING, CanaryPhase.WAITING_PROMOTION, CanaryPhase.FINALISING);
        if (gated && !confirmTrafficIncrease(t)) {
            return;
        }
        if (c < a.maxWeight()) {
            TrafficSplit next;
            if (a.mirror() && c == 0) {
                // One mirrored step before the first real traffic.
                next = !routes.mirrored() ? new TrafficSplit(TrafficSplit.TOTAL, 0, true)
                        : TrafficSplit.of(TrafficSplit.TOTAL - step, step);
            } else {
                int p = Math.max(0, routes.primaryWeight() - step);
                next = new TrafficSplit(p, TrafficSplit.TOTAL - p, routes.mirrored());
            }
            t.setRoutes(next);
            t.setWeight(next.canaryWeight());
            t.event(Messages.advanceWeight(t.plan.displayName(), next.canaryWeight()));
            return;
        }
        if (confirmPromotion(t)) {
            promote(t);
        }
    }

    private static void abTesting(Tick t, int iterations) {
        if (iterations > t.state.iterations()) {
            t.setRoutes(TrafficSplit.ALL_CANARY);
            int i = t.state.iterations() + 1;
            t.setIterations(i);
            t.event(Messages.advanceIteration(t.plan.displayName(), i, iterations));
            return;
        }
        if (!confirmPromotion(t)) {
            return;
        }
        if (iterations == t.state.iterations()) {
            promote(t);
        }
    }

    private static void blueGreen(Tick t, TrafficSplit routes, int iterations) {
        boolean kubernetes = t.plan.providerFamily().equals("kubernetes");
        boolean mirror = t.plan.analysis().mirror();
        if (iterations > t.state.iterations()) {
            if (!kubernetes && mirror && !routes.mirrored()) {
                t.setRoutes(new TrafficSplit(TrafficSplit.TOTAL, 0, true));
            }
            int i = t.state.iterations() + 1;
            t.setIterations(i);
            t.event(Messages.advanceIteration(t.plan.displayName(), i, iterations));
            return;
        }
        if (!confirmPromotion(t)) {
            return;
        }
        if (iterations == t.state.iterations()) {
            if (!kubernetes) {
                t.event(mirror ? Messages.STOP_MIRRORING : Messages.ROUTING_ALL_TO_CANARY);
                t.setRoutes(TrafficSplit.ALL_CANARY);
            }
            t.setIterations(t.state.iterations() + 1);
            return;
        }
        promote(t);
    }

    /** Copy the canary's spec to the primary; the following ticks move traffic back to it. */
    static void promote(Tick t) {
        t.event(Messages.copying(t.plan.targetDisplayName(), t.plan.primaryName(), t.plan.namespace()));
        t.effect(new Effect.PromoteSpec());
        t.setPhase(CanaryPhase.PROMOTING);
    }

    private static boolean confirmTrafficIncrease(Tick t) {
        for (WebhookSpec h : t.plan.hooks(HookType.CONFIRM_TRAFFIC_INCREASE)) {
            if (t.hook(h, CanaryPhase.PROGRESSING) instanceof WebhookResult.Failed) {
                t.warning(Messages.waitingTrafficIncrease(t.plan.displayName(), h.name()));
                if (!h.muteAlert()) {
                    t.alert(AlertSeverity.WARN, Messages.ALERT_WAITING_TRAFFIC, false);
                }
                return false;
            }
            t.event(Messages.trafficIncreasePassed(h.name()));
        }
        return true;
    }

    /** A closed gate holds the rollout in WaitingPromotion, where the checks keep running. */
    private static boolean confirmPromotion(Tick t) {
        for (WebhookSpec h : t.plan.hooks(HookType.CONFIRM_PROMOTION)) {
            if (t.hook(h, CanaryPhase.PROGRESSING) instanceof WebhookResult.Failed) {
                if (t.phase() != CanaryPhase.WAITING_PROMOTION) {
                    t.setPhase(CanaryPhase.WAITING_PROMOTION);
                    t.warning(Messages.waitingPromotion(t.plan.displayName(), h.name()));
                    if (!h.muteAlert()) {
                        t.alert(AlertSeverity.WARN, Messages.ALERT_WAITING_PROMOTION, false);
                    }
                } else {
                    t.setIterations(t.plan.analysis().iterations() - 1);
                }
                return false;
            }
            t.event(Messages.promotionPassed(h.name()));
        }
        return true;
    }
}
