package dev.sluice.api.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.CommonRules;
import dev.sluice.api.meta.PatchChecks;
import dev.sluice.api.validation.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The semantic rules of a v1 Kustomization, beyond what its schema says. */
final class KustomizationRules {

    /** Flux validates substitution variable names with this expression. */
    private static final Pattern VAR_NAME = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final FieldPath SPEC = FieldPath.root().child("spec");

    private KustomizationRules() {
    }

    static List<Diagnostic> check(KubeObject k) {
        JsonNode spec = k.spec();
        List<Diagnostic> out = new ArrayList<>(CommonRules.dependsOn(k, spec.path("dependsOn"), SPEC.child("dependsOn")));
        JsonNode patches = spec.path("patches");
        for (int i = 0; i < patches.size(); i++) {
            out.addAll(PatchChecks.check(patches.get(i), SPEC.child("patches").index(i)));
        }
        JsonNode ignore = spec.path("ignore");
        for (int i = 0; i < ignore.size(); i++) {
            out.addAll(PatchChecks.selectors(ignore.get(i).path("target"), SPEC.child("ignore").index(i).child("target")));
        }
        spec.path("postBuild").path("substitute").fieldNames().forEachRemaining(name -> {
            if (!VAR_NAME.matcher(name).matches()) {
                out.add(Diagnostic.error(SPEC.child("postBuild").child("substitute").child(name),
                        Values.quote(name) + " is not a valid variable name; expected letters, digits and '_', not starting with a digit"));
            }
        });
        String target = spec.path("targetNamespace").asText("");
        if (!target.isEmpty() && !DNS_LABEL.matcher(target).matches()) {
            out.add(Diagnostic.error(SPEC.child("targetNamespace"), Values.quote(target)
                    + " is not a valid namespace; expected lowercase letters, digits and '-', starting and ending with a letter or digit"));
        }
        if (spec.path("wait").asBoolean(false) && spec.path("healthChecks").size() > 0) {
            out.add(Diagnostic.warning(SPEC.child("healthChecks"), "ignored because wait is true (wait checks every applied object)"));
        }
        if (spec.path("prune").asBoolean(false) && "Orphan".equals(spec.path("deletionPolicy").asText())) {
            // Not an error: Flux allows it, but the two read as contradicting each other.
            out.add(Diagnostic.warning(SPEC.child("deletionPolicy"),
                    "'Orphan' keeps every object when this Kustomization is deleted, although prune is true"));
        }
        return out;
    }
}
