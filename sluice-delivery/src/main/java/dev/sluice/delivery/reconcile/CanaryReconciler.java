package dev.sluice.delivery.reconcile;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.delivery.canary.AnalysisPlan;
import dev.sluice.delivery.canary.CanaryState;
import dev.sluice.delivery.canary.CanaryTick;
import dev.sluice.delivery.canary.CookieSeeds;
import dev.sluice.delivery.canary.EventType;
import dev.sluice.delivery.canary.Step;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The thin shell around the canary state machine for {@code flagger.app/v1beta1} Canary: each run
 * reads the Canary from the store (never a cache, as Flagger's tick), parses it, observes the world
 * ({@link Observer}), runs one tick of {@link CanaryTick#run} with the probes answered by the webhook
 * client and the metric providers, carries out the effects ({@link EffectRunner}), records the tick,
 * and asks to run again after the analysis interval.
 *
 * <p>Status is the only memory: nothing decided is kept between runs, so a controller killed at any
 * instant resumes from what is stored. An invalid Canary gets a Warning event and a {@code Stalled}
 * condition naming the field, the value and the expectation, and is not ticked until its spec changes;
 * other Canaries keep working. A failing read of the store throws, so the scheduler retries with
 * backoff. Called by the scheduler, never concurrently for one Canary; thread-safe across Canaries.
 */
public final class CanaryReconciler implements Reconciler {

    private final Cluster cluster;
    private final Clock clock;
    private final RandomGenerator random;
    private final CanarySettings settings;
    private final AnalysisRecorder recorder;
    private final CanaryParts parts;
    private final Observer observer;
    private final Finalizer finalizer;
    private final KindModel<Canary> model = new CanaryKindModel();
    private static final dev.sluice.api.validation.Validator SCHEMA = dev.sluice.api.validation.Validator.builtIn();

    public CanaryReconciler(Cluster cluster, Clock clock, RandomGenerator random, CanaryAdapters adapters,
                            CanarySettings settings, AnalysisRecorder recorder, CanaryMetricsListener metrics) {
        this.cluster = cluster;
        this.clock = clock;
        // Canaries reconcile concurrently; the injected generator need not be thread-safe.
        this.random = new Locked(random);
        this.settings = settings;
        this.recorder = recorder;
        this.parts = new CanaryParts(adapters, new Workloads(cluster, settings, this.random), new Scalers(cluster),
                new StatusWriter(cluster), new Events(cluster, adapters.webhooks(), settings, clock),
                new Alerts(cluster, adapters.notifiers()), metrics);
        this.observer = new Observer(cluster, settings);
        this.finalizer = new Finalizer(cluster, parts, observer, clock);
    }

    @Override
    public GroupKind kind() {
        return CanaryKindModel.KIND;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<KubeObject> stored = cluster.get(key);
        if (stored.isEmpty()) {
            parts.metrics().removed(key);
            return Result.done();
        }
        KubeObject object = stored.get();
        Canary canary;
        // The embedded store does not check CRD schemas as an API server does; refuse what it would refuse.
        List<Diagnostic> refused = SCHEMA.schemaErrors(object);
        if (!refused.isEmpty()) {
            return invalid(object, new InvalidInputException(refused));
        }
        try {
            canary = model.parse(model.toLatest(object)).value();
        } catch (InvalidInputException e) {
            return invalid(object, e);
        }
        canary = Intervals.withMinimum(canary, object, settings.minInterval());
        AnalysisPlan plan = AnalysisPlan.of(canary, settings.core());
        if (object.isDeleting()) {
            return finalizer.finalize(object, canary, plan);
        }
        finalizer.sync(object, canary);
        parts.status().valid(key, canary.status());
        return tick(key, canary, plan);
    }

    private Result tick(ObjectKey key, Canary canary, AnalysisPlan plan) {
        Instant now = clock.instant();
        CanaryState state = CanaryState.fromStatus(canary.status());
        TrafficRouter router = parts.adapters().routers().trafficRouter(plan.provider());
        Observer.Seen seen = observer.observe(canary, plan, router, now, CookieSeeds.draw(random));
        ProbeAnswers probes = new ProbeAnswers(parts.adapters(), canary, plan);
        Step step = CanaryTick.run(state, plan, seen.observation(), now, probes);
        EffectRunner.Outcome out = new EffectRunner(parts, canary, plan, seen.world(), router, probes, state,
                seen.observation().routes()).run(step.effects());
        TrafficSplit routes = out.routes().orElse(TrafficSplit.ALL_PRIMARY);
        parts.metrics().status(key, out.state().phase());
        parts.metrics().weight(key, canary.targetName(), routes.primaryWeight(), routes.canaryWeight());
        recorder.record(new AnalysisTick(key, now, out.state().lastAppliedSpec(), out.state().phase().wireName(),
                routes.primaryWeight(), routes.canaryWeight(), out.state().iterations(), out.state().failedChecks(),
                probes.samples(), probes.hooks(), out.events()));
        parts.metrics().tick(key, Duration.between(now, clock.instant()));
        return Result.afterExactly(out.requeue().orElse(plan.interval()));
    }

    /**
     * An invalid Canary: a Warning event and a Stalled condition listing every error with its field,
     * value and expectation; not ticked again until its spec changes (the watch enqueues it then). One
     * being deleted loses Sluice's finalizer, as nothing can be reverted without a readable spec.
     */
    private Result invalid(KubeObject object, InvalidInputException e) {
        String message = "Canary " + object.namespace() + "/" + object.name() + appliedBy(object) + " is invalid: "
                + e.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.path() + ": " + d.message())
                .collect(Collectors.joining("; "));
        parts.events().emit(object.key(), EventType.WARNING, message,
                dev.sluice.api.flagger.CanaryStatus.fromNode(object.status()).phase(),
                WebhookPayload.checksum(java.util.Map.of(), ""), List.of());
        if (object.isDeleting()) {
            if (object.finalizers().contains(Canary.FINALIZER)) {
                Updates.update(cluster, object.key(), c -> c.edit(n -> {
                    var a = n.withObjectProperty("metadata").putArray("finalizers");
                    c.finalizers().stream().filter(f -> !f.equals(Canary.FINALIZER)).forEach(a::add);
                }));
            }
            return Result.done();
        }
        parts.status().invalid(object.key(), message, clock.instant());
        return Result.done();
    }

    /** Where the Canary came from, when Flux applied it: the closest thing to a file a stored object has. */
    private static String appliedBy(KubeObject object) {
        String name = object.label("kustomize.toolkit.fluxcd.io/name").orElse("");
        String ns = object.label("kustomize.toolkit.fluxcd.io/namespace").orElse("");
        return name.isEmpty() ? "" : " (applied by Kustomization " + ns + "/" + name + ")";
    }

    /** Serializes a generator: every other method of RandomGenerator is built on nextLong(). */
    private record Locked(RandomGenerator delegate) implements RandomGenerator {
        @Override
        public long nextLong() {
            synchronized (this) {
                return delegate.nextLong();
            }
        }
    }
}
