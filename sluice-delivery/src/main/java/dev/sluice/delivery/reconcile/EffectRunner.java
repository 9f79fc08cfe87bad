package dev.sluice.delivery.reconcile;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.canary.AnalysisPlan;
import dev.sluice.delivery.canary.CanaryState;
import dev.sluice.delivery.canary.Effect;
import dev.sluice.delivery.canary.EventType;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.ServiceRouter;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the effects of one tick, in order, through the ports: one exhaustive switch over the
 * closed {@link Effect} family. A critical effect that fails records a Warning event with its error
 * and ends the tick (the rest is skipped; the next tick decides again from the stored status); a
 * best-effort one that fails is logged. One instance per tick; not thread-safe.
 */
final class EffectRunner {

    private static final Logger LOG = LoggerFactory.getLogger(EffectRunner.class);

    /** What the tick did, for the requeue, the metrics and the analysis record. */
    record Outcome(Optional<Duration> requeue, CanaryState state, Optional<TrafficSplit> routes, List<String> events,
                   boolean failed) {
    }

    private final CanaryParts parts;
    private final Canary canary;
    private final ObjectKey key;
    private final AnalysisPlan plan;
    private final Optional<Observed> world;
    private final TrafficRouter router;
    private final ProbeAnswers probes;
    private CanaryState state;
    private Optional<TrafficSplit> routes;
    private Optional<Duration> requeue = Optional.empty();
    private final List<String> events = new ArrayList<>();

    EffectRunner(CanaryParts parts, Canary canary, AnalysisPlan plan, Optional<Observed> world, TrafficRouter router,
                 ProbeAnswers probes, CanaryState state, Optional<TrafficSplit> routes) {
        this.parts = parts;
        this.canary = canary;
        this.key = Events.key(canary);
        this.plan = plan;
        this.world = world;
        this.router = router;
        this.probes = probes;
        this.state = state;
        this.routes = routes;
    }

    Outcome run(List<Effect> effects) {
        for (Effect e : effects) {
            try {
                perform(e);
            } catch (RoutingException | RuntimeException failure) {
                String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                if (e.critical()) {
                    emit(EventType.WARNING, message);
                    // Flagger's ticker keeps its cadence after a failed step; so does the requeue.
                    return new Outcome(Optional.of(plan.interval()), state, routes, events, true);
                }
                LOG.warn("canary {}: {} failed: {}", canary.displayName(), e.getClass().getSimpleName(), message);
            }
        }
        return new Outcome(requeue, state, routes, events, false);
    }

    private void perform(Effect effect) throws RoutingException {
        ServiceRouter services = parts.adapters().routers().serviceRouter(canary);
        switch (effect) {
            case Effect.EnsureServices e -> services.ensureServices(canary, world().workloadSelector());
            case Effect.CheckMetricProviders e -> probes.checkProviders().ifPresentOrElse(
                    error -> emit(EventType.WARNING, "Error checking metric providers: " + error),
                    () -> emit(EventType.NORMAL, "all the metrics providers are available!"));
            case Effect.EnsureMeshRoutes e -> router.reconcile(canary);
            case Effect.EnsurePrimary e -> parts.workloads().ensurePrimary(canary, world());
            case Effect.EnsurePrimaryScaler e -> parts.scalers().ensurePrimary(canary,
                    canary.spec().autoscalerRef().orElseThrow(), parts.workloads().owner(canary), e.sync());
            case Effect.PauseTargetScaler e -> parts.scalers().pauseTarget(canary,
                    canary.spec().autoscalerRef().orElseThrow(), true);
            case Effect.ResumeTargetScaler e -> parts.scalers().pauseTarget(canary,
                    canary.spec().autoscalerRef().orElseThrow(), false);
            case Effect.PointApexToPrimary e -> services.pointApexToPrimary(canary, world().workloadSelector());
            case Effect.ScaleToZero e -> scaleToZero();
            case Effect.ScaleFromZero e -> parts.workloads().scale(canary, world(), e.replicas());
            case Effect.PromoteSpec e -> parts.workloads().promote(canary, world());
            case Effect.SetRoutes e -> {
                router.setRoutes(canary, e.split(), e.session());
                routes = Optional.of(e.split());
            }
            case Effect.SaveStatus e -> {
                parts.status().save(key, e.state());
                state = e.state();
            }
            case Effect.CallWebhook e -> postRollout(e);
            case Effect.EmitEvent e -> {
                events.add(e.message());
                parts.events().emit(key, e.type(), e.message(), e.phase(), checksum(), hooks());
            }
            case Effect.Alert e -> parts.alerts().post(canary, plan.analysis().alerts(), e);
            case Effect.RecordAnalysis e -> parts.metrics().analysis(key, e.metric(), e.value());
            case Effect.RecordOutcome e -> parts.metrics().outcome(key, e.strategy(), e.succeeded(), e.skipped());
            case Effect.RequeueAfter e -> requeue = Optional.of(e.delay());
        }
    }

    private void scaleToZero() {
        try {
            parts.workloads().scale(canary, world(), 0);
        } catch (EffectFailure f) {
            throw new EffectFailure("scaling down canary " + plan.targetKind() + " " + plan.targetDisplayName()
                    + " failed: " + f.getMessage(), f);
        }
    }

    private void postRollout(Effect.CallWebhook e) {
        WebhookResult r;
        try {
            r = parts.adapters().webhooks().call(e.hook(), e.payload());
        } catch (RuntimeException ex) {
            r = WebhookResult.failed(String.valueOf(ex.getMessage()));
        }
        probes.hooks().add(ProbeAnswers.outcome(e.hook().name(), e.hook().type().wireName(), r));
        if (r instanceof WebhookResult.Failed f) {
            emit(EventType.WARNING, "Post-rollout hook " + e.hook().name() + " failed " + f.message());
        } else {
            emit(EventType.NORMAL, "Post-rollout check " + e.hook().name() + " passed");
        }
    }

    /** An event the reconciler itself reports (effect failures, post-rollout answers). */
    private void emit(EventType type, String message) {
        events.add(message);
        parts.events().emit(key, type, message, state.phase(), checksum(), hooks());
    }

    private String checksum() {
        return WebhookPayload.checksum(state.trackedConfigs(), state.lastAppliedSpec());
    }

    private List<dev.sluice.api.flagger.WebhookSpec> hooks() {
        return plan.analysis().webhooks();
    }

    private Observed world() {
        return world.orElseThrow(() -> new EffectFailure("the target of canary " + canary.displayName()
                + " was not read this tick"));
    }
}
