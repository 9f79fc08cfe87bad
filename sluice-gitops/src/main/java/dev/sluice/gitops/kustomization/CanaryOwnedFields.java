package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import java.util.List;
import java.util.Optional;

/**
 * Fields a Canary owns on objects that Git also declares, which the Kustomization must therefore
 * not apply: the target's {@code spec.replicas} (the canary controller holds the target at zero
 * between releases) and the apex Service's {@code spec.selector} (pointed at the primary). With
 * Flux and Flagger the two controllers fight over these on every sync (Flagger #1504: the target
 * shows as drifted and is scaled up and down again); Sluice knows both sides, so it leaves them to
 * the Canary.
 *
 * <p>A field is left out only once the canary controller has changed it (the live value differs
 * from Git's): until then Git's value is applied as usual, so the first apply creates the objects as
 * Git says and no field the Kustomization alone owns is ever dropped (server-side apply would
 * delete it). Pure.
 */
final class CanaryOwnedFields {

    /** A Canary's claims in one namespace: its target workload and its apex Service. */
    record Claim(String namespace, String targetKind, String targetName, String apexService) {
    }

    private CanaryOwnedFields() {
    }

    static KubeObject strip(KubeObject object, List<Claim> claims, Optional<KubeObject> live) {
        if (live.isEmpty()) {
            return object;
        }
        for (Claim c : claims) {
            if (!c.namespace().equals(object.namespace())) {
                continue;
            }
            if (object.kind().equals(c.targetKind()) && object.name().equals(c.targetName())
                    && object.group().equals("apps")) {
                return without(object, live.get(), "replicas");
            }
            if (object.kind().equals("Service") && object.group().isEmpty() && object.name().equals(c.apexService())) {
                return without(object, live.get(), "selector");
            }
        }
        return object;
    }

    private static KubeObject without(KubeObject desired, KubeObject live, String field) {
        JsonNode want = desired.spec().path(field);
        JsonNode have = live.spec().path(field);
        if (want.isMissingNode() || have.isMissingNode() || want.equals(have)) {
            return desired;
        }
        return desired.edit(n -> ((ObjectNode) n.path("spec")).remove(field));
    }
}
