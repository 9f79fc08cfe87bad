package dev.sluice.gitops.kustomization;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the variables of {@code postBuild}: each {@code substituteFrom} ConfigMap or Secret in
 * order (later ones win), then the inline {@code substitute} on top, as Flux orders them.
 */
final class Substitutions {

    /** A referenced ConfigMap or Secret is missing and not optional. */
    static final class MissingSourceException extends Exception {
        MissingSourceException(String message) {
            super(message);
        }
    }

    private Substitutions() {
    }

    static Map<String, String> collect(Cluster cluster, String namespace, KustomizationSpec.PostBuild postBuild)
            throws MissingSourceException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (KustomizationSpec.SubstituteReference ref : postBuild.substituteFrom()) {
            boolean secret = ref.kind().equals("Secret");
            Optional<KubeObject> o = cluster.get(new ObjectKey(GroupKind.of("", secret ? "Secret" : "ConfigMap"), namespace, ref.name()));
            if (o.isEmpty()) {
                if (ref.optional()) {
                    continue;
                }
                throw new MissingSourceException("substitute from '" + ref.kind() + "/" + ref.name() + "' error: "
                        + ref.kind() + " '" + namespace + "/" + ref.name() + "' not found");
            }
            o.get().field("data").properties().forEach(e -> vars.put(e.getKey(), secret
                    ? new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)
                    : e.getValue().asText()));
            if (secret) {
                o.get().field("stringData").properties().forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
            }
        }
        vars.putAll(postBuild.substitute());
        return vars;
    }
}
