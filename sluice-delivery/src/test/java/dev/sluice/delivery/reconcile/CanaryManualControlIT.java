package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manual requests through the {@code sluice.dev/requested-action} annotation, handled once each. */
class CanaryManualControlIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String V1 = "ghcr.io/stefanprodan/podinfo:6.0.0";
    private static final String V2 = "ghcr.io/stefanprodan/podinfo:6.0.1";
    /** Ten steps of 10% to 100%: without a manual request the analysis would last ten more ticks. */
    private static final String SLOW = """
            interval: 10s
            threshold: 2
            maxWeight: 100
            stepWeight: 10
            metrics:
              - name: request-success-rate
                thresholdRange: {min: 99}
                interval: 1m
            """;
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void promoteSkipsTheRemainingStepsAndIsHandledOnce() {
        world.bootstrap(Manifests.canary("linkerd", "", SLOW));
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(90, 10));

        world.request("podinfo", "promote@2026-01-01T00:01:00Z");
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROMOTING);
        assertThat(world.status("podinfo").lastHandledAction()).isEqualTo("promote@2026-01-01T00:01:00Z");
        assertThat(world.image("podinfo-primary")).isEqualTo(V2);

        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);

        // The annotation stays (a GitOps re-apply would bring it back anyway): the next revision is analysed normally.
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.2"));
        world.ticks(INTERVAL, 3);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(80, 20));
    }

    @Test
    void abortRollsBackAtOnceWithAWarningAndAnAlert() {
        world.bootstrap(Manifests.canary("linkerd", "", SLOW));
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 3);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(80, 20));

        world.request("podinfo", "abort@2026-01-01T00:01:00Z");
        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(world.status("podinfo").lastHandledAction()).isEqualTo("abort@2026-01-01T00:01:00Z");
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();
        assertThat(world.image("podinfo-primary")).isEqualTo(V1);
        assertThat(world.events("podinfo")).anyMatch(e -> e.isWarning() && e.message().contains("abort@2026-01-01T00:01:00Z"));
        assertThat(world.notifiers.sent).anyMatch(s -> s.notification().message().contains("abort"));
    }

    @Test
    void pauseHoldsTheAnalysisAndResumeContinuesIt() {
        world.bootstrap(Manifests.canary("linkerd", "", SLOW));
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);
        world.request("podinfo", "pause@1");
        world.ticks(INTERVAL, 3);
        assertThat(world.status("podinfo").paused()).isTrue();
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(90, 10));

        world.request("podinfo", "resume@2");
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").paused()).isFalse();
        assertThat(world.routes("podinfo").canaryWeight()).isGreaterThan(10);
    }
}
