package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code spec.service}: how the apex, {@code -primary} and {@code -canary} Services and the mesh or
 * ingress routes are generated. Router-specific structures that are passed through (traffic policy,
 * retries, headers, CORS, rewrite, gateway references, mirrors) are kept as JSON trees: read them,
 * never change them.
 *
 * @param name       the apex Service name; empty means the target's name (see {@link Canary#apexName()})
 * @param portName   default {@code http}
 * @param targetPort default: {@link #port}
 */
public record CanaryService(String name, int port, String portName, IntOrString targetPort, String appProtocol,
                            String trafficDistribution, boolean portDiscovery, boolean headless, String timeout,
                            String backendTimeout, List<String> gateways, List<JsonNode> gatewayRefs,
                            List<String> hosts, boolean delegation, Optional<JsonNode> trafficPolicy,
                            List<HttpMatch> match, Optional<JsonNode> rewrite, Optional<JsonNode> retries,
                            Optional<JsonNode> headers, Optional<JsonNode> corsPolicy, List<JsonNode> mirror,
                            String meshName, List<String> backends, CustomMetadata apex, CustomMetadata primary,
                            CustomMetadata canary, List<String> unmanagedAnnotations, List<String> unmanagedLabels) {

    static final Set<String> FIELDS = Set.of("name", "port", "portName", "targetPort", "appProtocol",
            "trafficDistribution", "portDiscovery", "headless", "timeout", "backendTimeout", "gateways", "gatewayRefs",
            "hosts", "delegation", "trafficPolicy", "match", "rewrite", "retries", "headers", "corsPolicy", "mirror",
            "meshName", "backends", "apex", "primary", "canary", "unmanagedMetadata");

    public CanaryService {
        gateways = List.copyOf(gateways);
        gatewayRefs = List.copyOf(gatewayRefs);
        hosts = List.copyOf(hosts);
        match = List.copyOf(match);
        mirror = List.copyOf(mirror);
        backends = List.copyOf(backends);
        unmanagedAnnotations = List.copyOf(unmanagedAnnotations);
        unmanagedLabels = List.copyOf(unmanagedLabels);
    }

    /** A Service on {@code port} with every other field at its default. */
    public static CanaryService onPort(int port) {
        return new CanaryService("", port, "http", IntOrString.of(port), "", "", false, false, "", "", List.of(),
                List.of(), List.of(), false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), "", List.of(), CustomMetadata.EMPTY,
                CustomMetadata.EMPTY, CustomMetadata.EMPTY, List.of(), List.of());
    }

    static CanaryService read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        int port = f.integer(node, at, "port", 0);
        if (!Fields.present(node, "port")) {
            if (node.isObject()) {
                f.error(at.child("port"), "required: the port of the generated Services");
            }
        } else if (port < 1 || port > 65535) {
            f.error(at.child("port"), port + " must be a port number between 1 and 65535");
        }
        IntOrString targetPort = readTargetPort(node, at, f, port);
        List<HttpMatch> match = readMatches(node, at, "match", f);
        JsonNode unmanaged = f.object(node, at, "unmanagedMetadata");
        FieldPath u = at.child("unmanagedMetadata");
        f.known(unmanaged, u, Set.of("annotations", "labels"));
        String portName = f.string(node, at, "portName", "");
        return new CanaryService(f.string(node, at, "name", ""), port, portName.isEmpty() ? "http" : portName,
                targetPort, f.string(node, at, "appProtocol", ""), f.string(node, at, "trafficDistribution", ""),
                f.bool(node, at, "portDiscovery"), f.bool(node, at, "headless"), f.string(node, at, "timeout", ""),
                f.string(node, at, "backendTimeout", ""), f.strings(node, at, "gateways"),
                copies(f.list(node, at, "gatewayRefs")), f.strings(node, at, "hosts"), f.bool(node, at, "delegation"),
                tree(node, at, "trafficPolicy", f), match, tree(node, at, "rewrite", f), tree(node, at, "retries", f),
                tree(node, at, "headers", f), tree(node, at, "corsPolicy", f), copies(f.list(node, at, "mirror")),
                f.string(node, at, "meshName", ""), f.strings(node, at, "backends"),
                CustomMetadata.read(node, at, "apex", f), CustomMetadata.read(node, at, "primary", f),
                CustomMetadata.read(node, at, "canary", f), f.strings(unmanaged, u, "annotations"),
                f.strings(unmanaged, u, "labels"));
    }

    static List<HttpMatch> readMatches(JsonNode parent, FieldPath at, String field, Fields f) {
        List<JsonNode> items = f.list(parent, at, field);
        java.util.ArrayList<HttpMatch> out = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(HttpMatch.read(items.get(i), at.child(field).index(i), f));
        }
        return out;
    }

    private static IntOrString readTargetPort(JsonNode node, FieldPath at, Fields f, int port) {
        JsonNode v = Fields.child(node, "targetPort");
        if (v.isMissingNode()) {
            return IntOrString.of(port);
        }
        if (v.isIntegralNumber()) {
            int n = v.asInt();
            if (n < 1 || n > 65535) {
                f.error(at.child("targetPort"), n + " must be a port number between 1 and 65535 or a port name");
            }
            return IntOrString.of(n);
        }
        if (v.isTextual() && !v.asText().isEmpty()) {
            String s = v.asText();
            // Kubernetes reads "8080" as a name; users nearly always mean the number.
            return s.chars().allMatch(Character::isDigit) ? IntOrString.of(Integer.parseInt(s)) : IntOrString.of(s);
        }
        f.error(at.child("targetPort"), "must be a port number or a port name, got " + Fields.show(v));
        return IntOrString.of(port);
    }

    private static Optional<JsonNode> tree(JsonNode node, FieldPath at, String field, Fields f) {
        JsonNode v = f.object(node, at, field);
        return v.isMissingNode() ? Optional.empty() : Optional.of(v.deepCopy());
    }

    private static List<JsonNode> copies(List<JsonNode> items) {
        return items.stream().map(JsonNode::deepCopy).map(JsonNode.class::cast).toList();
    }
}
