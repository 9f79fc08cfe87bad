package dev.sluice.local.runtime.rollout;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pod as the scale-down ranking sees it.
 *
 * @param started    whether its containers have started (a pod still pending ranks lowest)
 * @param readySince when it became ready, empty when not ready
 */
public record PodView(String name, boolean started, Optional<Instant> readySince, int restarts, Instant createdAt) {

    /**
     * The ReplicaSet controller's order for deleting pods: pending before running, not ready before
     * ready, ready for a shorter time first, more restarts first, newer first.
     */
    public static final Comparator<PodView> DELETE_FIRST = Comparator
            .comparing((PodView p) -> p.started)
            .thenComparing(p -> p.readySince.isPresent())
            .thenComparing(p -> p.readySince.orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(PodView::restarts, Comparator.reverseOrder())
            .thenComparing(PodView::createdAt, Comparator.reverseOrder())
            .thenComparing(PodView::name);

    /** The {@code count} pods to delete first. */
    public static List<String> toDelete(List<PodView> pods, int count) {
        return pods.stream().sorted(DELETE_FIRST).limit(Math.max(0, count)).map(PodView::name).toList();
    }
}
