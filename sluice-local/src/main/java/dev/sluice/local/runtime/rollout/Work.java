package dev.sluice.local.runtime.rollout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The planner's scratch state: the replica sets being resized during one step. Not thread-safe. */
final class Work {

    static final Comparator<ReplicaSetState> OLDEST_FIRST = Comparator.comparing(ReplicaSetState::createdAt)
            .thenComparing(ReplicaSetState::name);

    final Desired d;
    final Map<String, ReplicaSetState> sets = new LinkedHashMap<>();
    final List<Plan.Scaling> scalings = new ArrayList<>();

    Work(Desired d, List<ReplicaSetState> initial) {
        this.d = d;
        initial.forEach(s -> sets.put(s.hash(), s));
    }

    ReplicaSetState newSet() {
        return sets.get(d.newHash());
    }

    /** The replica sets of older templates, oldest first. */
    List<ReplicaSetState> olds() {
        return sets.values().stream().filter(s -> !s.hash().equals(d.newHash())).sorted(OLDEST_FIRST).toList();
    }

    List<ReplicaSetState> all() {
        return List.copyOf(sets.values());
    }

    static int targets(List<ReplicaSetState> list) {
        return list.stream().mapToInt(ReplicaSetState::target).sum();
    }

    static int available(List<ReplicaSetState> list) {
        return list.stream().mapToInt(ReplicaSetState::available).sum();
    }

    /**
     * Resizes one set, keeping the Deployment controller's replica annotations up to date.
     *
     * @param annotateUnchanged update the annotations even when the size stays (the proportional
     *                          scaler does; the rolling updater does not)
     * @return whether the size changed
     */
    boolean scale(ReplicaSetState rs, int to, boolean annotateUnchanged) {
        ReplicaSetState current = sets.get(rs.hash());
        int desired = d.replicas();
        int max = d.replicas() + d.maxSurge();
        if (current.target() == to) {
            if (annotateUnchanged && (current.desired() != desired || current.maxReplicas() != max)) {
                sets.put(rs.hash(), current.scaledTo(to, desired, max));
            }
            return false;
        }
        sets.put(rs.hash(), current.scaledTo(to, desired, max));
        scalings.add(new Plan.Scaling(current.name(), current.target(), to));
        return true;
    }

    Plan plan(boolean createdNew, boolean scalingEvent) {
        List<ReplicaSetState> out = new ArrayList<>();
        ReplicaSetState fresh = newSet();
        if (fresh != null) {
            out.add(fresh);
        }
        for (ReplicaSetState old : olds()) {
            // A set with nothing left to run is history; Sluice keeps no rollback history.
            if (old.target() > 0 || old.pods() > 0) {
                out.add(old);
            }
        }
        return new Plan(out, scalings, createdNew, scalingEvent);
    }
}
