package dev.sluice.cluster;

/**
 * Options of a server-side apply.
 *
 * @param fieldManager who owns the applied fields (Sluice applies as {@code sluice}; Flux's
 *                     kustomize-controller is {@code kustomize-controller})
 * @param force        take over fields owned by other managers instead of failing with a conflict
 * @param dryRun       compute the result without storing it (for diff)
 */
public record ApplyOptions(String fieldManager, boolean force, boolean dryRun) {

    public static ApplyOptions as(String fieldManager) {
        return new ApplyOptions(fieldManager, true, false);
    }

    public ApplyOptions asDryRun() {
        return new ApplyOptions(fieldManager, force, true);
    }
}
