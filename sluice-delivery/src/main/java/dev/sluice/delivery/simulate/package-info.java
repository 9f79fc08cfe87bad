/**
 * Simulation of a Canary rollout: {@link dev.sluice.delivery.simulate.Simulation} runs the real
 * {@link dev.sluice.delivery.canary.CanaryStateMachine} on a virtual clock in a
 * {@link dev.sluice.delivery.simulate.VirtualCluster}, answering metric and webhook probes from a
 * {@link dev.sluice.delivery.simulate.SimulationScript} (constant values, or per-tick overrides read
 * from YAML/JSON, see {@code ScriptReader}), and returns a
 * {@link dev.sluice.delivery.simulate.SimulationResult}: the verdict, the duration and the timeline,
 * with a stable JSON form for {@code sluice simulate -o json}. Pure and deterministic.
 */
package dev.sluice.delivery.simulate;
