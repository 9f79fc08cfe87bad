package dev.sluice.local.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses {@code spec.template.spec.containers[i]}. */
final class ContainerParser {

    private final FieldReader r;

    ContainerParser(FieldReader r) {
        this.r = r;
    }

    ContainerSpec parse(JsonNode c, FieldPath at) {
        String name = r.requiredText(c, "name", at);
        String image = r.requiredText(c, "image", at);
        List<String> command = r.strings(c, "command", at);
        List<String> args = r.strings(c, "args", at);
        String workingDir = r.text(c, "workingDir", at, "");
        List<ContainerSpec.Port> ports = ports(c, at);
        Optional<ProbeSpec> probe = FieldReader.absent(c.path("readinessProbe")) ? Optional.empty()
                : Optional.of(probe(c.path("readinessProbe"), at.child("readinessProbe")));
        Map<String, String> resources = new LinkedHashMap<>();
        for (String group : List.of("requests", "limits")) {
            r.stringMap(c.path("resources"), group, at.child("resources"))
                    .forEach((k, v) -> resources.put(group + "." + k, v));
        }
        return new ContainerSpec(name, image, command, args, workingDir, env(c, at), envFrom(c, at), ports, probe, resources);
    }

    private List<ContainerSpec.Port> ports(JsonNode c, FieldPath at) {
        List<ContainerSpec.Port> out = new ArrayList<>();
        JsonNode ports = c.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            FieldPath p = at.child("ports").index(i);
            int number = r.integer(ports.get(i), "containerPort", p, 0, 1);
            if (FieldReader.absent(ports.get(i).path("containerPort"))) {
                r.error(p.child("containerPort"), "required");
            }
            out.add(new ContainerSpec.Port(r.text(ports.get(i), "name", p, ""), number));
        }
        return out;
    }

    private List<EnvVarSpec> env(JsonNode c, FieldPath at) {
        List<EnvVarSpec> out = new ArrayList<>();
        JsonNode env = c.path("env");
        for (int i = 0; i < env.size(); i++) {
            JsonNode e = env.get(i);
            FieldPath p = at.child("env").index(i);
            String name = r.requiredText(e, "name", p);
            JsonNode from = e.path("valueFrom");
            if (FieldReader.absent(from)) {
                out.add(new EnvVarSpec.Literal(name, r.text(e, "value", p, "")));
                continue;
            }
            FieldPath f = p.child("valueFrom");
            if (from.has("configMapKeyRef")) {
                out.add(keyRef(name, EnvVarSpec.Source.CONFIG_MAP, from.path("configMapKeyRef"), f.child("configMapKeyRef")));
            } else if (from.has("secretKeyRef")) {
                out.add(keyRef(name, EnvVarSpec.Source.SECRET, from.path("secretKeyRef"), f.child("secretKeyRef")));
            } else if (from.has("fieldRef")) {
                out.add(new EnvVarSpec.FieldRef(name, r.requiredText(from.path("fieldRef"), "fieldPath", f.child("fieldRef"))));
            } else if (from.has("resourceFieldRef")) {
                out.add(new EnvVarSpec.ResourceFieldRef(name,
                        r.requiredText(from.path("resourceFieldRef"), "resource", f.child("resourceFieldRef"))));
            } else {
                r.error(f, "expected one of configMapKeyRef, secretKeyRef, fieldRef or resourceFieldRef");
            }
        }
        return out;
    }

    private EnvVarSpec.KeyRef keyRef(String name, EnvVarSpec.Source source, JsonNode ref, FieldPath at) {
        return new EnvVarSpec.KeyRef(name, source, r.requiredText(ref, "name", at), r.requiredText(ref, "key", at),
                r.bool(ref, "optional", at));
    }

    private List<EnvFromSpec> envFrom(JsonNode c, FieldPath at) {
        List<EnvFromSpec> out = new ArrayList<>();
        JsonNode list = c.path("envFrom");
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            FieldPath p = at.child("envFrom").index(i);
            String prefix = r.text(e, "prefix", p, "");
            if (e.has("configMapRef")) {
                JsonNode ref = e.path("configMapRef");
                out.add(new EnvFromSpec(EnvVarSpec.Source.CONFIG_MAP, r.requiredText(ref, "name", p.child("configMapRef")),
                        prefix, r.bool(ref, "optional", p.child("configMapRef"))));
            } else if (e.has("secretRef")) {
                JsonNode ref = e.path("secretRef");
                out.add(new EnvFromSpec(EnvVarSpec.Source.SECRET, r.requiredText(ref, "name", p.child("secretRef")),
                        prefix, r.bool(ref, "optional", p.child("secretRef"))));
            } else {
                r.error(p, "expected configMapRef or secretRef");
            }
        }
        return out;
    }

    ProbeSpec probe(JsonNode p, FieldPath at) {
        ProbeSpec.Action action = null;
        if (p.has("httpGet")) {
            JsonNode h = p.path("httpGet");
            FieldPath hp = at.child("httpGet");
            Map<String, String> headers = new LinkedHashMap<>();
            for (JsonNode header : h.path("httpHeaders")) {
                headers.put(header.path("name").asText(), header.path("value").asText());
            }
            action = new ProbeSpec.HttpGet(r.text(h, "path", hp, "/"), port(h, hp), headers);
        } else if (p.has("tcpSocket")) {
            action = new ProbeSpec.TcpSocket(port(p.path("tcpSocket"), at.child("tcpSocket")));
        } else if (p.has("exec")) {
            List<String> command = r.strings(p.path("exec"), "command", at.child("exec"));
            if (command.isEmpty()) {
                r.error(at.child("exec").child("command"), "required: the command to run");
            }
            action = new ProbeSpec.Exec(command);
        } else {
            r.error(at, "expected one of httpGet, tcpSocket or exec (grpc probes are not supported in embedded mode)");
            action = new ProbeSpec.TcpSocket("");
        }
        return new ProbeSpec(action,
                r.integer(p, "initialDelaySeconds", at, 0, 0),
                r.integer(p, "periodSeconds", at, 10, 1),
                r.integer(p, "timeoutSeconds", at, 1, 1),
                r.integer(p, "successThreshold", at, 1, 1),
                r.integer(p, "failureThreshold", at, 3, 1));
    }

    private String port(JsonNode parent, FieldPath at) {
        JsonNode port = parent.path("port");
        if (FieldReader.absent(port)) {
            r.error(at.child("port"), "required: a port number or a container port name");
            return "";
        }
        return port.asText();
    }
}
