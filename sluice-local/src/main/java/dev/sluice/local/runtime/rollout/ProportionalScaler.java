package dev.sluice.local.runtime.rollout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment controller's answer to a change of {@code replicas}: one active replica set takes
 * the new size; a saturated new set lets the old ones go; otherwise every active set grows or
 * shrinks in proportion to its size, leftovers going to the largest.
 */
final class ProportionalScaler {

    private ProportionalScaler() {
    }

    static boolean isScalingEvent(Work w) {
        for (ReplicaSetState rs : w.all()) {
            if (rs.active() && rs.desired() != w.d.replicas()) {
                return true;
            }
        }
        return false;
    }

    static void scale(Work w) {
        ReplicaSetState single = activeOrLatest(w);
        if (single != null) {
            w.scale(single, w.d.replicas(), true);
            return;
        }
        ReplicaSetState fresh = w.newSet();
        if (saturated(w, fresh)) {
            for (ReplicaSetState old : w.olds()) {
                if (old.active()) {
                    w.scale(old, 0, true);
                }
            }
            return;
        }
        if (w.d.recreate()) {
            return;
        }
        List<ReplicaSetState> active = new ArrayList<>(w.all().stream().filter(ReplicaSetState::active).toList());
        int allowed = w.d.replicas() > 0 ? w.d.replicas() + w.d.maxSurge() : 0;
        int toAdd = allowed - Work.targets(active);
        Comparator<ReplicaSetState> bySize = Comparator.comparingInt(ReplicaSetState::target).reversed();
        active.sort(toAdd > 0
                ? bySize.thenComparing(ReplicaSetState::createdAt, Comparator.reverseOrder())
                : bySize.thenComparing(ReplicaSetState::createdAt));
        Map<String, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ReplicaSetState rs : active) {
            int proportion = toAdd == 0 ? 0 : proportion(w, rs, toAdd, added);
            sizes.put(rs.hash(), rs.target() + proportion);
            added += proportion;
        }
        for (int i = 0; i < active.size(); i++) {
            ReplicaSetState rs = active.get(i);
            int size = sizes.get(rs.hash());
            if (i == 0 && toAdd != 0) {
                size = Math.max(0, size + toAdd - added);
            }
            w.scale(rs, size, true);
        }
    }

    /** The only active set; or, with none active, the new one or else the newest old one. */
    private static ReplicaSetState activeOrLatest(Work w) {
        ReplicaSetState fresh = w.newSet();
        List<ReplicaSetState> olds = w.olds();
        if (fresh == null && olds.isEmpty()) {
            return null;
        }
        List<ReplicaSetState> active = new ArrayList<>();
        if (fresh != null && fresh.active()) {
            active.add(fresh);
        }
        olds.stream().filter(ReplicaSetState::active).forEach(active::add);
        if (active.isEmpty()) {
            return fresh != null ? fresh : olds.getLast();
        }
        return active.size() == 1 ? active.getFirst() : null;
    }

    private static boolean saturated(Work w, ReplicaSetState rs) {
        return rs != null && rs.target() == w.d.replicas() && rs.desired() == w.d.replicas()
                && rs.available() == w.d.replicas();
    }

    private static int proportion(Work w, ReplicaSetState rs, int toAdd, int added) {
        if (rs.target() == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(w, rs);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private static int fraction(Work w, ReplicaSetState rs) {
        if (w.d.replicas() == 0) {
            return -rs.target();
        }
        int deploymentReplicas = w.d.replicas() + w.d.maxSurge();
        int annotated = rs.maxReplicas() > 0 ? rs.maxReplicas() : w.all().stream().mapToInt(ReplicaSetState::pods).sum();
        if (annotated == 0) {
            return 0;
        }
        double size = (double) rs.target() * deploymentReplicas / annotated;
        return (int) Math.round(size) - rs.target();
    }
}
