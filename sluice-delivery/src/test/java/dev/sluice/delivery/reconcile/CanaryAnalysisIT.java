package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.Strategy;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.routing.TrafficSplit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Canary analyses end to end on the embedded store: promotion, rollback, a new revision mid-analysis. */
class CanaryAnalysisIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String V1 = "ghcr.io/stefanprodan/podinfo:6.0.0";
    private static final String V2 = "ghcr.io/stefanprodan/podinfo:6.0.1";
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aHealthyRevisionStepsItsWeightUpAndIsPromoted() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.apply(Manifests.deployment(V2));

        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isEqualTo(1);
        assertThat(world.eventMessages("podinfo")).contains("New revision detected! Scaling up podinfo.test");

        world.tick(INTERVAL);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(75, 25));
        assertThat(world.status("podinfo").canaryWeight()).isEqualTo(25);
        world.tick(INTERVAL);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(50, 50));
        assertThat(world.metrics.queries).anyMatch(q -> q.contains("response_total") && q.contains("podinfo"));

        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROMOTING);
        assertThat(world.image("podinfo-primary")).isEqualTo(V2);

        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
        assertThat(world.status("podinfo").lastPromotedSpec()).isEqualTo(world.status("podinfo").lastAppliedSpec());
        assertThat(world.eventMessages("podinfo")).contains("Starting canary analysis for podinfo.test",
                "Advance podinfo.test canary weight 25", "Advance podinfo.test canary weight 50",
                "Copying podinfo.test template spec to podinfo-primary.test", "Routing all traffic to primary",
                "Promotion completed! Scaling down podinfo.test");
        assertThat(world.notifiers.messages("global")).contains("New revision detected, progressing canary analysis.",
                "Canary analysis completed successfully, promotion finished.");
        assertThat(world.listener.outcomes).containsExactly(
                new RecordingMetricsListener.Outcome(Strategy.CANARY, true, false));
        assertThat(world.listener.analysis).containsEntry("request-success-rate", 100.0)
                .containsEntry("request-duration", 0.05);

        AnalysisTick checked = world.ticks.stream().filter(t -> !t.metrics().isEmpty()).findFirst().orElseThrow();
        assertThat(checked.canaryWeight()).isEqualTo(50);
        assertThat(checked.metrics()).extracting(AnalysisTick.MetricSample::name, AnalysisTick.MetricSample::value,
                AnalysisTick.MetricSample::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("request-success-rate", 100.0, AnalysisTick.Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("request-duration", 50.0, AnalysisTick.Verdict.PASS));

        // A promoted revision is not analysed again.
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    }

    @Test
    void failingChecksRollBackAtTheThreshold() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.metrics.successRate = 90.0;
        world.apply(Manifests.deployment(V2));

        world.ticks(INTERVAL, 2);   // scale up; first step (no checks before traffic)
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(75, 25));
        world.ticks(INTERVAL, 2);   // two failed checks
        assertThat(world.status("podinfo").failedChecks()).isEqualTo(2);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(75, 25));
        world.tick(INTERVAL);       // the rollback comes on the tick after the last failure

        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(world.status("podinfo").canaryWeight()).isZero();
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
        assertThat(world.image("podinfo-primary")).isEqualTo(V1);
        assertThat(world.eventMessages("podinfo")).contains("Halt podinfo.test advancement success rate 90.00% < 99%",
                "Rolling back podinfo.test failed checks threshold reached 2", "Canary failed! Scaling down podinfo.test");
        assertThat(world.notifiers.sent).anyMatch(s -> s.notification().message().equals("Failed checks threshold reached 2")
                && s.notification().severity() == dev.sluice.api.flagger.AlertSeverity.ERROR);
        assertThat(world.listener.outcomes).containsExactly(
                new RecordingMetricsListener.Outcome(Strategy.CANARY, false, false));
        assertThat(world.ticks).anyMatch(t -> t.metrics().stream().anyMatch(m -> m.verdict() == AnalysisTick.Verdict.FAIL
                && m.value() == 90.0 && m.min() == 99.0));

        // The failed revision is not retried until the target changes again.
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
    }

    @Test
    void aNewRevisionDuringTheAnalysisRestartsItFromTheStart() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(75, 25));
        String analysed = world.status("podinfo").lastAppliedSpec();

        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.2"));
        world.tick(INTERVAL);
        assertThat(world.eventMessages("podinfo")).contains("New revision detected! Restarting analysis for podinfo.test");
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(world.status("podinfo").canaryWeight()).isZero();
        assertThat(world.status("podinfo").lastAppliedSpec()).isNotEqualTo(analysed);

        world.ticks(INTERVAL, 6);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(world.image("podinfo-primary")).isEqualTo("ghcr.io/stefanprodan/podinfo:6.0.2");
    }

    @Test
    void aCanaryThatNeverBecomesReadyIsRolledBack() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.kubelet.hold("podinfo");
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(world.eventMessages("podinfo")).anyMatch(m -> m.startsWith(
                "canary deployment podinfo.test not ready: waiting for rollout to finish"));

        world.kubelet.fail("podinfo");
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(world.eventMessages("podinfo")).anyMatch(m -> m.startsWith(
                "Rolling back podinfo.test progress deadline exceeded canary deployment podinfo.test not ready"));
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
        assertThat(world.image("podinfo-primary")).isEqualTo(V1);
    }
}
