package dev.sluice.gitops.kustomization;

import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.health.Health;
import dev.sluice.cluster.health.HealthResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks the health of what a Kustomization waits for, once, without blocking: the reconciler
 * requeues until every object is Current or the timeout passes (Flux polls inside the reconcile;
 * holding a worker for minutes would starve the other Kustomizations). The HelmRelease reconciler
 * waits for its releases with it too.
 */
public final class HealthGate {

    /** Objects not yet Current, with their status; empty when all are healthy. */
    public record Verdict(List<String> pending, List<String> failed) {

        public boolean healthy() {
            return pending.isEmpty() && failed.isEmpty();
        }

        /** Flux's wording: {@code timeout waiting for: [Deployment/apps/web status: 'InProgress']}. */
        public String describe() {
            List<String> all = new ArrayList<>(failed);
            all.addAll(pending);
            return "[" + String.join(", ", all) + "]";
        }
    }

    private HealthGate() {
    }

    /** The health of every object in {@code keys}, read once; thread-safe, never blocks. */
    public static Verdict check(Cluster cluster, Collection<ObjectKey> keys, Instant now) {
        List<String> pending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ObjectKey k : keys) {
            HealthResult h = cluster.get(k).map(o -> Health.of(o, now)).orElseGet(() -> Health.absent(k));
            switch (h.status()) {
                case CURRENT -> { }
                case FAILED -> failed.add(k + " status: 'Failed'" + (h.message().isEmpty() ? "" : " (" + h.message() + ")"));
                default -> pending.add(k + " status: '" + h.status().word() + "'");
            }
        }
        return new Verdict(pending, failed);
    }
}
