package dev.sluice.cluster.apply;

/**
 * A field another manager owns with a different value than the one applied.
 *
 * @param manager    the owner, e.g. {@code flagger}
 * @param operation  how the owner wrote it (Apply or Update)
 * @param apiVersion the version the owner used
 * @param path       the field, e.g. {@code .spec.replicas}
 */
public record FieldConflict(String manager, ManagedFieldsEntry.Operation operation, String apiVersion,
                            ManagedPath path) {
}
