package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a workload runs, in comparable form: its normalized pod template and the data of the
 * ConfigMaps and Secrets the template references. Built from a live target, a live primary (the
 * promoted spec) or Git's build (the declared spec). Immutable.
 *
 * @param template normalized by {@link PodTemplates}
 * @param configs  by key ({@code configmap/<name>}); a reference whose object does not exist is left out
 */
public record WorkloadSpec(ObjectNode template, Map<String, ConfigData> configs) {

    static final GroupKind CONFIG_MAP = GroupKind.of("", "ConfigMap");
    static final GroupKind SECRET = GroupKind.of("", "Secret");

    public WorkloadSpec {
        template = template.deepCopy();
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    /** A live workload (the target) with its configs read through {@code lookup}. */
    public static WorkloadSpec live(KubeObject workload, Function<ObjectKey, Optional<KubeObject>> lookup) {
        ObjectNode t = PodTemplates.ofWorkload(workload.toNode());
        return new WorkloadSpec(t, configs(t, workload.namespace(), lookup));
    }

    /**
     * The promoted spec from the {@code <target>-primary} workload: renaming undone, each config read
     * from its {@code -primary} copy (Flagger's snapshot at promotion) or, when the primary
     * references the original (tracking disabled), from the original.
     */
    public static WorkloadSpec primary(KubeObject primary, String targetName,
                                       Function<ObjectKey, Optional<KubeObject>> lookup) {
        ObjectNode t = PodTemplates.unprimary(primary.spec().path("template"), targetName);
        Map<String, ConfigData> configs = new TreeMap<>();
        for (String rawKey : ConfigRefs.of(primary.spec().path("template").path("spec")).keySet()) {
            String type = rawKey.substring(0, rawKey.indexOf('/'));
            String rawName = rawKey.substring(rawKey.indexOf('/') + 1);
            String key = type + "/" + PodTemplates.strip(rawName);
            read(type, rawName, primary.namespace(), lookup).ifPresent(o -> configs.put(key, ConfigData.of(key, o)));
        }
        return new WorkloadSpec(t, configs);
    }

    /** The spec Git declares: the built target, its configs taken from the same build. */
    public static WorkloadSpec declared(KubeObject builtTarget, List<KubeObject> built) {
        ObjectNode t = PodTemplates.ofWorkload(builtTarget.toNode());
        Function<ObjectKey, Optional<KubeObject>> lookup = k -> built.stream()
                .filter(o -> o.groupKind().equals(k.groupKind()) && o.name().equals(k.name())
                        && (o.namespace().isEmpty() || o.namespace().equals(k.namespace())))
                .findFirst();
        return new WorkloadSpec(t, configs(t, builtTarget.namespace(), lookup));
    }

    private static Map<String, ConfigData> configs(JsonNode template, String namespace,
                                                   Function<ObjectKey, Optional<KubeObject>> lookup) {
        Map<String, ConfigData> out = new TreeMap<>();
        for (String key : ConfigRefs.of(template.path("spec")).keySet()) {
            String type = key.substring(0, key.indexOf('/'));
            read(type, key.substring(key.indexOf('/') + 1), namespace, lookup).ifPresent(o -> out.put(key, ConfigData.of(key, o)));
        }
        return out;
    }

    private static Optional<KubeObject> read(String type, String name, String namespace,
                                             Function<ObjectKey, Optional<KubeObject>> lookup) {
        GroupKind gk = type.equals(ConfigRefs.SECRET) ? SECRET : CONFIG_MAP;
        return lookup.apply(new ObjectKey(gk, namespace, name));
    }

    /**
     * Whether this spec, as Git declares it, is what {@code live} runs: the template is covered
     * ({@link PodTemplates#covers}) and the same configs are referenced with equal data.
     */
    public boolean coveredBy(WorkloadSpec live) {
        return PodTemplates.covers(template, live.template) && configs.equals(live.configs);
    }

    /** Container name → image, containers then init containers. */
    public Map<String, String> images() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String list : new String[] {"containers", "initContainers"}) {
            template.path("spec").path(list).forEach(c -> out.put(c.path("name").asText(), c.path("image").asText("")));
        }
        return out;
    }

    /**
     * Container name → env var name → its value: the literal value, or a description of its source
     * such as {@code configMapKeyRef face-config/COLOR}.
     */
    public Map<String, Map<String, String>> env() {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : template.path("spec").path(list)) {
                Map<String, String> vars = new java.util.LinkedHashMap<>();
                for (JsonNode e : c.path("env")) {
                    vars.put(e.path("name").asText(), describe(e));
                }
                out.put(c.path("name").asText(), vars);
            }
        }
        return out;
    }

    private static String describe(JsonNode env) {
        if (env.has("value") || !env.has("valueFrom")) {
            return env.path("value").asText("");
        }
        JsonNode from = env.path("valueFrom");
        if (from.has("configMapKeyRef")) {
            return "configMapKeyRef " + from.path("configMapKeyRef").path("name").asText() + "/"
                    + from.path("configMapKeyRef").path("key").asText();
        }
        if (from.has("secretKeyRef")) {
            return "secretKeyRef " + from.path("secretKeyRef").path("name").asText() + "/"
                    + from.path("secretKeyRef").path("key").asText();
        }
        return "valueFrom " + dev.sluice.api.Json.write(from);
    }

    /** Config key → checksum of its data. */
    public Map<String, String> checksums() {
        Map<String, String> out = new TreeMap<>();
        configs.forEach((k, v) -> out.put(k, v.checksum()));
        return out;
    }
}
