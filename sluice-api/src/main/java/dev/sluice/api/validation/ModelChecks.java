package dev.sluice.api.validation;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The checks behind {@code KindModel.parse}: the object must be in the newest version, pass its
 * schema, then the kind's semantic rules. Errors are thrown together; warnings are returned.
 */
public final class ModelChecks {

    private ModelChecks() {
    }

    /**
     * @param semantic the kind's own rules, run only when the structure is valid (so they may
     *                 assume types are right)
     * @return the warnings (unknown fields, deprecations, semantic warnings)
     * @throws InvalidInputException with every error found
     */
    public static List<Diagnostic> check(KubeObject latest, KindSchema schema,
                                         Function<KubeObject, List<Diagnostic>> semantic) {
        if (!latest.groupKind().equals(schema.groupKind()) || !latest.version().equals(schema.latest().name())) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.of("apiVersion"), "'" + latest.apiVersion() + "' "
                    + latest.kind() + " is not in the newest version; expected " + schema.latestApiVersion()
                    + " (convert it with toLatest first)"));
        }
        List<Diagnostic> found = new ArrayList<>(SchemaValidator.validate(latest.toNode(), schema.latest().root(),
                FieldPath.root()));
        if (found.stream().noneMatch(Diagnostic::isError)) {
            found.addAll(semantic.apply(latest));
        }
        List<Diagnostic> errors = found.stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return found;
    }
}
