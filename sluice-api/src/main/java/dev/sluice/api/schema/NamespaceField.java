package dev.sluice.api.schema;

import java.util.List;

/**
 * A field other than {@code metadata.namespace} that carries a namespace which must follow a
 * namespace change, such as the ServiceAccount subjects of a RoleBinding.
 *
 * @param referrer the kinds holding the field
 * @param path the path to the field, or to a list of objects holding a {@code namespace} field
 * @param whenKind if not empty, only list elements whose {@code kind} equals it are changed
 */
public record NamespaceField(KindPattern referrer, List<String> path, String whenKind) {
    public NamespaceField {
        path = List.copyOf(path);
    }
}
