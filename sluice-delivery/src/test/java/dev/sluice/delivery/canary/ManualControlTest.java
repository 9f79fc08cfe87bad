package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
import org.junit.jupiter.api.Test;

/** The sluice.dev/requested-action annotation: promote, abort, retry, pause, resume. */
class ManualControlTest {

    static ManualCommand request(String value) {
        return new ManualCommand(value);
    }

    @Test
    void promoteSkipsTheRemainingAnalysis() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.tick();
        r.world.request(request("promote@2026-01-01T00:05:00Z"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
        assertThat(r.status().lastHandledAction()).isEqualTo("promote@2026-01-01T00:05:00Z");
        assertThat(r.events()).containsExactly("Promoting podinfo.default by manual request "
                + "(promote@2026-01-01T00:05:00Z), remaining analysis skipped",
                "Copying podinfo.default template spec to podinfo-primary.default");
        assertThat(r.asked).as("no checks, no gates").isEmpty();
        r.tick();
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(r.world.primaryHash()).isEqualTo("v2");
    }

    @Test
    void promoteWaitsForAReadyCanary() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setCanaryReadiness(Readiness.waiting("canary deployment podinfo.default not ready: waiting"));
        r.world.request(request("promote@1"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.status().lastHandledAction()).as("still pending").isEmpty();
        r.world.setCanaryReadiness(Readiness.ready());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
    }

    /** A GitOps re-apply brings the same annotation back; it must not act twice. */
    @Test
    void aRequestIsHandledOnce() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.request(request("abort@2026-01-01T00:01:00Z"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.events()).containsExactly(
                "Rolling back podinfo.default manual abort requested (abort@2026-01-01T00:01:00Z)",
                "Canary failed! Scaling down podinfo.default");
        r.world.deploy("v3");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        r.tick();
        assertThat(r.status().phase()).as("the old abort is not applied to the new revision")
                .isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(90, 10));
    }

    @Test
    void abortWhileWaitingForApproval() {
        Rollout r = new Rollout(GatesTest.canary("""
                - name: gate
                  type: confirm-rollout
                  url: http://loadtester/gate/check
                """)).initialized();
        r.hooks.put("gate", dev.sluice.delivery.webhook.WebhookResult.failed("Forbidden"));
        r.world.deploy("v2");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.WAITING);
        r.world.request(request("abort@x"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
    }

    /** Flagger #1310: a failed revision runs again without a dummy change in Git. */
    @Test
    void retryRunsTheFailedRevisionAgain() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.world.setStatus(r.status().toBuilder().failedChecks(10).build());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        r.world.request(request("retry@2026-01-01T01:00:00Z"));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.events()).containsExactly(
                "Retrying the failed revision of podinfo.default by manual request (retry@2026-01-01T01:00:00Z)",
                "New revision detected! Scaling up podinfo.default");
        assertThat(r.world.targetReplicas()).isPositive();
        assertThat(r.status().failedChecks()).isZero();
        for (int i = 0; i < 9; i++) {
            r.tick();
        }
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(r.world.primaryHash()).isEqualTo("v2");
    }

    @Test
    void pauseHoldsEverythingUntilResume() {
        Rollout r = new Rollout(Fixtures.deployment()).progressing();
        r.tick();
        r.world.request(request("pause@1"));
        r.tick();
        assertThat(r.status().paused()).isTrue();
        assertThat(r.events()).containsExactly("Analysis of podinfo.default paused by manual request (pause@1)");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(90, 10));
        r.world.setCanaryReadiness(Readiness.failed("would roll back if not paused"));
        r.tick();
        r.tick();
        assertThat(r.asked).isEmpty();
        assertThat(r.last.effects()).containsExactly(new Effect.RequeueAfter(r.plan.interval()));
        r.world.setCanaryReadiness(Readiness.ready());
        r.world.request(request("resume@2"));
        r.tick();
        assertThat(r.status().paused()).isFalse();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(80, 20));
    }

    @Test
    void requestsThatDoNotApplyAreAcknowledgedWithAWarning() {
        Rollout r = new Rollout(Fixtures.deployment()).initialized();
        r.world.request(request("promote@1"));
        r.tick();
        assertThat(r.status().lastHandledAction()).isEqualTo("promote@1");
        assertThat(r.events()).containsExactly(
                "Manual request promote@1 ignored: no analysis is running to promote (phase Initialized)");
        r.world.deploy("v2");
        r.tick();
        r.tick();
        assertThat(r.status().phase()).as("the stale promote never fires later").isEqualTo(CanaryPhase.PROGRESSING);
        r.world.request(request("explode@3"));
        r.tick();
        assertThat(r.events()).first().asString().startsWith("Manual request explode@3 ignored: unknown action");
        assertThat(r.status().lastHandledAction()).isEqualTo("explode@3");
    }

    @Test
    void requestValues() {
        assertThat(ManualCommand.request(ManualCommand.Action.RETRY, java.time.Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo("retry@2026-01-01T00:00:00Z");
        assertThat(request(" Promote@x ").action()).contains(ManualCommand.Action.PROMOTE);
        assertThat(request("abort").action()).contains(ManualCommand.Action.ABORT);
        assertThat(request("nope@1").action()).isEmpty();
    }
}
