package dev.sluice.local.mesh.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@link RouteInputs} into the lookup structures of a {@link RouteTable}. Used once per build. */
final class RouteTableCompiler {

    final Map<String, ServiceEntry> serviceHosts = new HashMap<>();
    final Map<String, ServiceEntry.Route[]> exactHosts = new HashMap<>();
    final Map<String, ServiceEntry.Route[]> wildcardHosts = new HashMap<>();
    ServiceEntry.Route[] anyHost;
    final List<String> warnings = new ArrayList<>();

    private final Map<ServiceRef, ServiceEntry> services = new LinkedHashMap<>();

    RouteTableCompiler(RouteInputs in) {
        for (ServiceInput s : in.services()) {
            if (services.putIfAbsent(s.ref(), new ServiceEntry(s)) != null) {
                warnings.add("Service " + s.ref() + " is given twice; the first one is used");
            }
        }
        indexServiceHosts(in.defaultNamespace());
        compilePolicies(in.policies());
        compileHostRoutes(in.hostRoutes());
    }

    private void indexServiceHosts(String defaultNamespace) {
        Map<String, List<ServiceEntry>> byShortName = new HashMap<>();
        for (ServiceEntry e : services.values()) {
            String base = RouteTable.normalize(e.ref.name() + "." + e.ref.namespace());
            serviceHosts.put(base, e);
            serviceHosts.put(base + ".svc", e);
            serviceHosts.put(base + ".svc.cluster.local", e);
            byShortName.computeIfAbsent(RouteTable.normalize(e.ref.name()), k -> new ArrayList<>()).add(e);
        }
        byShortName.forEach((name, list) -> {
            if (list.size() == 1) {
                serviceHosts.putIfAbsent(name, list.get(0));
                return;
            }
            list.stream().filter(e -> e.ref.namespace().equals(defaultNamespace)).findFirst().ifPresentOrElse(
                    e -> serviceHosts.putIfAbsent(name, e),
                    () -> warnings.add("host '" + name + "' is ambiguous (" + list.stream().map(x -> x.ref.toString())
                            .toList() + "); address these Services as <name>.<namespace>"));
        });
    }

    private void compilePolicies(List<ServicePolicyInput> policies) {
        Map<ServiceEntry, List<ServiceEntry.Route>> routes = new LinkedHashMap<>();
        Map<ServiceEntry, Boolean> fallback = new HashMap<>();
        for (ServicePolicyInput p : policies) {
            ServiceEntry e = services.get(p.service());
            if (e == null) {
                warnings.add(p.origin() + " routes Service " + p.service() + ", which does not exist; ignored");
                continue;
            }
            List<ServiceEntry.Route> list = routes.computeIfAbsent(e, k -> new ArrayList<>());
            for (RuleInput r : p.rules()) {
                addRoutes(list, r);
            }
            fallback.merge(e, p.fallbackToService(), Boolean::logicalAnd);
        }
        routes.forEach((e, list) -> {
            e.policy = sorted(list);
            e.fallbackToService = fallback.get(e);
        });
    }

    private void compileHostRoutes(List<HostRoutesInput> hostRoutes) {
        Map<String, List<ServiceEntry.Route>> exact = new LinkedHashMap<>();
        Map<String, List<ServiceEntry.Route>> wildcard = new LinkedHashMap<>();
        List<ServiceEntry.Route> any = new ArrayList<>();
        for (HostRoutesInput h : hostRoutes) {
            List<ServiceEntry.Route> routes = new ArrayList<>();
            for (RuleInput r : h.rules()) {
                addRoutes(routes, r);
            }
            if (h.hostnames().isEmpty()) {
                any.addAll(routes);
            }
            for (String raw : h.hostnames()) {
                String host = RouteTable.normalize(raw);
                if (host.startsWith("*.")) {
                    wildcard.computeIfAbsent(host.substring(2), k -> new ArrayList<>()).addAll(routes);
                } else {
                    if (serviceHosts.containsKey(host)) {
                        warnings.add(h.origin() + " host '" + host + "' is also a Service name; the Service wins");
                    }
                    exact.computeIfAbsent(host, k -> new ArrayList<>()).addAll(routes);
                }
            }
        }
        exact.forEach((k, v) -> exactHosts.put(k, sorted(v)));
        wildcard.forEach((k, v) -> wildcardHosts.put(k, sorted(v)));
        anyHost = any.isEmpty() ? null : sorted(any);
    }

    private void addRoutes(List<ServiceEntry.Route> out, RuleInput r) {
        RuleAction action = action(r);
        if (r.matches().isEmpty()) {
            out.add(new ServiceEntry.Route(new CompiledMatch(MatchInput.any()), action));
        }
        for (MatchInput m : r.matches()) {
            out.add(new ServiceEntry.Route(new CompiledMatch(m), action));
        }
    }

    private RuleAction action(RuleInput r) {
        RuleAction.Target[] targets = new RuleAction.Target[r.backends().size()];
        long[] weights = new long[targets.length];
        for (int i = 0; i < targets.length; i++) {
            BackendInput b = r.backends().get(i);
            targets[i] = new RuleAction.Target(b.service(), resolve(b.service(), r.origin()), b.port(), b.responseHeaders());
            weights[i] = b.weight();
        }
        RuleAction.MirrorTarget[] mirrors = r.mirrors().stream()
                .map(m -> new RuleAction.MirrorTarget(m.service(), resolve(m.service(), r.origin()), m.port(), m.percent()))
                .toArray(RuleAction.MirrorTarget[]::new);
        return new RuleAction(r.origin(), targets, weights, mirrors);
    }

    private ServiceEntry resolve(ServiceRef ref, String origin) {
        ServiceEntry e = services.get(ref);
        if (e == null) {
            warnings.add(origin + " names Service " + ref + ", which does not exist; its share of requests gets 503");
        }
        return e;
    }

    private static ServiceEntry.Route[] sorted(List<ServiceEntry.Route> routes) {
        List<ServiceEntry.Route> copy = new ArrayList<>(routes);
        copy.sort((a, b) -> CompiledMatch.PRECEDENCE.compare(a.match(), b.match())); // stable: ties keep input order
        return copy.toArray(ServiceEntry.Route[]::new);
    }
}
