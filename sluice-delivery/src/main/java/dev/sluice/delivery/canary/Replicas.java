package dev.sluice.delivery.canary;

/**
 * Replica counts the reconciler reads so the core can scale the canary up as Flagger does.
 *
 * @param target          {@code spec.replicas} of the target (0 when unset or scaled down)
 * @param primary         {@code spec.replicas} of the primary (0 when unset)
 * @param scalerMin       the target autoscaler's minimum (HPA minReplicas, KEDA minReplicaCount), 0 if none
 */
public record Replicas(int target, int primary, int scalerMin) {

    public static final Replicas UNKNOWN = new Replicas(0, 0, 0);

    /**
     * Flagger's ScaleFromZero: the target's replicas if set; without autoscaler the primary's;
     * with one its minimum when above 1; else 1.
     */
    public int scaleFromZero(boolean hasAutoscaler) {
        if (target > 0) {
            return target;
        }
        if (!hasAutoscaler) {
            return primary > 0 ? primary : 1;
        }
        return scalerMin > 1 ? scalerMin : 1;
    }
}
