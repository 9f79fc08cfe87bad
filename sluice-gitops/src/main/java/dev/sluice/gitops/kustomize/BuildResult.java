package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.yaml.YamlWriter;
import java.util.List;

/**
 * The output of a build.
 *
 * @param objects the built objects in output order
 * @param warnings kustomize's warnings (deprecated fields), one line each
 */
public record BuildResult(List<ObjectNode> objects, List<String> warnings) {

    public BuildResult {
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }

    /** The objects as {@code kustomize build} prints them. */
    public String yaml() {
        return YamlWriter.writeAll(objects);
    }
}
