package dev.sluice.local.runtime.rollout;

import java.time.Instant;
import java.util.List;

/**
 * One step of the Deployment controller, as a pure function: given the replica sets and what they
 * observe, decide each set's new size. It follows Kubernetes' controller: a change of replicas is a
 * proportional scaling; a template change creates a new set and then either rolls (scale the new
 * set up within {@code maxSurge}, scale old ones down within {@code maxUnavailable}, unhealthy old
 * pods first) or recreates (all old pods gone before any new one). A step makes at most one kind
 * of move, as the controller does, so callers run it again after pods change.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {
    }

    /**
     * @param sets            the workload's replica sets with fresh observed counts
     * @param oldPodsAlive    pods of older templates that still exist, terminating ones included
     *                        (Recreate waits for them)
     * @param now             the creation time of a new replica set
     */
    public static Plan plan(Desired d, List<ReplicaSetState> sets, int oldPodsAlive, Instant now) {
        Work w = new Work(d, sets);
        if (d.paused()) {
            ProportionalScaler.scale(w);
            return w.plan(false, true);
        }
        if (ProportionalScaler.isScalingEvent(w)) {
            ProportionalScaler.scale(w);
            return w.plan(false, true);
        }
        return d.recreate() ? recreate(w, oldPodsAlive, now) : rolling(w, now);
    }

    private static Plan rolling(Work w, Instant now) {
        boolean created = false;
        if (w.newSet() == null) {
            create(w, newSetSize(w, 0), now);
            created = true;
        } else {
            ReplicaSetState fresh = w.newSet();
            int to = fresh.target() > w.d.replicas() ? w.d.replicas() : newSetSize(w, fresh.target());
            if (w.scale(fresh, to, false)) {
                return w.plan(false, false);
            }
        }
        reconcileOld(w);
        return w.plan(created, false);
    }

    private static Plan recreate(Work w, int oldPodsAlive, Instant now) {
        boolean scaledDown = false;
        for (ReplicaSetState old : w.olds()) {
            if (old.active()) {
                scaledDown |= w.scale(old, 0, false);
            }
        }
        if (scaledDown || oldPodsAlive > 0) {
            return w.plan(false, false);
        }
        if (w.newSet() == null) {
            create(w, w.d.replicas(), now);
            return w.plan(true, false);
        }
        w.scale(w.newSet(), w.d.replicas(), false);
        return w.plan(false, false);
    }

    private static void create(Work w, int size, Instant now) {
        ReplicaSetState rs = ReplicaSetState.created(w.d.newHash(), w.d.newName(), now)
                .scaledTo(size, w.d.replicas(), w.d.replicas() + w.d.maxSurge());
        w.sets.put(rs.hash(), rs);
        if (size > 0) {
            w.scalings.add(new Plan.Scaling(rs.name(), 0, size));
        }
    }

    /** How far the new set may grow now: up to replicas + surge pods in all, never past replicas. */
    private static int newSetSize(Work w, int current) {
        int maxTotal = w.d.replicas() + w.d.maxSurge();
        int all = Work.targets(w.all()) - (w.newSet() == null ? 0 : w.newSet().target()) + current;
        if (all >= maxTotal) {
            return current;
        }
        return current + Math.min(maxTotal - all, w.d.replicas() - current);
    }

    private static void reconcileOld(Work w) {
        List<ReplicaSetState> activeOld = w.olds().stream().filter(ReplicaSetState::active).toList();
        if (activeOld.isEmpty()) {
            return;
        }
        ReplicaSetState fresh = w.newSet();
        int minAvailable = w.d.replicas() - w.d.maxUnavailable();
        int newUnavailable = fresh.target() - fresh.available();
        int maxScaledDown = Work.targets(w.all()) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return;
        }
        // Unhealthy old pods go first: they serve nothing and would block the rollout.
        int cleaned = 0;
        for (ReplicaSetState old : activeOld) {
            if (cleaned >= maxScaledDown) {
                break;
            }
            ReplicaSetState rs = w.sets.get(old.hash());
            int unhealthy = rs.target() - rs.available();
            if (rs.target() == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            w.scale(rs, rs.target() - down, false);
            cleaned += down;
        }
        int availableNow = Work.available(w.all());
        if (availableNow <= minAvailable) {
            return;
        }
        int budget = availableNow - minAvailable;
        int scaled = 0;
        for (ReplicaSetState old : w.olds()) {
            ReplicaSetState rs = w.sets.get(old.hash());
            if (scaled >= budget) {
                break;
            }
            if (rs.target() == 0) {
                continue;
            }
            int down = Math.min(rs.target(), budget - scaled);
            w.scale(rs, rs.target() - down, false);
            scaled += down;
        }
    }
}
