package dev.sluice.kubernetes.install;

import dev.sluice.api.KubeObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses objects into fabric8's typed model and finds every field the model does not know: fabric8
 * keeps unknown fields in {@code additionalProperties} maps instead of failing, so a typo such as
 * {@code readOnlyRootFileSystem} would otherwise pass silently.
 */
final class TypedModel {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private TypedModel() {
    }

    /** The typed object for {@code o}'s apiVersion and kind (fails when fabric8 has no class for it). */
    static HasMetadata typed(KubeObject o) {
        Class<? extends KubernetesResource> type = SERIALIZATION.getRegisteredKubernetesResource(o.apiVersion(), o.kind());
        if (type == null) {
            throw new AssertionError("fabric8 has no typed model for " + o.apiVersion() + " " + o.kind());
        }
        return (HasMetadata) SERIALIZATION.unmarshal(o.toJson(), type);
    }

    /** Paths of fields that landed in additionalProperties, e.g. {@code spec.template.spec.foo}. */
    static List<String> unknownFields(Object typed) {
        List<String> out = new ArrayList<>();
        walk(typed, "", out, new IdentityHashMap<>());
        return out;
    }

    private static void walk(Object o, String path, List<String> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object x : c) {
                walk(x, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "[" + k + "]", out, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (name.equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> out.add(path.isEmpty() ? String.valueOf(k) : path + "." + k));
            } else {
                walk(value, path.isEmpty() ? name : path + "." + name, out, seen);
            }
        }
    }
}
