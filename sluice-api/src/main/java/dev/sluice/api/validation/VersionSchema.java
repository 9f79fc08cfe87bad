package dev.sluice.api.validation;

import java.util.List;
import java.util.Optional;

/**
 * The schema of one version of a kind.
 *
 * @param name               e.g. {@code v1beta2}
 * @param root               the whole object: apiVersion, kind, metadata, spec, status
 * @param deprecationWarning the upstream deprecation warning, or null for a current version
 * @param columns            what {@code kubectl get} shows
 */
public record VersionSchema(String name, Schema.Obj root, String deprecationWarning, List<PrinterColumn> columns) {

    public VersionSchema {
        columns = List.copyOf(columns);
    }

    public boolean deprecated() {
        return deprecationWarning != null;
    }

    /** Whether objects have a status written through the status subresource. */
    public boolean hasStatus() {
        return root.field("status").isPresent();
    }

    public Optional<Schema.Obj> spec() {
        return root.field("spec").map(Field::schema).filter(Schema.Obj.class::isInstance).map(Schema.Obj.class::cast);
    }

    /** A copy whose spec is changed by {@code change}, e.g. to derive an older version. */
    public VersionSchema editSpec(String name, String deprecationWarning,
                                  java.util.function.UnaryOperator<Schema.Obj> change) {
        Field spec = root.field("spec").orElseThrow();
        Schema.Obj changed = change.apply((Schema.Obj) spec.schema());
        return new VersionSchema(name, root.with(spec.withSchema(changed)), deprecationWarning, columns);
    }

    public VersionSchema withColumns(List<PrinterColumn> replacement) {
        return new VersionSchema(name, root, deprecationWarning, replacement);
    }

    /** A copy without the status field (for versions that have none, like notification v1beta3 Alert). */
    public VersionSchema withoutStatus() {
        return new VersionSchema(name, root.without("status"), deprecationWarning, columns);
    }

    /** A copy whose status keeps unknown fields silently (older versions' statuses are not ours to judge). */
    public VersionSchema lenientStatus() {
        return root.field("status")
                .map(s -> new VersionSchema(name, root.with(s.withSchema(
                        ((Schema.Obj) s.schema()).unknownFields(Schema.Unknown.PRESERVE))), deprecationWarning, columns))
                .orElse(this);
    }
}
