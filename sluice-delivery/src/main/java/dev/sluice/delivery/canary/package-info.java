/**
 * The canary analysis as a pure state machine: Flagger's {@code advanceCanary}, step by step, with
 * the decisions separated from the I/O.
 *
 * <h2>One tick</h2>
 * {@link dev.sluice.delivery.canary.CanaryStateMachine#next CanaryStateMachine.next(state, plan,
 * observation, now)} returns a {@link dev.sluice.delivery.canary.Step}:
 * <ul>
 *   <li>{@link dev.sluice.delivery.canary.CanaryState} is the Canary's status, the only memory;</li>
 *   <li>{@link dev.sluice.delivery.canary.AnalysisPlan} is the spec with Flagger's defaults and the
 *       controller's settings;</li>
 *   <li>{@link dev.sluice.delivery.canary.Observation} is what the reconciler read before deciding:
 *       the target's revision, primary and canary readiness, the routes, replica counts, a manual
 *       request, and the answers to the probes asked so far in this tick;</li>
 *   <li>{@code now} comes from the reconciler's injected clock.</li>
 * </ul>
 *
 * <h2>I/O in the middle of a tick: probes</h2>
 * Webhooks and metric queries are I/O whose answers steer the rest of the tick, and Flagger calls
 * them lazily with short-circuits (a failed rollout hook means no metric is queried; a passed
 * rollback hook means no other hook is called). The core keeps exactly that order without doing
 * I/O: when it needs an answer it does not have, it returns a step
 * {@link dev.sluice.delivery.canary.Step#awaiting() awaiting} a
 * {@link dev.sluice.delivery.canary.Probe}, with no effects. The reconciler performs the probe, adds
 * the answer to the observation and calls {@code next} again; the pure function replays the tick to
 * the same point and goes on. {@link dev.sluice.delivery.canary.CanaryTick#run} is that loop, given a
 * {@link dev.sluice.delivery.canary.ProbeResolver}. Replaying costs microseconds; a tick asks for at
 * most one answer per webhook and metric.
 *
 * <p>Hooks whose answers change nothing (post-rollout, event hooks) are effects, carried out after
 * the status is written, as in Flagger.
 *
 * <h2>Effects</h2>
 * {@link dev.sluice.delivery.canary.Effect} is a closed family carried out in order: bootstrap
 * ("ensure" steps, idempotent), workload scaling, promotion, routes, status writes
 * ({@link dev.sluice.delivery.canary.Effect.SaveStatus} at the points where Flagger writes status),
 * events, alerts, metrics and the requeue. A critical effect that fails ends the tick (Warning event,
 * the rest skipped); the next tick decides again from the stored status.
 */
package dev.sluice.delivery.canary;
