package dev.sluice.local.mesh.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.ServiceInput;
import dev.sluice.local.mesh.route.ServiceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Services to their ready endpoints: through the selector against the ready pods (embedded
 * mode), or, for a Service without a selector, through its Endpoints object.
 */
final class ServiceReader {

    /** {@code <deployment>-<pod-template-hash>-<suffix>}, the name a ReplicaSet gives its pods. */
    private static final Pattern POD_OF_DEPLOYMENT = Pattern.compile("(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}");

    private final ReadyEndpoints ready;
    private final Map<ServiceRef, KubeObject> endpoints;
    private final Problems problems;

    ServiceReader(ReadyEndpoints ready, Map<ServiceRef, KubeObject> endpoints, Problems problems) {
        this.ready = ready;
        this.endpoints = endpoints;
        this.problems = problems;
    }

    ServiceInput read(KubeObject svc, String namespace) {
        ServiceRef ref = new ServiceRef(namespace, svc.name());
        JsonNode selector = svc.spec().path("selector");
        boolean selects = selector.isObject() && !selector.isEmpty();
        List<ServiceInput.Port> ports = new ArrayList<>();
        int i = 0;
        for (JsonNode p : svc.spec().path("ports")) {
            FieldPath at = FieldPath.of("spec.ports").index(i++);
            int number = p.path("port").asInt(0);
            if (number < 1 || number > 65535) {
                problems.error(svc, at.child("port"), "expected a port number 1..65535, got " + p.path("port"));
                continue;
            }
            String name = p.path("name").asText("");
            JsonNode target = p.path("targetPort");
            List<Endpoint> eps = selects
                    ? fromPods(namespace, selector, target.isMissingNode() || target.isNull() ? new IntOrString(number, null)
                            : target.isNumber() ? new IntOrString(target.asInt(), null) : new IntOrString(0, target.asText()))
                    : fromEndpointsObject(ref, name, number);
            ports.add(new ServiceInput.Port(name, number, eps));
        }
        return new ServiceInput(ref, ports);
    }

    private record IntOrString(int number, String name) {
    }

    private List<Endpoint> fromPods(String namespace, JsonNode selector, IntOrString target) {
        List<Endpoint> out = new ArrayList<>();
        ready.pods().stream()
                .filter(pod -> pod.namespace().equals(namespace) && selects(selector, pod.labels()))
                .sorted(Comparator.comparing(ReadyEndpoints.Pod::name))
                .forEach(pod -> pod.ports().stream()
                        .filter(pp -> target.name() == null ? pp.containerPort() == target.number() : target.name().equals(pp.name()))
                        .findFirst()
                        .ifPresent(pp -> out.add(new Endpoint(pp.host(), pp.port(), namespace, pod.deployment(), pod.name()))));
        return out;
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (var e : selector.properties()) {
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private List<Endpoint> fromEndpointsObject(ServiceRef ref, String portName, int portNumber) {
        KubeObject ep = endpoints.get(ref);
        if (ep == null) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>();
        for (JsonNode subset : ep.field("subsets")) {
            JsonNode port = null;
            for (JsonNode p : subset.path("ports")) {
                if (p.path("name").asText("").equals(portName) || subset.path("ports").size() == 1) {
                    port = p;
                    break;
                }
            }
            if (port == null || port.path("port").asInt(0) < 1) {
                continue;
            }
            for (JsonNode a : subset.path("addresses")) {
                String pod = a.path("targetRef").path("name").asText("");
                String ip = a.path("ip").asText("");
                if (!ip.isEmpty()) {
                    out.add(new Endpoint(ip, port.path("port").asInt(), ref.namespace(), deploymentOf(pod, ref.name()), pod));
                }
            }
        }
        return out;
    }

    /** The Deployment a pod belongs to, from its generated name; the Service name when unknown. */
    static String deploymentOf(String pod, String fallback) {
        if (pod.isEmpty()) {
            return fallback;
        }
        Matcher m = POD_OF_DEPLOYMENT.matcher(pod);
        return m.matches() ? m.group(1) : pod;
    }
}
