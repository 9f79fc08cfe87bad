package dev.sluice.delivery.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random walks through revisions, readiness, metric answers, gates and manual requests,
 * checking invariants after every tick. Deterministic: a failure names its seed.
 */
class RandomWalkTest {

    static final String CANARY = Fixtures.deployment("""
            interval: 30s
            threshold: 3
            stepWeights: [5, 20, 50]
            stepWeightPromotion: 30
            metrics:
              - name: request-success-rate
                thresholdRange: {min: 90}
            webhooks:
              - {name: gate, type: confirm-promotion, url: 'http://gate/'}
              - {name: load, url: 'http://load/'}
              - {name: undo, type: rollback, url: 'http://undo/'}
            """);

    static final Set<CanaryPhase> RUNNING = EnumSet.of(CanaryPhase.PROGRESSING, CanaryPhase.WAITING_PROMOTION,
            CanaryPhase.PROMOTING, CanaryPhase.FINALISING);

    @Test
    void invariantsHoldOnEveryTick() {
        for (long seed = 1; seed <= 200; seed++) {
            walk(seed);
        }
    }

    private static void walk(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Rollout r = new Rollout(CANARY);
        int revision = 1;
        boolean promotedThisRun = false;
        for (int tick = 0; tick < 60; tick++) {
            String why = "seed " + seed + ", tick " + tick;
            if (random.nextInt(12) == 0) {
                r.world.deploy("v" + (++revision));
            }
            r.world.setPrimaryReadiness(pick(random, Readiness.ready(), 20, Readiness.waiting("primary rolling"), 2,
                    Readiness.failed("primary stuck"), 1));
            r.world.setCanaryReadiness(pick(random, Readiness.ready(), 20, Readiness.waiting("canary rolling"), 2,
                    Readiness.failed("canary stuck"), 1));
            r.metrics.put("request-success-rate", pick(random, MetricOutcome.value(99), 8, MetricOutcome.value(50), 2,
                    MetricOutcome.insufficient(MetricResult.Reason.NAN), 1));
            r.hooks.put("gate", random.nextInt(3) == 0 ? WebhookResult.failed("closed") : WebhookResult.passed());
            r.hooks.put("undo", random.nextInt(40) == 0 ? WebhookResult.passed() : WebhookResult.failed("no"));
            if (random.nextInt(25) == 0) {
                String[] actions = {"promote", "abort", "retry", "pause", "resume"};
                r.world.request(new ManualCommand(actions[random.nextInt(actions.length)] + "@" + seed + "-" + tick));
            }
            CanaryState before = r.status();
            TrafficSplit routesBefore = r.world.routes();
            Step step = r.tick();
            CanaryState after = r.status();

            assertThat(step.next()).as(why).isEqualTo(after);
            assertThat(after.failedChecks()).as(why).isBetween(0, 3);
            assertThat(after.canaryWeight()).as(why).isBetween(0, 100);
            if (!step.effects(Effect.PromoteSpec.class).isEmpty()) {
                promotedThisRun = true;
            }
            if (after.phase() == CanaryPhase.SUCCEEDED && before.phase() != CanaryPhase.SUCCEEDED) {
                assertThat(promotedThisRun).as(why + ": succeeded without promotion").isTrue();
                assertThat(r.world.primaryHash()).as(why).isNotEmpty();
                promotedThisRun = false;
            }
            if (after.phase() == CanaryPhase.FAILED && before.phase() != CanaryPhase.FAILED) {
                promotedThisRun = false;
            }
            // Never move all traffic onto a primary known to be broken while a ready canary was serving.
            boolean primaryBroken = !r.world.observe().primary().isRetriable();
            if (primaryBroken && r.world.observe().canary().isReady() && routesBefore.canaryWeight() > 0) {
                assertThat(r.world.routes().canaryWeight()).as(why + ": traffic moved to a broken primary")
                        .isPositive();
            }
            // A request is never handled twice.
            if (!before.lastHandledAction().isEmpty() && before.lastHandledAction().equals(after.lastHandledAction())) {
                assertThat(step.events()).as(why).noneMatch(e -> e.contains("manual request ("
                        + before.lastHandledAction() + ")"));
            }
            if (RUNNING.contains(after.phase())) {
                assertThat(after.lastAppliedSpec()).as(why).isNotEmpty();
            }
            assertThat(step.effects().get(step.effects().size() - 1)).as(why).isInstanceOf(Effect.RequeueAfter.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T pick(SplittableRandom random, Object... valuesAndWeights) {
        int total = 0;
        for (int i = 1; i < valuesAndWeights.length; i += 2) {
            total += (Integer) valuesAndWeights[i];
        }
        int x = random.nextInt(total);
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            x -= (Integer) valuesAndWeights[i + 1];
            if (x < 0) {
                return (T) valuesAndWeights[i];
            }
        }
        throw new IllegalStateException();
    }

    @Test
    void ticksAreDeterministic() {
        Rollout a = new Rollout(CANARY).progressing();
        Rollout b = new Rollout(CANARY).progressing();
        for (int i = 0; i < 10; i++) {
            assertThat(a.tick()).isEqualTo(b.tick());
        }
        assertThat(List.of(a.status())).isEqualTo(List.of(b.status()));
    }
}
