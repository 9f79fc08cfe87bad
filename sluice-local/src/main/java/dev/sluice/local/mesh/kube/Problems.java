package dev.sluice.local.mesh.kube;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import java.util.ArrayList;
import java.util.List;

/** Collects findings about the objects being read, each located in its object. */
final class Problems {

    private final List<Diagnostic> all = new ArrayList<>();

    void error(KubeObject o, FieldPath path, String message) {
        all.add(Diagnostic.error(path, message).at(describe(o), -1, 0));
    }

    void warning(KubeObject o, FieldPath path, String message) {
        all.add(Diagnostic.warning(path, message).at(describe(o), -1, 0));
    }

    List<Diagnostic> list() {
        return List.copyOf(all);
    }

    static String describe(KubeObject o) {
        return o.kind() + " " + o.namespace() + "/" + o.name();
    }
}
