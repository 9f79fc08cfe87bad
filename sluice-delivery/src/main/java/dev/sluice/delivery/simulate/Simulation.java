package dev.sluice.delivery.simulate;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.canary.AnalysisPlan;
import dev.sluice.delivery.canary.CanaryTick;
import dev.sluice.delivery.canary.ControllerSettings;
import dev.sluice.delivery.canary.ManualCommand;
import dev.sluice.delivery.canary.MetricOutcome;
import dev.sluice.delivery.canary.Probe;
import dev.sluice.delivery.canary.ProbeResolver;
import dev.sluice.delivery.canary.Readiness;
import dev.sluice.delivery.canary.Step;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.webhook.WebhookResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real canary state machine on a virtual clock against scripted metrics, webhooks and
 * readiness, and reports the timeline and the verdict. Pure: no I/O, no real time; the same input
 * always gives the same result. The Canary starts Initialized with its primary running revision 1;
 * at t = 0 revision 2 is applied to the target.
 */
public final class Simulation {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Simulation() {
    }

    /**
     * The one-call entry point: simulates the first Canary of a YAML stream.
     *
     * @param canaryYaml the file's text (other documents are ignored)
     * @param source     the file name, for error messages
     * @throws InvalidInputException when there is no Canary or it is invalid (file, document, field, value)
     */
    public static SimulationResult run(String canaryYaml, String source, SimulationScript script) {
        KindModel.Parsed<Canary> parsed = firstCanary(canaryYaml, source);
        return run(parsed.value(), script, ControllerSettings.DEFAULTS, parsed.warnings());
    }

    public static SimulationResult run(Canary canary, SimulationScript script, ControllerSettings settings,
                                       List<Diagnostic> warnings) {
        AnalysisPlan plan = AnalysisPlan.of(canary, settings);
        Duration interval = plan.interval();
        VirtualCluster world = new VirtualCluster("rev-1", 1);
        world.apply(CanaryTick.run(world.status(), plan, world.observe(), START.minus(interval),
                resolver(script.defaults())));
        world.deploy("rev-2");
        int revision = 2;
        List<SimulationResult.TimelineTick> ticks = new ArrayList<>();
        int quiet = lastScriptedChange(script);
        for (int i = 0; i < script.maxTicks(); i++) {
            TickInputs in = script.at(i);
            var statusBefore = world.status();
            var routesBefore = world.routes();
            world.setCanaryReadiness(readiness(in.canary(), "canary deployment " + plan.targetDisplayName()));
            world.setPrimaryReadiness(readiness(in.primary(), plan.primaryName() + "." + plan.namespace()));
            if (in.newRevision()) {
                world.deploy("rev-" + (++revision));
            }
            if (in.command() != null) {
                String value = in.command().contains("@") ? in.command() : in.command() + "@tick-" + i;
                world.request(new ManualCommand(value));
            }
            long t = interval.multipliedBy(i).toSeconds();
            Step step = CanaryTick.run(world.status(), plan, world.observe(), START.plus(interval.multipliedBy(i)),
                    resolver(in));
            world.apply(step);
            ticks.add(new SimulationResult.TimelineTick(t, world.phase().wireName(), world.routes().primaryWeight(),
                    world.routes().canaryWeight(), world.status().iterations(), world.status().failedChecks(),
                    String.join("; ", step.events())));
            if (world.phase() == CanaryPhase.SUCCEEDED || world.phase() == CanaryPhase.FAILED) {
                SimulationResult.Verdict v = world.phase() == CanaryPhase.SUCCEEDED
                        ? SimulationResult.Verdict.SUCCEEDED : SimulationResult.Verdict.FAILED;
                return new SimulationResult(canary.displayName(), plan.strategy(), v, t, ticks, warnings);
            }
            if (i >= quiet && world.status().equals(statusBefore) && world.routes().equals(routesBefore)) {
                // A fixed point: same state, same world, same inputs from now on; every further tick is this one.
                break;
            }
        }
        long last = ticks.isEmpty() ? 0 : ticks.get(ticks.size() - 1).t();
        return new SimulationResult(canary.displayName(), plan.strategy(), SimulationResult.Verdict.INCOMPLETE, last, ticks, warnings);
    }

    /** The first tick from which the script's inputs never change again. */
    private static int lastScriptedChange(SimulationScript script) {
        int last = 0;
        for (SimulationScript.Override o : script.overrides()) {
            int change = o.once() ? o.to() + 1 : o.to() == Integer.MAX_VALUE ? o.from() : o.to() + 1;
            last = Math.max(last, change);
        }
        return last;
    }

    private static Readiness readiness(String value, String workload) {
        return switch (value == null ? "ready" : value) {
            case "waiting" -> Readiness.waiting(workload + " not ready: waiting for rollout to finish (simulated)");
            case "failed" -> Readiness.failed(workload + " not ready: exceeded its progress deadline (simulated)");
            default -> Readiness.ready();
        };
    }

    private static ProbeResolver resolver(TickInputs in) {
        return new ProbeResolver() {
            @Override
            public WebhookResult call(Probe.Hook probe) {
                return in.webhooks().getOrDefault(probe.hook().name(), true) ? WebhookResult.passed()
                        : WebhookResult.failed("simulated failure of " + probe.hook().name());
            }

            @Override
            public MetricOutcome measure(Probe.Metric probe) {
                MetricOutcome scripted = in.metrics().get(probe.metric().name());
                if (scripted != null) {
                    return scripted;
                }
                return switch (probe.source()) {
                    case SUCCESS_RATE -> in.successRate();
                    case REQUEST_DURATION -> in.latencyMs();
                    case INLINE_QUERY, TEMPLATE -> new MetricOutcome.Insufficient(new MetricResult.InsufficientData(
                            MetricResult.Reason.NO_SERIES, "no value scripted for metric " + probe.metric().name()));
                };
            }
        };
    }

    private static KindModel.Parsed<Canary> firstCanary(String text, String source) {
        CanaryKindModel model = new CanaryKindModel();
        for (YamlDocument doc : Yaml.readAll(text, source)) {
            if (!doc.content().isObject() || !"Canary".equals(doc.content().path("kind").asText())
                    || !doc.content().path("apiVersion").asText().startsWith("flagger.app/")) {
                continue;
            }
            try {
                KubeObject object = model.toLatest(KubeObject.of(doc.content()));
                if (object.namespace().isEmpty()) {
                    // As kubectl would apply it; Flux usually sets it through targetNamespace.
                    object = object.withMetadata("namespace", "default");
                }
                KindModel.Parsed<Canary> p = model.parse(object);
                return new KindModel.Parsed<>(p.value(), p.warnings().stream().map(doc::locate).toList());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.diagnostics().stream().map(doc::locate).toList());
            }
        }
        throw new InvalidInputException(Diagnostic.error(FieldPath.root(),
                "no flagger.app/v1beta1 Canary found; expected a document with kind: Canary").at(source, -1, 0));
    }
}
