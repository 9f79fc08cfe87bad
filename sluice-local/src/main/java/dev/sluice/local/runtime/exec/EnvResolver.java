package dev.sluice.local.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.local.runtime.spec.ContainerSpec;
import dev.sluice.local.runtime.spec.EnvFromSpec;
import dev.sluice.local.runtime.spec.EnvVarSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a container's environment as the kubelet does: {@code envFrom} sources in order, then
 * {@code env} entries in order (literal values expanding {@code $(VAR)} against what came before,
 * ConfigMap and Secret keys, the downward API), then the runtime's own variables; finally
 * {@code command} and {@code args} expand {@code $(VAR)} against the result. Pure given the lookup.
 */
public final class EnvResolver {

    private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private EnvResolver() {
    }

    /** The environment and the expanded command line of one container. */
    public record Resolved(Map<String, String> env, List<String> command, List<String> args) {
        public Resolved {
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
            command = List.copyOf(command);
            args = List.copyOf(args);
        }
    }

    /**
     * @param defaults variables set first, which the container may override (the mesh address)
     * @param forced   variables set last, which it may not ({@code PORT}, {@code HOSTNAME})
     * @param lookup   reads ConfigMaps and Secrets
     * @throws ConfigError with the kubelet's message for a missing object or key
     */
    public static Resolved resolve(ContainerSpec c, PodFields pod, Map<String, String> defaults, Map<String, String> forced,
                                   Function<ObjectKey, Optional<KubeObject>> lookup) throws ConfigError {
        Map<String, String> env = new LinkedHashMap<>(defaults);
        Map<String, String> context = new LinkedHashMap<>(defaults);
        context.putAll(forced);
        for (EnvFromSpec from : c.envFrom()) {
            Optional<Map<String, String>> data = data(from.source(), pod.namespace(), from.objectName(), lookup);
            if (data.isEmpty()) {
                if (from.optional()) {
                    continue;
                }
                throw new ConfigError(from.source().kind().toLowerCase() + " \"" + from.objectName() + "\" not found");
            }
            data.get().forEach((k, v) -> {
                String name = from.prefix() + k;
                if (ENV_NAME.matcher(name).matches()) {
                    env.put(name, v);
                    context.put(name, v);
                }
            });
        }
        for (EnvVarSpec var : c.env()) {
            Optional<String> value = value(var, c, pod, context, lookup);
            if (value.isPresent()) {
                env.put(var.name(), value.get());
                context.put(var.name(), value.get());
            }
        }
        env.putAll(forced);
        List<String> command = new ArrayList<>();
        c.command().forEach(s -> command.add(expand(s, env)));
        List<String> args = new ArrayList<>();
        c.args().forEach(s -> args.add(expand(s, env)));
        return new Resolved(env, command, args);
    }

    private static Optional<String> value(EnvVarSpec var, ContainerSpec c, PodFields pod, Map<String, String> context,
                                          Function<ObjectKey, Optional<KubeObject>> lookup) throws ConfigError {
        return switch (var) {
            case EnvVarSpec.Literal l -> Optional.of(expand(l.value(), context));
            case EnvVarSpec.KeyRef k -> keyRef(k, pod.namespace(), lookup);
            case EnvVarSpec.FieldRef f -> Optional.of(field(f.fieldPath(), pod));
            case EnvVarSpec.ResourceFieldRef r -> Optional.of(c.resources().getOrDefault(r.resource(), "0"));
        };
    }

    private static Optional<String> keyRef(EnvVarSpec.KeyRef k, String namespace, Function<ObjectKey, Optional<KubeObject>> lookup)
            throws ConfigError {
        Optional<Map<String, String>> data = data(k.source(), namespace, k.objectName(), lookup);
        if (data.isEmpty()) {
            if (k.optional()) {
                return Optional.empty();
            }
            throw new ConfigError(k.source().kind().toLowerCase() + " \"" + k.objectName() + "\" not found");
        }
        String v = data.get().get(k.key());
        if (v == null && !k.optional()) {
            throw new ConfigError("couldn't find key " + k.key() + " in " + k.source().kind() + " " + namespace + "/" + k.objectName());
        }
        return Optional.ofNullable(v);
    }

    private static Optional<Map<String, String>> data(EnvVarSpec.Source source, String namespace, String name,
                                                      Function<ObjectKey, Optional<KubeObject>> lookup) throws ConfigError {
        Optional<KubeObject> o = lookup.apply(ObjectKey.of("", source.kind(), namespace, name));
        if (o.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode obj = o.get().toNode();
        if (source == EnvVarSpec.Source.SECRET) {
            for (var e : obj.path("data").properties()) {
                try {
                    out.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException bad) {
                    throw new ConfigError("secret " + namespace + "/" + name + " key " + e.getKey() + " is not valid base64");
                }
            }
            // stringData is write-only in Kubernetes, but an embedded store may keep it as written.
            obj.path("stringData").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        } else {
            obj.path("data").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            for (var e : obj.path("binaryData").properties()) {
                try {
                    out.putIfAbsent(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException bad) {
                    throw new ConfigError("configmap " + namespace + "/" + name + " binaryData key " + e.getKey() + " is not valid base64");
                }
            }
        }
        return Optional.of(out);
    }

    private static String field(String path, PodFields pod) throws ConfigError {
        Matcher m = Pattern.compile("metadata\\.(labels|annotations)\\['([^']*)'\\]").matcher(path);
        if (m.matches()) {
            Map<String, String> map = m.group(1).equals("labels") ? pod.labels() : pod.annotations();
            return map.getOrDefault(m.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.name();
            case "metadata.namespace" -> pod.namespace();
            case "metadata.uid" -> pod.uid();
            case "spec.nodeName" -> PodFields.NODE_NAME;
            case "spec.serviceAccountName" -> "default";
            case "status.podIP", "status.podIPs", "status.hostIP", "status.hostIPs" -> PodFields.POD_IP;
            default -> throw new ConfigError("unsupported fieldPath " + path + " in valueFrom.fieldRef; expected metadata.name,"
                    + " metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName,"
                    + " spec.serviceAccountName or status.podIP");
        };
    }

    /** Kubernetes' {@code $(VAR)} expansion: defined variables are replaced, {@code $$} is a literal {@code $}, the rest stays. */
    public static String expand(String s, Map<String, String> vars) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        Matcher m = REF.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "$" : vars.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
