package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import org.junit.jupiter.api.Test;

/** Manual gating webhooks: confirm-rollout, confirm-traffic-increase, confirm-promotion, rollback, post-rollout. */
class GatesTest {

    static String canary(String hooks) {
        return Fixtures.deployment("""
                interval: 1m
                threshold: 5
                stepWeight: 25
                maxWeight: 50
                webhooks:
                """ + hooks.indent(2));
    }

    @Test
    void confirmRolloutHoldsTheNewRevisionInWaiting() {
        Rollout r = new Rollout(canary("""
                - name: gate
                  type: confirm-rollout
                  url: http://loadtester/gate/check
                """)).initialized();
        r.hooks.put("gate", WebhookResult.failed("Forbidden"));
        r.world.deploy("v2");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.WAITING);
        assertThat(r.world.targetReplicas()).as("not scaled up while waiting").isZero();
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement waiting for approval gate");
        assertThat(r.last.effects(Effect.Alert.class)).extracting(Effect.Alert::severity, Effect.Alert::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertSeverity.WARN, "Canary is waiting for approval."));
        assertThat(r.status().promoted().orElseThrow().message()).isEqualTo("Waiting for approval.");
        Probe.Hook asked = (Probe.Hook) r.asked.get(0);
        assertThat(asked.payload().phase()).as("confirm-rollout gets the current phase").isEqualTo("Initialized");

        r.tick();
        assertThat(r.events()).as("no repeated halt event while waiting").isEmpty();
        r.hooks.remove("gate");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(r.events()).containsExactly("Confirm-rollout check gate passed",
                "New revision detected! Scaling up podinfo.default");
        assertThat(r.world.targetReplicas()).isEqualTo(1);
    }

    @Test
    void confirmTrafficIncreaseOnlyPauses() {
        Rollout r = new Rollout(canary("""
                - name: more
                  type: confirm-traffic-increase
                  url: http://loadtester/gate/check
                  muteAlert: true
                """)).progressing();
        r.hooks.put("more", WebhookResult.failed("closed"));
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(r.status().failedChecks()).isZero();
        assertThat(r.events()).contains("Halt podinfo.default advancement waiting for traffic increase approval more");
        assertThat(r.last.effects(Effect.Alert.class)).as("muted").isEmpty();
        r.hooks.remove("more");
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(75, 25));
        assertThat(r.events()).contains("Confirm-traffic-increase check more passed");
    }

    @Test
    void confirmPromotionHoldsInWaitingPromotionWhileChecksGoOn() {
        Rollout r = new Rollout(canary("""
                - name: promote
                  type: confirm-promotion
                  url: http://loadtester/gate/check
                - name: load
                  url: http://loadtester/
                """)).progressing();
        r.hooks.put("promote", WebhookResult.failed("closed"));
        r.tick();
        r.tick();
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.of(50, 50));
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.WAITING_PROMOTION);
        assertThat(r.status().iterations()).as("WaitingPromotion sets iterations - 1").isEqualTo(-1);
        assertThat(r.status().canaryWeight()).as("SetStatusPhase zeroes the weight").isZero();
        assertThat(r.events()).containsExactly("Halt podinfo.default advancement waiting for promotion approval promote");
        r.tick();
        assertThat(r.asked).extracting(AnalysisChecksTest::describe).contains("hook load");
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.WAITING_PROMOTION);
        r.hooks.remove("promote");
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.PROMOTING);
        assertThat(r.events()).containsExactly("Confirm-promotion check promote passed",
                "Copying podinfo.default template spec to podinfo-primary.default");
    }

    @Test
    void aRollbackHookThatAnswers2xxRollsBack() {
        Rollout r = new Rollout(canary("""
                - name: rollback
                  type: rollback
                  url: http://loadtester/rollback/check
                """)).progressing();
        r.hooks.put("rollback", WebhookResult.failed("closed"));
        r.tick();
        assertThat(r.events()).contains("Rollback hook rollback not signaling a rollback");
        r.hooks.put("rollback", WebhookResult.passed());
        r.tick();
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(r.events()).containsExactly("Rollback check rollback passed",
                "Rolling back podinfo.default manual webhook invoked", "Canary failed! Scaling down podinfo.default");
        assertThat(r.world.routes()).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }

    @Test
    void postRolloutHooksAreCalledAfterTheOutcome() {
        Rollout r = new Rollout(canary("""
                - name: notify
                  type: post-rollout
                  url: http://hooks/done
                """)).progressing();
        for (int i = 0; i < 6 && r.status().phase() != CanaryPhase.SUCCEEDED; i++) {
            r.tick();
        }
        assertThat(r.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        var calls = r.last.effects(Effect.CallWebhook.class);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.hook().name()).isEqualTo("notify");
            assertThat(c.payload().phase()).isEqualTo("Succeeded");
        });
        int save = r.last.effects().indexOf(r.last.effects(Effect.SaveStatus.class).get(0));
        assertThat(r.last.effects().indexOf(calls.get(0))).isGreaterThan(save);
    }
}
