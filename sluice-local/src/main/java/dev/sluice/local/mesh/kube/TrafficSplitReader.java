package dev.sluice.local.mesh.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.local.mesh.route.BackendInput;
import dev.sluice.local.mesh.route.MatchInput;
import dev.sluice.local.mesh.route.PathMatch;
import dev.sluice.local.mesh.route.RuleInput;
import dev.sluice.local.mesh.route.ServicePolicyInput;
import dev.sluice.local.mesh.route.ServiceRef;
import dev.sluice.local.mesh.route.StringMatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads SMI TrafficSplits ({@code split.smi-spec.io} v1alpha1 to v1alpha4). v1alpha1 weights are
 * Kubernetes quantities ({@code 50}, {@code 500m}), later ones integers; all are kept relative in
 * thousandths. v1alpha3+ {@code matches} name HTTPRouteGroups whose header regexes restrict the
 * split; unmatched requests go to the apex Service itself, as with Linkerd.
 */
final class TrafficSplitReader {

    private final Problems problems;
    private final Map<ServiceRef, KubeObject> routeGroups;

    TrafficSplitReader(Problems problems, Map<ServiceRef, KubeObject> routeGroups) {
        this.problems = problems;
        this.routeGroups = routeGroups;
    }

    Optional<ServicePolicyInput> read(KubeObject ts, String namespace) {
        String origin = "TrafficSplit " + namespace + "/" + ts.name();
        String apex = ts.spec().path("service").asText("");
        if (apex.isEmpty()) {
            problems.error(ts, FieldPath.of("spec.service"), "required: the apex Service name, got nothing");
            return Optional.empty();
        }
        List<BackendInput> backends = new ArrayList<>();
        int i = 0;
        for (JsonNode b : ts.spec().path("backends")) {
            FieldPath at = FieldPath.of("spec.backends").index(i++);
            String name = b.path("service").asText("");
            if (name.isEmpty()) {
                problems.error(ts, at.child("service"), "required: a Service name, got nothing");
                continue;
            }
            Optional<Long> weight = milli(b.path("weight"));
            if (weight.isEmpty()) {
                problems.error(ts, at.child("weight"), "expected a non-negative number such as 50 or 500m, got " + b.path("weight"));
                continue;
            }
            backends.add(BackendInput.of(new ServiceRef(namespace, shortName(name)), weight.get()));
        }
        if (backends.isEmpty()) {
            problems.error(ts, FieldPath.of("spec.backends"), "expected at least one backend with a service and a weight");
            return Optional.empty();
        }
        List<MatchInput> matches = new ArrayList<>();
        int m = 0;
        for (JsonNode ref : ts.spec().path("matches")) {
            FieldPath at = FieldPath.of("spec.matches").index(m++);
            KubeObject group = routeGroups.get(new ServiceRef(namespace, ref.path("name").asText("")));
            if (!"HTTPRouteGroup".equals(ref.path("kind").asText("HTTPRouteGroup")) || group == null) {
                problems.error(ts, at, "expected the name of an HTTPRouteGroup in namespace " + namespace + ", got " + ref);
                return Optional.empty();
            }
            matches.addAll(routeGroupMatches(group));
        }
        RuleInput rule = new RuleInput(matches, backends, List.of(), origin);
        return Optional.of(new ServicePolicyInput(new ServiceRef(namespace, shortName(apex)), List.of(rule), true, origin));
    }

    private List<MatchInput> routeGroupMatches(KubeObject group) {
        List<MatchInput> out = new ArrayList<>();
        int i = 0;
        for (JsonNode m : group.spec().path("matches")) {
            FieldPath at = FieldPath.of("spec.matches").index(i++);
            try {
                String pathRegex = m.path("pathRegex").asText("");
                PathMatch path = pathRegex.isEmpty() ? PathMatch.any() : new PathMatch(PathMatch.Type.REGEX, pathRegex);
                List<MatchInput.NamedMatch> headers = new ArrayList<>();
                m.path("headers").properties().forEach(h -> headers.add(
                        new MatchInput.NamedMatch(h.getKey(), StringMatch.regex(h.getValue().asText()))));
                List<String> methods = new ArrayList<>();
                m.path("methods").forEach(x -> methods.add(x.asText().toUpperCase(Locale.ROOT)));
                if (methods.isEmpty() || methods.contains("*")) {
                    out.add(new MatchInput(path, null, headers, List.of(), List.of()));
                } else {
                    methods.forEach(meth -> out.add(new MatchInput(path, meth, headers, List.of(), List.of())));
                }
            } catch (IllegalArgumentException e) {
                problems.error(group, at, e.getMessage());
            }
        }
        return out;
    }

    /** A quantity in thousandths: {@code 50 -> 50000}, {@code "500m" -> 500}; empty when not one. */
    static Optional<Long> milli(JsonNode w) {
        try {
            BigDecimal v;
            if (w.isNumber()) {
                v = w.decimalValue();
            } else if (w.isTextual()) {
                String s = w.asText().strip();
                v = s.endsWith("m") ? new BigDecimal(s.substring(0, s.length() - 1)).movePointLeft(3)
                        : s.endsWith("k") ? new BigDecimal(s.substring(0, s.length() - 1)).movePointRight(3)
                        : new BigDecimal(s);
            } else {
                return Optional.empty();
            }
            return v.signum() < 0 ? Optional.empty() : Optional.of(v.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code podinfo.test.svc.cluster.local -> podinfo}: SMI allows the apex as a host name. */
    static String shortName(String service) {
        int dot = service.indexOf('.');
        return dot < 0 ? service : service.substring(0, dot);
    }
}
