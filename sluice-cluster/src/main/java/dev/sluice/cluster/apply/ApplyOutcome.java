package dev.sluice.cluster.apply;

import dev.sluice.api.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server-side apply computed.
 *
 * @param object    the object to store (with its managedFields), or the live object when nothing
 *                  changed or there are conflicts
 * @param changed   whether anything (values or ownership) differs from the live object
 * @param conflicts fields owned by other managers with other values; non-empty only without force
 */
public record ApplyOutcome(KubeObject object, boolean changed, List<FieldConflict> conflicts) {

    public ApplyOutcome {
        conflicts = List.copyOf(conflicts);
    }

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }

    /**
     * The API server's wording, e.g. {@code Apply failed with 1 conflict: conflict with "flagger"
     * using apps/v1: .spec.replicas}.
     */
    public String conflictMessage() {
        Map<String, List<FieldConflict>> byManager = new LinkedHashMap<>();
        for (FieldConflict c : conflicts) {
            byManager.computeIfAbsent(c.manager() + "\u0000" + c.apiVersion(), k -> new ArrayList<>()).add(c);
        }
        int n = conflicts.size();
        StringBuilder b = new StringBuilder("Apply failed with ").append(n).append(n == 1 ? " conflict: " : " conflicts: ");
        if (n == 1) {
            FieldConflict c = conflicts.get(0);
            return b.append("conflict with \"").append(c.manager()).append("\" using ").append(c.apiVersion())
                    .append(": ").append(c.path()).toString();
        }
        List<String> groups = new ArrayList<>();
        byManager.values().forEach(cs -> {
            StringBuilder g = new StringBuilder("conflicts with \"").append(cs.get(0).manager()).append("\" using ")
                    .append(cs.get(0).apiVersion()).append(":");
            cs.forEach(c -> g.append("\n- ").append(c.path()));
            groups.add(g.toString());
        });
        return b.append(String.join("\n", groups)).toString();
    }
}
