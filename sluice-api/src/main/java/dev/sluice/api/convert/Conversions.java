package dev.sluice.api.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.Suggestions;
import java.util.function.Consumer;

/** Helpers for {@code KindModel.toLatest}: version checks and tree edits on a copy. */
public final class Conversions {

    private Conversions() {
    }

    /**
     * The version of {@code object}, checked to be one {@code schema} reads.
     *
     * @throws InvalidInputException naming apiVersion, the value and the versions read
     */
    public static String servedVersion(KubeObject object, KindSchema schema) {
        if (!object.groupKind().equals(schema.groupKind())) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.of("kind"),
                    "'" + object.kind() + "' in '" + object.apiVersion() + "' is not " + schema.groupKind()));
        }
        String version = object.version();
        if (schema.version(version).isEmpty()) {
            throw new InvalidInputException(unsupported(object.apiVersion(), schema));
        }
        return version;
    }

    /** The error for an apiVersion a kind is not read in. */
    public static Diagnostic unsupported(String apiVersion, KindSchema schema) {
        return Diagnostic.error(FieldPath.of("apiVersion"), "'" + apiVersion + "' is not a supported version of "
                + schema.kind() + "; expected " + Suggestions.joinOr(schema.versionNames().stream().map(schema::apiVersion).toList()));
    }

    /**
     * {@code object} in the newest version of {@code schema}, after {@code convert} changed a copy of
     * its tree; an object already in the newest version is returned unchanged.
     */
    public static KubeObject toLatest(KubeObject object, KindSchema schema, Consumer<ObjectNode> convert) {
        String version = servedVersion(object, schema);
        if (version.equals(schema.latest().name())) {
            return object;
        }
        ObjectNode tree = object.toNode();
        convert.accept(tree);
        tree.put("apiVersion", schema.latestApiVersion());
        return KubeObject.of(tree);
    }

    /** The object at {@code field}, or null when absent or not an object. */
    public static ObjectNode objectAt(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode o ? o : null;
    }
}
