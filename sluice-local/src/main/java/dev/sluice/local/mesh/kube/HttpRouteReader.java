package dev.sluice.local.mesh.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.local.mesh.route.BackendInput;
import dev.sluice.local.mesh.route.HeaderValue;
import dev.sluice.local.mesh.route.HostRoutesInput;
import dev.sluice.local.mesh.route.MatchInput;
import dev.sluice.local.mesh.route.MirrorInput;
import dev.sluice.local.mesh.route.PathMatch;
import dev.sluice.local.mesh.route.RuleInput;
import dev.sluice.local.mesh.route.ServicePolicyInput;
import dev.sluice.local.mesh.route.ServiceRef;
import dev.sluice.local.mesh.route.StringMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Gateway API HTTPRoutes (v1, v1beta1). A parent of kind Service makes the route that
 * Service's mesh policy (GAMMA, as Flagger's linkerd provider writes it); any other parent (a
 * Gateway) makes host routes for {@code spec.hostnames}. Supported: path, header, query and method
 * matches; weighted Service backendRefs; RequestMirror; ResponseHeaderModifier (used by Flagger's
 * session affinity). Other filters are ignored with a warning.
 */
final class HttpRouteReader {

    /** What one HTTPRoute contributes. */
    record Result(List<ServicePolicyInput> policies, List<HostRoutesInput> hostRoutes) {
    }

    private final Problems problems;

    HttpRouteReader(Problems problems) {
        this.problems = problems;
    }

    Result read(KubeObject route, String namespace) {
        String origin = "HTTPRoute " + namespace + "/" + route.name();
        List<RuleInput> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode rule : route.spec().path("rules")) {
            try {
                rules.add(rule(route, rule, FieldPath.of("spec.rules").index(i), namespace, origin + " rules[" + i + "]"));
            } catch (IllegalArgumentException e) {
                problems.error(route, FieldPath.of("spec.rules").index(i), e.getMessage() + "; rule ignored");
            }
            i++;
        }
        List<ServicePolicyInput> policies = new ArrayList<>();
        boolean gatewayParent = false;
        Set<ServiceRef> seen = new LinkedHashSet<>();
        for (JsonNode parent : route.spec().path("parentRefs")) {
            String kind = parent.path("kind").asText("Gateway");
            if (kind.equals("Service")) {
                ServiceRef ref = new ServiceRef(parent.path("namespace").asText(namespace), parent.path("name").asText());
                if (seen.add(ref)) {
                    policies.add(new ServicePolicyInput(ref, rules, false, origin));
                }
            } else {
                gatewayParent = true;
            }
        }
        List<String> hostnames = new ArrayList<>();
        route.spec().path("hostnames").forEach(h -> hostnames.add(h.asText()));
        List<HostRoutesInput> hosts = gatewayParent || route.spec().path("parentRefs").isEmpty()
                ? List.of(new HostRoutesInput(hostnames, rules, origin)) : List.of();
        return new Result(policies, hosts);
    }

    private RuleInput rule(KubeObject route, JsonNode rule, FieldPath at, String namespace, String origin) {
        List<MatchInput> matches = new ArrayList<>();
        int m = 0;
        for (JsonNode match : rule.path("matches")) {
            matches.add(match(match, at.child("matches").index(m++)));
        }
        List<HeaderValue> ruleHeaders = new ArrayList<>();
        List<MirrorInput> mirrors = new ArrayList<>();
        int f = 0;
        for (JsonNode filter : rule.path("filters")) {
            FieldPath fa = at.child("filters").index(f++);
            switch (filter.path("type").asText()) {
                case "RequestMirror" -> mirrors.add(mirror(filter.path("requestMirror"), namespace, fa));
                case "ResponseHeaderModifier" -> ruleHeaders.addAll(responseHeaders(filter.path("responseHeaderModifier")));
                default -> problems.warning(route, fa.child("type"), "filter '" + filter.path("type").asText()
                        + "' is not supported by the embedded proxy; ignored");
            }
        }
        List<BackendInput> backends = new ArrayList<>();
        int b = 0;
        for (JsonNode ref : rule.path("backendRefs")) {
            FieldPath ba = at.child("backendRefs").index(b++);
            String kind = ref.path("kind").asText("Service");
            String group = ref.path("group").asText("");
            if (!kind.equals("Service") || !(group.isEmpty() || group.equals("core"))) {
                throw new IllegalArgumentException(ba + ": expected a backendRef of kind Service, got " + group + "/" + kind);
            }
            long weight = ref.path("weight").asLong(1);
            if (weight < 0 || weight > 1_000_000) {
                throw new IllegalArgumentException(ba.child("weight") + ": expected 0..1000000, got " + ref.path("weight"));
            }
            List<HeaderValue> headers = new ArrayList<>(ruleHeaders);
            for (JsonNode filter : ref.path("filters")) {
                if (filter.path("type").asText().equals("ResponseHeaderModifier")) {
                    headers.addAll(responseHeaders(filter.path("responseHeaderModifier")));
                }
            }
            backends.add(new BackendInput(new ServiceRef(ref.path("namespace").asText(namespace), ref.path("name").asText()),
                    ref.path("port").asInt(0), weight, headers));
        }
        return new RuleInput(matches, backends, mirrors, origin);
    }

    private static MatchInput match(JsonNode match, FieldPath at) {
        JsonNode p = match.path("path");
        String type = p.path("type").asText("PathPrefix");
        String value = p.path("value").asText("/");
        PathMatch path = switch (type) {
            case "PathPrefix" -> PathMatch.prefix(value);
            case "Exact" -> PathMatch.exact(value);
            case "RegularExpression" -> new PathMatch(PathMatch.Type.REGEX, value);
            default -> throw new IllegalArgumentException(at.child("path").child("type")
                    + ": expected Exact, PathPrefix or RegularExpression, got '" + type + "'");
        };
        String method = match.path("method").isTextual() ? match.path("method").asText() : null;
        return new MatchInput(path, method, named(match.path("headers"), at.child("headers")), List.of(),
                named(match.path("queryParams"), at.child("queryParams")));
    }

    private static List<MatchInput.NamedMatch> named(JsonNode list, FieldPath at) {
        List<MatchInput.NamedMatch> out = new ArrayList<>();
        int i = 0;
        for (JsonNode h : list) {
            String type = h.path("type").asText("Exact");
            String value = h.path("value").asText("");
            StringMatch sm = switch (type) {
                case "Exact" -> StringMatch.exact(value);
                case "RegularExpression" -> StringMatch.regex(value);
                default -> throw new IllegalArgumentException(at.index(i) + ".type: expected Exact or RegularExpression, got '" + type + "'");
            };
            out.add(new MatchInput.NamedMatch(h.path("name").asText(), sm));
            i++;
        }
        return out;
    }

    private static MirrorInput mirror(JsonNode m, String namespace, FieldPath at) {
        JsonNode ref = m.path("backendRef");
        if (!ref.path("name").isTextual()) {
            throw new IllegalArgumentException(at.child("requestMirror").child("backendRef").child("name")
                    + ": required, the Service to mirror to");
        }
        double percent = 100;
        if (m.path("percent").isNumber()) {
            percent = m.path("percent").asDouble();
        } else if (m.path("fraction").isObject()) {
            percent = 100.0 * m.path("fraction").path("numerator").asDouble()
                    / m.path("fraction").path("denominator").asDouble(100);
        }
        return new MirrorInput(new ServiceRef(ref.path("namespace").asText(namespace), ref.path("name").asText()),
                ref.path("port").asInt(0), percent);
    }

    private static List<HeaderValue> responseHeaders(JsonNode modifier) {
        List<HeaderValue> out = new ArrayList<>();
        for (String op : List.of("set", "add")) {
            modifier.path(op).forEach(h -> out.add(new HeaderValue(h.path("name").asText(), h.path("value").asText())));
        }
        return out;
    }
}
