package dev.sluice.local.runtime.rollout;

import java.util.List;
import java.util.Optional;

/**
 * The planner's decision.
 *
 * @param sets          every replica set with its new target; the one of the current template
 *                      first, if it exists
 * @param scalings      the scalings made, for the {@code ScalingReplicaSet} events
 * @param createdNew    whether the current template's replica set was created by this step
 * @param scalingEvent  whether this step only resized (no rollout), so the Deployment controller
 *                      does not estimate progress
 */
public record Plan(List<ReplicaSetState> sets, List<Scaling> scalings, boolean createdNew, boolean scalingEvent) {

    public Plan {
        sets = List.copyOf(sets);
        scalings = List.copyOf(scalings);
    }

    public Optional<ReplicaSetState> set(String hash) {
        return sets.stream().filter(s -> s.hash().equals(hash)).findFirst();
    }

    /** One replica set resized from {@code from} to {@code to} pods. */
    public record Scaling(String name, int from, int to) {

        /** The Deployment controller's event message. */
        public String message() {
            return "Scaled " + (to > from ? "up" : "down") + " replica set " + name + " to " + to + " from " + from;
        }
    }
}
