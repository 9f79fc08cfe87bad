package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import org.junit.jupiter.api.Test;

/** Step 20: hooks and metrics, their order, their messages, and failed checks. */
class AnalysisChecksTest {

    static final String ANALYSIS = """
            interval: 30s
            threshold: 2
            stepWeight: 10
            maxWeight: 50
            metrics:
              - name: request-success-rate
                thresholdRange: {min: 99}
                interval: 1m
              - name: request-duration
                thresholdRange: {max: 500}
                interval: 30s
              - name: error-budget
                templateRef: {name: budget}
                thresholdRange: {max: 1}
            webhooks:
              - name: smoke
                type: pre-rollout
                url: http://loadtester.test/
              - name: load
                type: rollout
                url: http://loadtester.test/
              - name: tests
                url: http://loadtester.test/
            """;

    @Test
    void theFirstStepRunsOnlyThePreRolloutHooks() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        assertThat(r.asked).singleElement().isInstanceOfSatisfying(Probe.Hook.class, h -> {
            assertThat(h.hook().name()).isEqualTo("smoke");
            assertThat(h.payload().phase()).isEqualTo("Progressing");
            assertThat(h.payload().name()).isEqualTo("podinfo");
        });
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Pre-rollout check smoke passed", "Advance podinfo.default canary weight 10");
    }

    @Test
    void laterStepsRunRolloutHooksThenBuiltinThenTemplateMetrics() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.tick();
        assertThat(r.asked).extracting(AnalysisChecksTest::describe)
                .containsExactly("hook load", "hook tests", "SUCCESS_RATE request-success-rate",
                        "REQUEST_DURATION request-duration", "TEMPLATE error-budget");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(80, 20));
        assertThat(r.last.effects(Effect.RecordAnalysis.class)).containsExactly(
                new Effect.RecordAnalysis("request-success-rate", 100), new Effect.RecordAnalysis("request-duration", 0.01),
                new Effect.RecordAnalysis("error-budget", 1));
    }

    @Test
    void aFailedRolloutHookStopsBeforeTheMetrics() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.hooks.put("load", WebhookResult.failed("connection refused"));
        r.tick();
        assertThat(r.asked).extracting(AnalysisChecksTest::describe).containsExactly("hook load");
        assertThat(r.events()).containsExactly(
                "Halt podinfo.default advancement external check load failed connection refused");
        assertThat(r.status().failedChecks()).isEqualTo(1);
        assertThat(r.world.routes()).as("a failed check holds the weight").isEqualTo(TrafficSplit.of(90, 10));
    }

    @Test
    void aFailedPreRolloutHookIsAFailedCheck() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.hooks.put("smoke", WebhookResult.failed("smoke test failed"));
        r.tick();
        assertThat(r.events()).containsExactly("Starting canary analysis for podinfo.default",
                "Halt podinfo.default advancement pre-rollout check smoke failed smoke test failed");
        assertThat(r.status().failedChecks()).isEqualTo(1);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }

    @Test
    void metricMessagesFollowFlagger() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.metrics.put("request-success-rate", MetricOutcome.value(98.6912));
        r.tick();
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement success rate 98.69% < 99%");
        r.metrics.remove("request-success-rate");
        r.metrics.put("request-duration", MetricOutcome.value(1515.7));
        r.tick();
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement request duration 1.515s > 500ms");
        assertThat(r.status().failedChecks()).isEqualTo(2);
    }

    @Test
    void templateMetricOutOfRange() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.metrics.put("error-budget", MetricOutcome.value(1.5));
        r.tick();
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement error-budget 1.50 > 1");
    }

    @Test
    void queryFailuresAreFailedChecks() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.metrics.put("request-success-rate", MetricOutcome.failed("Post \"http://prometheus:9090\": timeout"));
        r.tick();
        assertThat(r.events()).containsExactly("Prometheus query failed: Post \"http://prometheus:9090\": timeout");
        assertThat(r.status().failedChecks()).isEqualTo(1);
    }

    /** The rollback comes on the tick after the last failure, as in Flagger. */
    @Test
    void rollbackOnTheTickAfterTheThresholdIsReached() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.metrics.put("request-success-rate", MetricOutcome.value(50));
        r.tick();
        assertThat(r.status().failedChecks()).isEqualTo(1);
        r.tick();
        assertThat(r.status().failedChecks()).isEqualTo(2);
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.asked).as("no checks on the rollback tick").isEmpty();
        assertThat(r.events()).containsExactly("Rolling back podinfo.default failed checks threshold reached 2",
                "Canary failed! Scaling down podinfo.default");
    }

    /** Flagger #1098: missing data is never a pass. */
    @Test
    void insufficientDataIsAFailedCheckWithItsReason() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        r.metrics.put("request-success-rate", MetricOutcome.insufficient(MetricResult.Reason.NAN));
        r.tick();
        assertThat(r.events()).containsExactly("Halt advancement no values found for istio metric "
                + "request-success-rate probably podinfo.default is not receiving traffic: insufficient data: the "
                + "value is NaN");
        r.metrics.put("request-success-rate", MetricOutcome.insufficient(MetricResult.Reason.MULTIPLE_SERIES));
        r.tick();
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement insufficient data for metric "
                + "request-success-rate: query returned multiple values");
        r.metrics.remove("request-success-rate");
        r.metrics.put("error-budget", MetricOutcome.insufficient(MetricResult.Reason.NO_SERIES));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }

    /** The embedded mesh after a restart: its history is shorter than the window, so nothing is known yet. */
    @Test
    void aMetricsSourceWarmingUpHaltsTheStepWithoutAFailedCheck() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        r.tick();
        int weight = r.world.routes().canaryWeight();
        r.metrics.put("request-success-rate", new MetricOutcome.Insufficient(new MetricResult.InsufficientData(
                MetricResult.Reason.WARMING_UP, "started 12s ago")));
        for (int i = 0; i < 4; i++) {
            r.tick();
        }
        assertThat(r.status().failedChecks()).isZero();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.world.routes().canaryWeight()).as("no advancement while waiting").isEqualTo(weight);
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement waiting for metric request-success-rate: "
                + "the metrics source started less than one query window ago (started 12s ago); not counted as a failed check");

        r.metrics.put("request-success-rate", MetricOutcome.value(50));
        r.tick();
        assertThat(r.status().failedChecks()).as("a real value counts again").isEqualTo(1);
    }

    @Test
    void aMetricWithoutSourceIsReportedAndFails() {
        Rollout r = new Rollout(Fixtures.deployment(ANALYSIS)).progressing();
        // A hand-built plan: the parser refuses such a metric, but status may come from older specs.
        var a = r.plan.analysis();
        var bare = new dev.sluice.api.flagger.MetricSpec("latency-p95", "1m", 0, java.util.Optional.empty(), "",
                java.util.Optional.empty(), java.util.Map.of());
        r.plan = withAnalysis(r.plan, a.withMetrics(java.util.List.of(bare)).withWebhooks(java.util.List.of()));
        r.tick();
        r.tick();
        assertThat(r.events()).containsExactly(
                "Metric query failed for no usable metrics template and query were configured");
        assertThat(r.status().failedChecks()).isEqualTo(1);
    }

    static AnalysisPlan withAnalysis(AnalysisPlan p, dev.sluice.api.flagger.AnalysisSpec a) {
        return new AnalysisPlan(p.name(), p.namespace(), p.targetKind(), p.targetName(), p.provider(),
                p.metricsProvider(), a, p.skipAnalysis(), p.suspend(), p.hasAutoscaler(), p.alertMetadata(),
                p.clusterFields());
    }

    static String describe(Probe p) {
        return switch (p) {
            case Probe.Hook h -> "hook " + h.hook().name();
            case Probe.Metric m -> m.source() + " " + m.metric().name();
        };
    }
}
