package dev.sluice.delivery.canary;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.delivery.simulate.VirtualCluster;
import dev.sluice.delivery.webhook.WebhookResult;
import dev.sluice.testkit.ManualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test harness in the spirit of Flagger's newDeploymentFixture: one Canary in a {@link VirtualCluster},
 * ticked on a {@link ManualClock}. Webhooks pass and metrics are healthy unless a test says otherwise.
 */
final class Rollout {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final VirtualCluster world = new VirtualCluster("v1", 2);
    final Map<String, WebhookResult> hooks = new HashMap<>();
    final Map<String, MetricOutcome> metrics = new HashMap<>();
    final List<Probe> asked = new ArrayList<>();
    AnalysisPlan plan;
    Step last;

    Rollout(String canaryYaml) {
        this(canaryYaml, ControllerSettings.DEFAULTS);
    }

    Rollout(String canaryYaml, ControllerSettings settings) {
        plan = AnalysisPlan.of(parse(canaryYaml), settings);
    }

    static Canary parse(String yaml) {
        return new CanaryKindModel().parse(KubeObject.parse(yaml)).value();
    }

    /** One tick: observe, decide (answering probes), carry out, move the clock by the interval. */
    Step tick() {
        asked.clear();
        last = CanaryTick.run(world.status(), plan, world.observe(), clock.instant(), new ProbeResolver() {
            @Override
            public WebhookResult call(Probe.Hook probe) {
                asked.add(probe);
                return hooks.getOrDefault(probe.hook().name(), WebhookResult.passed());
            }

            @Override
            public MetricOutcome measure(Probe.Metric probe) {
                asked.add(probe);
                MetricOutcome o = metrics.get(probe.metric().name());
                if (o != null) {
                    return o;
                }
                return switch (probe.source()) {
                    case SUCCESS_RATE -> MetricOutcome.value(100);
                    case REQUEST_DURATION -> MetricOutcome.value(10);
                    case INLINE_QUERY, TEMPLATE -> MetricOutcome.value(1);
                };
            }
        });
        world.apply(last);
        clock.advance(plan.interval());
        return last;
    }

    /** Ticks until initialized (the primary is ready at once in the virtual cluster). */
    Rollout initialized() {
        tick();
        return this;
    }

    /** Initialized, then a new revision v2 detected: phase Progressing. */
    Rollout progressing() {
        initialized();
        world.deploy("v2");
        tick();
        return this;
    }

    CanaryState status() {
        return world.status();
    }

    List<String> events() {
        return last.events();
    }
}
