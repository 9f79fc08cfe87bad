package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.MeshProviders;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.api.flagger.SessionAffinity;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The working memory of one call of {@link CanaryStateMachine#next}: the running state, the effects
 * decided so far, and Flagger's status and event operations expressed as effects. Confined to one
 * call, never shared.
 */
final class Tick {

    /** Thrown when a probe's result is not in the observation yet; never escapes {@code next}. */
    static final class Await extends RuntimeException {
        final transient Probe probe;

        Await(Probe probe) {
            super(null, null, false, false);
            this.probe = probe;
        }
    }

    final AnalysisPlan plan;
    final Observation obs;
    final Instant now;
    CanaryState state;
    private CanaryState saved;
    final List<Effect> effects = new ArrayList<>();
    /** Set by a check that waits for its metrics source to warm up: the step halts without a failed check. */
    boolean checksDeferred;

    Tick(CanaryState state, AnalysisPlan plan, Observation obs, Instant now) {
        this.state = state;
        this.saved = state;
        this.plan = plan;
        this.obs = obs;
        this.now = now;
    }

    CanaryPhase phase() {
        return state.phase();
    }

    boolean phaseIn(CanaryPhase... phases) {
        for (CanaryPhase p : phases) {
            if (state.phase() == p) {
                return true;
            }
        }
        return false;
    }

    // --- events and alerts ---

    void event(String message) {
        event(message, state.phase());
    }

    void event(String message, CanaryPhase phase) {
        effects.add(new Effect.EmitEvent(EventType.NORMAL, message, phase));
    }

    void warning(String message) {
        warning(message, state.phase());
    }

    void warning(String message, CanaryPhase phase) {
        effects.add(new Effect.EmitEvent(EventType.WARNING, message, phase));
    }

    void alert(AlertSeverity severity, String message, boolean withMetadata) {
        List<Notification.Field> fields = new ArrayList<>(plan.clusterFields());
        if (withMetadata) {
            fields.addAll(plan.alertMetadata());
        }
        effects.add(new Effect.Alert(severity, message, fields));
    }

    void effect(Effect e) {
        effects.add(e);
    }

    // --- status writes ---

    void save(CanaryState next) {
        state = next;
        saved = next;
        effects.add(new Effect.SaveStatus(next));
    }

    void setPhase(CanaryPhase phase) {
        save(StatusRules.setPhase(state, phase, plan.analysis().iterations(), plan.targetKind(), now));
    }

    void sync(CanaryPhase phase, int weight, int failedChecks, int iterations) {
        save(StatusRules.sync(state, phase, weight, failedChecks, iterations, obs.revision(), plan.targetKind(), now));
    }

    void setFailedChecks(int value) {
        save(StatusRules.failedChecks(state, value, now));
    }

    void setWeight(int value) {
        save(StatusRules.weight(state, value, now));
    }

    void setIterations(int value) {
        save(StatusRules.iterations(state, value, now));
    }

    /** A change of the running state that is persisted with the next write (or at the end). */
    void remember(CanaryState next) {
        state = next;
    }

    // --- traffic ---

    /**
     * SetRoutes, with session-affinity cookies created while the canary gets traffic and retired at
     * weight 0 (as Flagger's Istio and Gateway API routers do; they live in the status).
     */
    void setRoutes(TrafficSplit split) {
        effects.add(new Effect.SetRoutes(split, sticky(split)));
    }

    private StickySession sticky(TrafficSplit split) {
        Optional<SessionAffinity> sa = plan.analysis().sessionAffinity();
        String family = MeshProviders.family(plan.provider());
        if (sa.isEmpty() || !(family.equals("istio") || family.equals("gatewayapi"))) {
            return StickySession.NONE;
        }
        String canary = state.canaryCookie();
        String primary = state.primaryCookie();
        String previous = state.previousCookie();
        if (split.canaryWeight() != 0) {
            if (canary.isEmpty()) {
                canary = sa.get().cookieName() + "=" + obs.cookieSeeds().canary();
            }
            if (primary.isEmpty() && !sa.get().primaryCookieName().isEmpty()) {
                primary = sa.get().primaryCookieName() + "=" + obs.cookieSeeds().primary();
            }
            remember(state.toBuilder().cookies(canary, primary, previous).build());
            return new StickySession(canary, primary, "");
        }
        if (!canary.isEmpty()) {
            previous = canary;
        }
        remember(state.toBuilder().cookies("", primary, previous).build());
        return new StickySession("", "", previous);
    }

    // --- probes ---

    WebhookPayload payload(WebhookSpec hook, CanaryPhase phase) {
        return new WebhookPayload(plan.name(), plan.namespace(), phase.wireName(),
                WebhookPayload.checksum(state.trackedConfigs(), state.lastAppliedSpec()), hook.metadata());
    }

    /** The answer of {@code hook} called for {@code phase}; suspends the tick when not known yet. */
    WebhookResult hook(WebhookSpec hook, CanaryPhase phase) {
        Probe.Hook probe = new Probe.Hook(hook, payload(hook, phase));
        WebhookResult r = obs.hookResults().get(probe);
        if (r == null) {
            throw new Await(probe);
        }
        return r;
    }

    /** The value of {@code metric} from {@code source}; suspends the tick when not known yet. */
    MetricOutcome metric(MetricSpec metric, MetricSource source) {
        Probe.Metric probe = new Probe.Metric(metric, source);
        MetricOutcome r = obs.metricResults().get(probe);
        if (r == null) {
            throw new Await(probe);
        }
        return r;
    }

    /** Post-rollout hooks are called after the outcome is stored; their answers change nothing. */
    void postRollout(CanaryPhase phase) {
        for (WebhookSpec h : plan.hooks(HookType.POST_ROLLOUT)) {
            effects.add(new Effect.CallWebhook(h, payload(h, phase)));
        }
    }

    /** Ends the tick: unsaved changes are written, then the next tick is scheduled. */
    Step finish() {
        if (!state.equals(saved)) {
            save(state);
        }
        effects.add(new Effect.RequeueAfter(plan.interval()));
        return new Step(state, effects, Optional.empty());
    }
}
