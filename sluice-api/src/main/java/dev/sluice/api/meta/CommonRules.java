package dev.sluice.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Semantic rules several Flux kinds share: dependsOn lists and kubeConfig references. */
public final class CommonRules {

    private CommonRules() {
    }

    /**
     * A {@code dependsOn} list must not name the object itself (it would never become ready) and
     * should not name the same dependency twice.
     */
    public static List<Diagnostic> dependsOn(KubeObject object, JsonNode list, FieldPath path) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode dep = list.get(i);
            String name = dep.path("name").asText("");
            String ns = dep.path("namespace").asText("");
            String effectiveNs = ns.isEmpty() ? object.namespace() : ns;
            FieldPath p = path.index(i);
            if (name.equals(object.name()) && effectiveNs.equals(object.namespace())) {
                out.add(Diagnostic.error(p.child("name"), "'" + name + "' is this " + object.kind()
                        + " itself; it cannot depend on itself (it would never become ready)"));
            }
            if (!seen.add(effectiveNs + "/" + name)) {
                out.add(Diagnostic.warning(p, "'" + (ns.isEmpty() ? name : ns + "/" + name) + "' is listed twice"));
            }
        }
        return out;
    }
}
