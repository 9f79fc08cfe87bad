package dev.sluice.helm.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.Yaml;
import dev.sluice.api.helm.HelmReleaseSpec.ValuesReference;
import dev.sluice.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A HelmRelease's values, composed as helm-controller does: each {@code valuesFrom} entry in order
 * (a ConfigMap or Secret key, {@code values.yaml} by default), then the inline {@code values} on
 * top; an entry with a {@code targetPath} sets that one path instead of merging a tree. Optional
 * references that are missing are skipped. Errors use Flux's wording, e.g. {@code could not resolve
 * ConfigMap chart values reference 'apps/web' with key 'values.yaml': key not found}. Thread-safe.
 */
public final class ValuesComposer {

    /** The values could not be composed; the message names the reference and why. */
    public static final class ValuesException extends Exception {
        public ValuesException(String message) {
            super(message);
        }
    }

    private final Cluster cluster;

    public ValuesComposer(Cluster cluster) {
        this.cluster = cluster;
    }

    public ObjectNode compose(String namespace, List<ValuesReference> refs, JsonNode inline) throws ValuesException {
        ObjectNode result = Json.object();
        ObjectNode values = inline != null && inline.isObject() ? (ObjectNode) inline : Json.object();
        Map<String, Optional<KubeObject>> seen = new HashMap<>();
        for (ValuesReference ref : refs) {
            String prefix = "could not resolve" + (ref.optional() ? " optional" : "") + " " + ref.kind()
                    + " chart values reference '" + namespace + "/" + ref.name() + "' with key '" + ref.valuesKey() + "': ";
            if (!ref.kind().equals("ConfigMap") && !ref.kind().equals("Secret")) {
                throw new ValuesException(prefix + "unsupported values reference kind");
            }
            Optional<KubeObject> obj = seen.computeIfAbsent(ref.kind() + "/" + ref.name(),
                    k -> cluster.get(ObjectKey.of("", ref.kind(), namespace, ref.name())));
            if (obj.isEmpty()) {
                if (ref.optional()) {
                    continue;
                }
                throw new ValuesException(prefix + "resource not found");
            }
            Optional<String> data = data(obj.get(), ref.valuesKey());
            if (data.isEmpty()) {
                if (ref.optional()) {
                    continue;
                }
                throw new ValuesException(prefix + "key not found");
            }
            if (!ref.targetPath().isEmpty()) {
                result = Values.merge(result, values);
                try {
                    result = TargetPath.set(result, ref.targetPath(), data.get());
                } catch (IllegalArgumentException e) {
                    throw new ValuesException(prefix + "failed to merge value: " + e.getMessage());
                }
                continue;
            }
            result = Values.merge(result, read(data.get(), ref.kind() + " " + namespace + "/" + ref.name() + " key "
                    + ref.valuesKey(), prefix));
        }
        return Values.merge(result, values);
    }

    /**
     * Parses a values document: empty is an empty tree, anything but a mapping is an error.
     *
     * @param source where the text came from, for the line numbers in errors
     */
    static ObjectNode read(String text, String source, String prefix) throws ValuesException {
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            var docs = Yaml.readAll(text, source);
            if (docs.isEmpty()) {
                return Json.object();
            }
            if (docs.size() > 1 || !docs.get(0).content().isObject()) {
                throw new ValuesException(prefix + "failed to read values data: expected one YAML mapping of values, got "
                        + (docs.size() > 1 ? docs.size() + " documents" : docs.get(0).content().getNodeType().toString().toLowerCase()));
            }
            return (ObjectNode) docs.get(0).content();
        } catch (InvalidInputException e) {
            throw new ValuesException(prefix + "failed to read values data: " + e.getMessage());
        }
    }

    private static Optional<String> data(KubeObject o, String key) {
        if (o.kind().equals("ConfigMap")) {
            JsonNode v = o.field("data").get(key);
            if (v != null && v.isTextual()) {
                return Optional.of(v.asText());
            }
            JsonNode b = o.field("binaryData").get(key);
            return b != null ? decode(b.asText()) : Optional.empty();
        }
        JsonNode s = o.field("stringData").get(key);
        if (s != null && s.isTextual()) {
            return Optional.of(s.asText());
        }
        JsonNode v = o.field("data").get(key);
        return v == null ? Optional.empty() : decode(v.asText());
    }

    private static Optional<String> decode(String base64) {
        try {
            return Optional.of(new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
