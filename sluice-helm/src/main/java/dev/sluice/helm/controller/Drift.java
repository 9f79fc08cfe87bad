package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.KustomizeRecords.IgnoreRule;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.Applier;
import java.util.ArrayList;
import java.util.List;

/**
 * Drift detection: each object of the release manifest is applied as a dry run; one that would be
 * created (deleted in the cluster) or changed has drifted. {@code driftDetection.ignore} paths
 * (JSON pointers) are left out of the comparison for the objects their target selects. Canary-owned
 * fields are left out as the apply leaves them out.
 */
final class Drift {

    private Drift() {
    }

    /** One line per drifted object, e.g. {@code Deployment/apps/web changed}; empty when in sync. */
    static List<String> detect(Cluster cluster, Applier applier, List<KubeObject> objects, List<IgnoreRule> ignore) {
        List<String> out = new ArrayList<>();
        for (KubeObject o : objects) {
            KubeObject desired = withoutIgnored(o, ignore);
            ApplyResult.Action a = applier.dryRun(desired);
            if (a == ApplyResult.Action.CREATED) {
                out.add(o.key() + " removed");
            } else if (a == ApplyResult.Action.CONFIGURED) {
                out.add(o.key() + " changed");
            }
        }
        return out;
    }

    static KubeObject withoutIgnored(KubeObject o, List<IgnoreRule> ignore) {
        KubeObject out = o;
        for (IgnoreRule rule : ignore) {
            if (rule.target().isPresent()) {
                var t = rule.target().get();
                if ((!t.kind().isEmpty() && !t.kind().equals(o.kind())) || (!t.name().isEmpty() && !t.name().equals(o.name()))
                        || (!t.namespace().isEmpty() && !t.namespace().equals(o.namespace()))) {
                    continue;
                }
            }
            for (String pointer : rule.paths()) {
                out = out.edit(n -> remove(n, pointer));
            }
        }
        return out;
    }

    private static void remove(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode p) {
            p.remove(last);
        } else if (parent instanceof ArrayNode a && last.matches("\\d+") && Integer.parseInt(last) < a.size()) {
            a.remove(Integer.parseInt(last));
        }
    }
}
