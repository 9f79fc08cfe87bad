package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Flagger's ConfigTracker: the ConfigMaps and Secrets a pod template references (volumes, projected
 * volumes, {@code env[].valueFrom}, {@code envFrom}, of containers and init containers), their
 * checksums for {@code status.trackedConfigs}, and the renaming of those references to the
 * {@code -primary} copies. Checksums are Flagger's ({@code sha256(json.Marshal(data))[:8]}), so a
 * Canary migrated from Flagger keeps its tracked configs. Stateless.
 */
final class ConfigTracker {

    static final GroupKind CONFIG_MAP = GroupKind.of("", "ConfigMap");
    static final GroupKind SECRET = GroupKind.of("", "Secret");
    /** A config annotated with a value starting with "disable" is not tracked. */
    static final String DISABLE_ANNOTATION = "flagger.app/config-tracking";
    private static final Set<String> SECRET_TYPES = Set.of("Opaque", "kubernetes.io/basic-auth",
            "kubernetes.io/ssh-auth", "kubernetes.io/tls");

    /** One tracked config: its key ({@code configmap/<name>} or {@code secret/<name>}), object and checksum. */
    record Tracked(String key, KubeObject object, String checksum) {
    }

    /** A required config that cannot be read; the message is Flagger's. */
    static final class ConfigException extends Exception {
        ConfigException(String message) {
            super(message);
        }
    }

    private ConfigTracker() {
    }

    /** Keys of the configs referenced by {@code podSpec} → whether each is required (not {@code optional}). */
    static Map<String, Boolean> references(JsonNode podSpec) {
        Map<String, Boolean> refs = new TreeMap<>();
        for (JsonNode v : podSpec.path("volumes")) {
            ref(refs, "configmap", v.path("configMap"), "name");
            ref(refs, "secret", v.path("secret"), "secretName");
            for (JsonNode source : v.path("projected").path("sources")) {
                ref(refs, "configmap", source.path("configMap"), "name");
                ref(refs, "secret", source.path("secret"), "name");
            }
        }
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : podSpec.path(list)) {
                for (JsonNode env : c.path("env")) {
                    ref(refs, "configmap", env.path("valueFrom").path("configMapKeyRef"), "name");
                    ref(refs, "secret", env.path("valueFrom").path("secretKeyRef"), "name");
                }
                for (JsonNode from : c.path("envFrom")) {
                    ref(refs, "configmap", from.path("configMapRef"), "name");
                    ref(refs, "secret", from.path("secretRef"), "name");
                }
            }
        }
        return refs;
    }

    private static void ref(Map<String, Boolean> refs, String type, JsonNode node, String nameField) {
        String name = node.path(nameField).asText("");
        if (node.isObject() && !name.isEmpty()) {
            refs.put(type + "/" + name, !node.path("optional").asBoolean(false));
        }
    }

    /**
     * Reads the referenced configs. Disabled ones and Secrets of other types (registry credentials,
     * service account tokens) are left out; a missing optional one is skipped.
     *
     * @throws ConfigException when a required one cannot be read
     */
    static Map<String, Tracked> read(Cluster cluster, String namespace, Map<String, Boolean> refs)
            throws ConfigException {
        Map<String, Tracked> out = new TreeMap<>();
        for (Map.Entry<String, Boolean> ref : refs.entrySet()) {
            boolean map = ref.getKey().startsWith("configmap/");
            String name = ref.getKey().substring(ref.getKey().indexOf('/') + 1);
            Optional<KubeObject> o = cluster.get(new ObjectKey(map ? CONFIG_MAP : SECRET, namespace, name));
            if (o.isEmpty()) {
                if (ref.getValue()) {
                    throw new ConfigException((map ? "configmap " : "secret ") + name + "." + namespace
                            + " get query error: " + (map ? "configmaps" : "secrets") + " \"" + name + "\" not found");
                }
                continue;
            }
            KubeObject config = o.get();
            if (config.annotation(DISABLE_ANNOTATION).orElse("").startsWith("disable")) {
                continue;
            }
            if (!map && !SECRET_TYPES.contains(config.field("type").asText("Opaque"))) {
                continue;
            }
            out.put(ref.getKey(), new Tracked(ref.getKey(), config, checksum(data(config))));
        }
        return out;
    }

    /** The checksums for {@code status.trackedConfigs}. */
    static Map<String, String> checksums(Map<String, Tracked> tracked) {
        Map<String, String> out = new TreeMap<>();
        tracked.forEach((k, t) -> out.put(k, t.checksum()));
        return out;
    }

    /**
     * {@code data} as the API server holds it: a Secret's {@code stringData} (kept as written by the
     * embedded store) counts as its base64 encoding, as the API server would have merged it.
     */
    static Map<String, String> data(KubeObject config) {
        Map<String, String> data = new LinkedHashMap<>();
        config.field("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        if (config.kind().equals("Secret")) {
            config.field("stringData").properties().forEach(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        return data;
    }

    /** Flagger's checksum: the first 8 bytes of SHA-256 over Go's JSON of the data, in hex. */
    static String checksum(Map<String, String> data) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(GoJson.marshal(data).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Renames, in place, the references of {@code podSpec} to tracked configs to their {@code -primary} copies. */
    static void renameToPrimary(ObjectNode podSpec, Set<String> trackedKeys) {
        BiConsumer<JsonNode, String[]> rename = (node, typeAndField) -> {
            if (node instanceof ObjectNode o
                    && trackedKeys.contains(typeAndField[0] + "/" + o.path(typeAndField[1]).asText())) {
                o.put(typeAndField[1], o.path(typeAndField[1]).asText() + "-primary");
            }
        };
        String[] cm = {"configmap", "name"};
        String[] secret = {"secret", "name"};
        for (JsonNode v : podSpec.path("volumes")) {
            rename.accept(v.path("configMap"), cm);
            rename.accept(v.path("secret"), new String[] {"secret", "secretName"});
            for (JsonNode source : v.path("projected").path("sources")) {
                rename.accept(source.path("configMap"), cm);
                rename.accept(source.path("secret"), secret);
            }
        }
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : podSpec.path(list)) {
                for (JsonNode env : c.path("env")) {
                    rename.accept(env.path("valueFrom").path("configMapKeyRef"), cm);
                    rename.accept(env.path("valueFrom").path("secretKeyRef"), secret);
                }
                for (JsonNode from : c.path("envFrom")) {
                    rename.accept(from.path("configMapRef"), cm);
                    rename.accept(from.path("secretRef"), secret);
                }
            }
        }
    }
}
