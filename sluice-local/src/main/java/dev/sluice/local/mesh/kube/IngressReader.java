package dev.sluice.local.mesh.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.local.mesh.route.BackendInput;
import dev.sluice.local.mesh.route.HostRoutesInput;
import dev.sluice.local.mesh.route.MatchInput;
import dev.sluice.local.mesh.route.PathMatch;
import dev.sluice.local.mesh.route.RuleInput;
import dev.sluice.local.mesh.route.ServiceRef;
import dev.sluice.local.mesh.route.StringMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;

/**
 * Reads {@code networking.k8s.io/v1} Ingresses as ingress-nginx does, including its canary
 * annotations: a canary Ingress (annotation {@code canary: "true"}) joins the main Ingress with
 * the same host and path, and requests go to its backend by header ({@code canary-by-header},
 * {@code -value}, {@code -pattern}), then by cookie ({@code canary-by-cookie}), then by weight
 * ({@code canary-weight} of {@code canary-weight-total}, default 100).
 */
final class IngressReader {

    static final String PREFIX = "nginx.ingress.kubernetes.io/";

    private record Path(String host, PathMatch match, ServiceRef service, int port, KubeObject ingress, FieldPath at) {
        String key() {
            return ingress.namespace() + "|" + host + "|" + match.type() + "|" + match.value();
        }
    }

    private final Problems problems;
    private final ToIntBiFunction<ServiceRef, String> portByName;

    /** @param portByName the number of a Service's named port, or 0 when unknown */
    IngressReader(Problems problems, ToIntBiFunction<ServiceRef, String> portByName) {
        this.problems = problems;
        this.portByName = portByName;
    }

    List<HostRoutesInput> read(List<KubeObject> ingresses) {
        List<Path> main = new ArrayList<>();
        Map<String, Path> canaries = new HashMap<>();
        for (KubeObject ing : ingresses) {
            boolean canary = "true".equals(ing.annotations().get(PREFIX + "canary"));
            for (Path p : paths(ing)) {
                if (!canary) {
                    main.add(p);
                } else if (canaries.putIfAbsent(p.key(), p) != null) {
                    problems.warning(ing, p.at(), "another canary Ingress already serves host '" + p.host()
                            + "' path " + p.match().value() + "; ingress-nginx allows one, this one is ignored");
                }
            }
        }
        List<HostRoutesInput> out = new ArrayList<>();
        for (Path p : main) {
            String origin = "Ingress " + p.ingress().namespace() + "/" + p.ingress().name();
            Path canary = canaries.remove(p.key());
            List<RuleInput> rules = canary == null
                    ? List.of(new RuleInput(List.of(MatchInput.path(p.match())),
                            List.of(new BackendInput(p.service(), p.port(), 1, List.of())), List.of(), origin))
                    : canaryRules(p, canary, origin);
            out.add(new HostRoutesInput(p.host().isEmpty() ? List.of() : List.of(p.host()), rules, origin));
        }
        canaries.values().forEach(c -> problems.warning(c.ingress(), c.at(), "no main Ingress serves host '" + c.host()
                + "' path " + c.match().value() + "; ingress-nginx ignores a canary without one"));
        return out;
    }

    private List<Path> paths(KubeObject ing) {
        List<Path> out = new ArrayList<>();
        String ns = ing.namespace();
        JsonNode def = ing.spec().path("defaultBackend");
        if (def.isObject()) {
            backend(ing, def, FieldPath.of("spec.defaultBackend"))
                    .ifPresent(b -> out.add(new Path("", PathMatch.any(), b.service(), b.port(), ing, FieldPath.of("spec.defaultBackend"))));
        }
        int r = 0;
        for (JsonNode rule : ing.spec().path("rules")) {
            String host = rule.path("host").asText("");
            int i = 0;
            for (JsonNode path : rule.path("http").path("paths")) {
                FieldPath at = FieldPath.of("spec.rules").index(r).child("http").child("paths").index(i++);
                String value = path.path("path").asText("/");
                String type = path.path("pathType").asText("ImplementationSpecific");
                PathMatch match;
                try {
                    match = switch (type) {
                        case "Exact" -> PathMatch.exact(value);
                        case "Prefix", "ImplementationSpecific" -> PathMatch.prefix(value);
                        default -> throw new IllegalArgumentException("expected Exact, Prefix or ImplementationSpecific, got '" + type + "'");
                    };
                } catch (IllegalArgumentException e) {
                    problems.error(ing, at.child("pathType"), e.getMessage() + "; path ignored");
                    continue;
                }
                backend(ing, path.path("backend"), at.child("backend"))
                        .ifPresent(b -> out.add(new Path(host, match, b.service(), b.port(), ing, at)));
            }
            r++;
        }
        if (out.isEmpty() && !ns.isEmpty()) {
            problems.warning(ing, FieldPath.of("spec.rules"), "no usable rule or defaultBackend; the Ingress routes nothing");
        }
        return out;
    }

    private record Backend(ServiceRef service, int port) {
    }

    private java.util.Optional<Backend> backend(KubeObject ing, JsonNode backend, FieldPath at) {
        JsonNode svc = backend.path("service");
        if (!svc.path("name").isTextual()) {
            problems.error(ing, at.child("service").child("name"), "required: the backend Service's name; path ignored");
            return java.util.Optional.empty();
        }
        ServiceRef ref = new ServiceRef(ing.namespace(), svc.path("name").asText());
        JsonNode port = svc.path("port");
        int number = port.path("number").asInt(0);
        if (number == 0 && port.path("name").isTextual()) {
            number = portByName.applyAsInt(ref, port.path("name").asText());
            if (number == 0) {
                problems.warning(ing, at.child("service").child("port").child("name"), "Service " + ref + " has no port named '"
                        + port.path("name").asText() + "'; its default port is used");
            }
        }
        return java.util.Optional.of(new Backend(ref, number));
    }

    private List<RuleInput> canaryRules(Path main, Path canary, String origin) {
        Map<String, String> a = canary.ingress().annotations();
        String canaryOrigin = "Ingress " + canary.ingress().namespace() + "/" + canary.ingress().name();
        BackendInput toCanary = new BackendInput(canary.service(), canary.port(), 1, List.of());
        BackendInput toMain = new BackendInput(main.service(), main.port(), 1, List.of());
        List<RuleInput> rules = new ArrayList<>();
        String header = a.get(PREFIX + "canary-by-header");
        if (header != null && !header.isEmpty()) {
            String value = a.get(PREFIX + "canary-by-header-value");
            String pattern = a.get(PREFIX + "canary-by-header-pattern");
            if (value != null && !value.isEmpty()) {
                rules.add(only(main.match(), MatchInput.header(header, StringMatch.exact(value)), toCanary, canaryOrigin));
            } else if (pattern != null && !pattern.isEmpty()) {
                try {
                    rules.add(only(main.match(), MatchInput.header(header, StringMatch.regexFind(pattern)), toCanary, canaryOrigin));
                } catch (IllegalArgumentException e) {
                    problems.error(canary.ingress(), FieldPath.of("metadata.annotations").child(PREFIX + "canary-by-header-pattern"),
                            e.getMessage());
                }
            } else {
                rules.add(only(main.match(), MatchInput.header(header, StringMatch.exact("always")), toCanary, canaryOrigin));
                rules.add(only(main.match(), MatchInput.header(header, StringMatch.exact("never")), toMain, origin));
            }
        }
        String cookie = a.get(PREFIX + "canary-by-cookie");
        if (cookie != null && !cookie.isEmpty()) {
            rules.add(only(main.match(), MatchInput.cookie(cookie, StringMatch.exact("always")), toCanary, canaryOrigin));
            rules.add(only(main.match(), MatchInput.cookie(cookie, StringMatch.exact("never")), toMain, origin));
        }
        long total = number(canary.ingress(), "canary-weight-total", 100);
        long weight = Math.min(number(canary.ingress(), "canary-weight", 0), total);
        rules.add(new RuleInput(List.of(MatchInput.path(main.match())), List.of(
                new BackendInput(main.service(), main.port(), total - weight, List.of()),
                new BackendInput(canary.service(), canary.port(), weight, List.of())), List.of(), canaryOrigin));
        return rules;
    }

    private static RuleInput only(PathMatch path, MatchInput match, BackendInput to, String origin) {
        return new RuleInput(List.of(match.withPath(path)), List.of(to), List.of(), origin);
    }

    private long number(KubeObject ing, String annotation, long fallback) {
        String v = ing.annotations().get(PREFIX + annotation);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error(ing, FieldPath.of("metadata.annotations").child(PREFIX + annotation),
                "expected a whole number >= 0, got '" + v + "'; using " + fallback);
        return fallback;
    }
}
