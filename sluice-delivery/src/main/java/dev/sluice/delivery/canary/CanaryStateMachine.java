package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import java.time.Instant;
import java.util.Optional;

/**
 * One tick of a Canary, as Flagger's {@code advanceCanary}, as a pure function: no I/O, no clock, no
 * randomness. The step numbers in comments are those of reference/flagger.md §2.
 */
public final class CanaryStateMachine {

    private CanaryStateMachine() {
    }

    /**
     * Decides one tick.
     *
     * @param state       the Canary's status as stored
     * @param plan        the Canary's spec resolved with the controller's settings
     * @param observation what the reconciler observed, plus the probe results gathered in this tick
     * @param now         the reconciler's clock
     * @return the effects to carry out and the resulting state, or a step awaiting a probe result
     */
    public static Step next(CanaryState state, AnalysisPlan plan, Observation observation, Instant now) {
        Tick t = new Tick(state, plan, observation, now);
        try {
            run(t);
        } catch (Tick.Await a) {
            return Step.awaiting(state, a.probe);
        }
        return t.finish();
    }

    /**
     * The status write that starts a deletion with {@code revertOnDeletion} (Flagger's finalize():
     * {@code SetStatusPhase(Terminating)}). Deletion is not part of the tick: the reconciler reverts
     * the target, the apex Service and the routes, then removes the finalizer.
     */
    public static CanaryState terminating(CanaryState state, AnalysisPlan plan, Instant now) {
        return StatusRules.setPhase(state, CanaryPhase.TERMINATING, plan.analysis().iterations(), plan.targetKind(),
                now);
    }

    private static void run(Tick t) {
        AnalysisPlan plan = t.plan;
        Observation obs = t.obs;
        if (t.state.promoted().isEmpty()) {
            // Flagger's syncHandler marks a new Canary Initializing before its first tick.
            t.save(StatusRules.initializing(t.state, plan.targetKind(), t.now));
        }
        Optional<ManualCommand> command = Commands.atStart(t);
        if (plan.suspend()) {                                                              // 1
            t.event(Messages.SUSPENDED);
            return;
        }
        if (t.state.paused()) {
            return;
        }
        if (obs.problem().isPresent()) {                                                   // 2
            t.warning(obs.problem().get());
            return;
        }
        if (!bootstrap(t)) {                                                               // 3-8
            return;
        }
        if (!shouldAdvance(t, command)) {                                                  // 9
            return;
        }
        if (!plan.skipAnalysis() && !obs.primary().isReady()) {                            // 10
            t.warning(obs.primary().message());
            if (!obs.primary().isRetriable()) {
                if (t.phaseIn(CanaryPhase.PROMOTING, CanaryPhase.FINALISING)) {
                    Outcomes.failedPromotion(t, obs.primary().message());
                } else {
                    Outcomes.rollbackNotReady(t, obs.primary().message(), obs.routes().orElse(null));
                }
            }
            return;
        }
        if (obs.routes().isEmpty()) {                                                      // 11
            t.warning(obs.routesError().isEmpty() ? "routes of " + plan.displayName() + " are not available"
                    : obs.routesError());
            return;
        }
        TrafficSplit routes = obs.routes().get();
        if (command.filter(c -> c.is(ManualCommand.Action.ABORT)).isPresent()) {
            Commands.ack(t, command.get());
            t.warning(Messages.manualAbort(plan.displayName(), command.get().value()));
            t.alert(AlertSeverity.WARN, Messages.alertManualAbort(command.get().value()), false);
            Outcomes.rollback(t, routes);
            return;
        }
        if (!t.phaseIn(CanaryPhase.PROGRESSING, CanaryPhase.WAITING_PROMOTION, CanaryPhase.PROMOTING,
                CanaryPhase.FINALISING)) {                                                 // 12
            startRevision(t, routes);
            return;
        }
        if (t.state.phase().isAnalysing() && revisionChanged(t)) {                         // 13
            restart(t, command);
            return;
        }
        if (!obs.canary().isReady()) {                                                     // 14
            t.warning(obs.canary().message());
            if (!obs.canary().isRetriable()) {
                Outcomes.rollbackNotReady(t, obs.canary().message(), routes);
            }
            return;
        }
        if (plan.skipAnalysis()) {                                                         // 15
            Outcomes.skip(t);
            return;
        }
        if (command.filter(c -> c.is(ManualCommand.Action.PROMOTE)).isPresent()) {
            Commands.ack(t, command.get());
            t.event(Messages.manualPromote(plan.displayName(), command.get().value()));
            Advancement.promote(t);
            return;
        }
        if (t.phaseIn(CanaryPhase.PROGRESSING, CanaryPhase.WAITING, CanaryPhase.WAITING_PROMOTION)
                && rollbackRequested(t)) {                                                 // 16
            t.warning(Messages.manualWebhook(plan.displayName()));
            t.alert(AlertSeverity.WARN, Messages.ALERT_MANUAL_ROLLBACK, false);
            Outcomes.rollback(t, routes);
            return;
        }
        if (t.phase() == CanaryPhase.PROMOTING) {                                          // 17
            Outcomes.promoting(t, routes);
            return;
        }
        if (t.phase() == CanaryPhase.FINALISING) {                                         // 18
            Outcomes.finalise(t);
            return;
        }
        if (t.state.phase().isAnalysing() && t.state.failedChecks() >= plan.analysis().threshold()) {  // 19
            Outcomes.rollback(t, routes);
            return;
        }
        if (Checks.run(t, routes)) {                                                       // 20
            Advancement.run(t, routes);                                                    // 21-24
        }
    }

    /** Steps 3–8: Services, primary, scaler, apex and mesh routes; on first init, wait and mark Initialized. */
    private static boolean bootstrap(Tick t) {
        AnalysisPlan plan = t.plan;
        boolean init = t.phaseIn(CanaryPhase.NONE, CanaryPhase.INITIALIZING);
        boolean appmesh = plan.providerFamily().equals("appmesh");
        t.effect(new Effect.EnsureServices());
        if (!plan.skipAnalysis() && init) {
            t.effect(new Effect.CheckMetricProviders());
        }
        if (appmesh) {
            // App Mesh must know the virtual nodes before the primary's pods start.
            t.effect(new Effect.EnsureMeshRoutes());
        }
        t.effect(new Effect.EnsurePrimary());
        if (init && !t.obs.primary().isReady()) {
            t.warning(t.obs.primary().message());
            if (!t.obs.primary().isRetriable()) {
                Outcomes.rollbackNotReady(t, t.obs.primary().message(), t.obs.routes().orElse(null));
            }
            return false;
        }
        if (plan.hasAutoscaler()) {
            t.effect(new Effect.EnsurePrimaryScaler(false));
            if (init) {
                t.effect(new Effect.PauseTargetScaler());
            }
        }
        t.effect(new Effect.PointApexToPrimary());
        if (init) {
            t.effect(new Effect.ScaleToZero());
        }
        if (!appmesh) {
            t.effect(new Effect.EnsureMeshRoutes());
        }
        if (init) {
            t.sync(CanaryPhase.INITIALIZED, 0, 0, 0);
            t.event(Messages.initializationDone(plan.displayName()));
            t.alert(AlertSeverity.INFO, Messages.alertInitialized(plan.targetKind()), true);
        }
        return true;
    }

    /**
     * Step 9: running phases always advance; otherwise only a new revision (or a retry) does. A
     * Failed Canary whose target changed without making a new revision (e.g. back to the promoted
     * spec) records it as applied, so that spec does not trigger later. The record is written only
     * when no new revision starts: written first, a scale-up that then fails (a write conflict, say)
     * would leave the new revision recorded as already seen, and it would never be analysed.
     */
    private static boolean shouldAdvance(Tick t, Optional<ManualCommand> command) {
        if (t.phaseIn(CanaryPhase.PROGRESSING, CanaryPhase.WAITING, CanaryPhase.WAITING_PROMOTION,
                CanaryPhase.PROMOTING, CanaryPhase.FINALISING)) {
            return true;
        }
        CanaryState before = t.state;
        Revision rev = t.obs.revision();
        if (command.filter(c -> c.is(ManualCommand.Action.RETRY)).isPresent()) {
            Commands.ack(t, command.get());
            t.event(Messages.manualRetry(t.plan.displayName(), command.get().value()));
            return true;
        }
        boolean newTarget = before.lastAppliedSpec().isEmpty()
                || (!rev.templateHash().equals(before.lastPromotedSpec())
                && !rev.templateHash().equals(before.lastAppliedSpec()));
        if (newTarget || rev.configsDifferFrom(before.trackedConfigs())) {
            return true;
        }
        if (t.phase() == CanaryPhase.FAILED && (!rev.templateHash().equals(before.lastAppliedSpec())
                || !rev.configs().equals(before.trackedConfigs()))) {
            // Flagger rewrites this on every tick; only a change is written here.
            t.sync(CanaryPhase.FAILED, before.canaryWeight(), before.failedChecks(), before.iterations());
        }
        return false;
    }

    /** Step 12: a new revision passes the confirm-rollout gates, then the canary is scaled up. */
    private static void startRevision(Tick t, TrafficSplit routes) {
        AnalysisPlan plan = t.plan;
        for (WebhookSpec h : plan.hooks(HookType.CONFIRM_ROLLOUT)) {
            if (t.hook(h, t.phase()) instanceof WebhookResult.Failed) {
                if (t.phase() != CanaryPhase.WAITING) {
                    t.setPhase(CanaryPhase.WAITING);
                    t.warning(Messages.waitingForApproval(plan.displayName(), h.name()));
                    if (!h.muteAlert()) {
                        t.alert(AlertSeverity.WARN, Messages.ALERT_WAITING_ROLLOUT, false);
                    }
                }
                return;
            }
            t.event(Messages.confirmRolloutPassed(h.name()));
        }
        if (!routes.equals(TrafficSplit.ALL_PRIMARY)) {
            // After a failed promotion (0/100) or a retry: an analysis always starts from the primary,
            // which step 10 found ready.
            t.setRoutes(TrafficSplit.ALL_PRIMARY);
        }
        t.event(Messages.scalingUp(plan.targetDisplayName()), CanaryPhase.PROGRESSING);
        t.alert(AlertSeverity.INFO, Messages.ALERT_NEW_REVISION, true);
        if (plan.hasAutoscaler()) {
            t.effect(new Effect.ResumeTargetScaler());
        }
        t.effect(new Effect.ScaleFromZero(t.obs.replicas().scaleFromZero(plan.hasAutoscaler())));
        t.sync(CanaryPhase.PROGRESSING, 0, 0, 0);
    }

    /**
     * Step 13's condition. Flagger ignores a change back to the promoted spec here; Sluice restarts
     * on any change of what is under analysis, so the analysis always judges what the canary runs.
     */
    private static boolean revisionChanged(Tick t) {
        Revision rev = t.obs.revision();
        return !rev.templateHash().equals(t.state.lastAppliedSpec()) || rev.configsDifferFrom(t.state.trackedConfigs());
    }

    /** Step 13: routes 100/0 and counters reset; the next tick analyses the new revision from the start. */
    private static void restart(Tick t, Optional<ManualCommand> command) {
        if (command.filter(c -> c.is(ManualCommand.Action.PROMOTE)).isPresent()) {
            Commands.ack(t, command.get());
            t.warning(Messages.requestIgnored(command.get().value(), "a new revision restarted the analysis"));
        }
        t.event(Messages.restarting(t.plan.targetDisplayName()));
        t.setRoutes(TrafficSplit.ALL_PRIMARY);
        t.sync(CanaryPhase.PROGRESSING, 0, 0, 0);
    }

    /** Step 16: the first rollback hook that answers 2xx asks for a rollback. */
    private static boolean rollbackRequested(Tick t) {
        for (WebhookSpec h : t.plan.hooks(HookType.ROLLBACK)) {
            if (t.hook(h, t.phase()) instanceof WebhookResult.Failed) {
                t.event(Messages.rollbackHookIdle(h.name()));
            } else {
                t.warning(Messages.rollbackHookPassed(h.name()));
                return true;
            }
        }
        return false;
    }
}
