package dev.sluice.local.mesh.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Where each request goes: an immutable table built from {@link RouteInputs}, meant to be swapped
 * whole (an {@code AtomicReference}) when Services, endpoints or weights change, so a request
 * always sees one consistent table. {@link #route} is thread-safe and allocation-light.
 *
 * <p>Host resolution order: a Service name ({@code svc}, {@code svc.ns}, {@code svc.ns.svc},
 * {@code svc.ns.svc.cluster.local}, each with an optional port); then exact host routes (Ingress,
 * Gateway HTTPRoute); then single-label wildcards ({@code *.example.com}); then host routes
 * without a host. A Service's policy (TrafficSplit, HTTPRoute on a Service) applies to requests
 * for that Service, including those arriving through host routes.
 */
public final class RouteTable {

    private static final RouteTable EMPTY = build(RouteInputs.of(List.of(), List.of(), List.of()));

    private final RouteInputs inputs;
    private final Balancing balancing;
    private final Map<String, ServiceEntry> serviceHosts;
    private final Map<String, ServiceEntry.Route[]> exactHosts;
    private final Map<String, ServiceEntry.Route[]> wildcardHosts;
    private final ServiceEntry.Route[] anyHost;
    private final List<String> warnings;

    private RouteTable(RouteInputs inputs, RouteTableCompiler c) {
        this.inputs = inputs;
        this.balancing = inputs.balancing();
        this.serviceHosts = c.serviceHosts;
        this.exactHosts = c.exactHosts;
        this.wildcardHosts = c.wildcardHosts;
        this.anyHost = c.anyHost;
        this.warnings = List.copyOf(c.warnings);
    }

    /**
     * Builds a table. Never fails on references to unknown Services: requests for them get 503,
     * and {@link #warnings()} says why.
     *
     * @throws IllegalArgumentException when an input is malformed (e.g. a weight sum overflows)
     */
    public static RouteTable build(RouteInputs inputs) {
        return new RouteTable(inputs, new RouteTableCompiler(inputs));
    }

    /** A table that knows nothing: every request gets 404. */
    public static RouteTable empty() {
        return EMPTY;
    }

    public RouteInputs inputs() {
        return inputs;
    }

    /** Problems found while building, e.g. a split naming a Service that does not exist. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Decides where one request goes.
     *
     * @param rng  draws weighted choices and mirror percentages; must be safe for the calling thread
     * @param load in-flight counts for least-loaded balancing
     */
    public RouteDecision route(RequestView request, RandomGenerator rng, EndpointLoad load) {
        String authority = request.authority();
        if (authority == null || authority.isEmpty()) {
            return new RouteDecision.NotFound("request has no Host header; expected a Service name such as "
                    + "podinfo.test or a host of an Ingress or HTTPRoute");
        }
        int colon = portSeparator(authority);
        String host = normalize(colon < 0 ? authority : authority.substring(0, colon));
        int port = colon < 0 ? -1 : parsePort(authority.substring(colon + 1));
        ServiceEntry service = serviceHosts.get(host);
        if (service != null) {
            PortEntry p = port < 0 ? service.defaultPort() : service.port(port);
            if (p == null) {
                return port < 0
                        ? new RouteDecision.Unavailable("Service " + service.ref + " has no ports")
                        : new RouteDecision.NotFound("Service " + service.ref + " has no port " + port);
            }
            return viaPolicy(service, p, request, rng, load);
        }
        ServiceEntry.Route[] routes = hostRoutes(host);
        if (routes == null) {
            return new RouteDecision.NotFound("no Service, Ingress or HTTPRoute matches host '" + host + "'");
        }
        for (ServiceEntry.Route r : routes) {
            if (r.match().test(request)) {
                return hostRule(r.action(), request, rng, load);
            }
        }
        return new RouteDecision.NotFound("no rule for host '" + host + "' matches path " + request.path());
    }

    private ServiceEntry.Route[] hostRoutes(String host) {
        ServiceEntry.Route[] exact = exactHosts.get(host);
        if (exact != null) {
            return exact;
        }
        int dot = host.indexOf('.');
        if (dot > 0) {
            ServiceEntry.Route[] wild = wildcardHosts.get(host.substring(dot + 1));
            if (wild != null) {
                return wild;
            }
        }
        return anyHost;
    }

    private RouteDecision hostRule(RuleAction action, RequestView request, RandomGenerator rng, EndpointLoad load) {
        RuleAction.Target t = action.pick(rng);
        if (t == null) {
            return new RouteDecision.Unavailable("every backend of " + action.origin + " has weight 0");
        }
        if (t.entry() == null) {
            return unknown(t.ref(), action);
        }
        PortEntry p = t.port() > 0 ? t.entry().port(t.port()) : t.entry().defaultPort();
        if (p == null) {
            return new RouteDecision.Unavailable(action.origin + " names port " + t.port() + " of Service "
                    + t.ref() + ", which it does not have");
        }
        RouteDecision d = viaPolicy(t.entry(), p, request, rng, load);
        return withExtras(d, t, action, p, rng, load);
    }

    /** A Service's own policy, or straight to its endpoints. */
    private RouteDecision viaPolicy(ServiceEntry s, PortEntry p, RequestView request, RandomGenerator rng,
                                    EndpointLoad load) {
        if (s.policy != null) {
            for (ServiceEntry.Route r : s.policy) {
                if (r.match().test(request)) {
                    RuleAction a = r.action();
                    RuleAction.Target t = a.pick(rng);
                    if (t == null) {
                        return new RouteDecision.Unavailable("every backend of " + a.origin + " has weight 0");
                    }
                    if (t.entry() == null) {
                        return unknown(t.ref(), a);
                    }
                    PortEntry tp = t.port() > 0 ? t.entry().port(t.port()) : t.entry().likePort(p);
                    return withExtras(direct(t.entry(), tp, load), t, a, p, rng, load);
                }
            }
            if (!s.fallbackToService) {
                return new RouteDecision.NotFound("no rule of the routes for Service " + s.ref + " matches "
                        + request.method() + " " + request.path());
            }
        }
        return direct(s, p, load);
    }

    private RouteDecision direct(ServiceEntry s, PortEntry p, EndpointLoad load) {
        if (p == null) {
            return new RouteDecision.Unavailable("Service " + s.ref + " has no ports");
        }
        Endpoint e = p.pick(balancing, load);
        if (e == null) {
            return new RouteDecision.Unavailable("Service " + s.ref + " has no ready endpoint for port " + p.number);
        }
        return new RouteDecision.Forward(s.ref, e, List.of(), null);
    }

    /** Adds the target's response headers and, drawn by percentage, a mirror. */
    private RouteDecision withExtras(RouteDecision d, RuleAction.Target t, RuleAction a, PortEntry requestPort,
                                     RandomGenerator rng, EndpointLoad load) {
        if (!(d instanceof RouteDecision.Forward f)) {
            return d;
        }
        RouteDecision.Mirror mirror = f.mirror();
        for (RuleAction.MirrorTarget m : a.mirrors) {
            if (m.entry() != null && m.percent() > 0 && (m.percent() >= 100 || rng.nextDouble() * 100 < m.percent())) {
                PortEntry mp = m.port() > 0 ? m.entry().port(m.port()) : m.entry().likePort(requestPort);
                Endpoint me = mp == null ? null : mp.pick(balancing, load);
                if (me != null) {
                    mirror = new RouteDecision.Mirror(m.ref(), me);
                    break;
                }
            }
        }
        List<HeaderValue> headers = f.responseHeaders();
        if (!t.responseHeaders().isEmpty()) {
            headers = headers.isEmpty() ? t.responseHeaders() : concat(headers, t.responseHeaders());
        }
        return headers == f.responseHeaders() && mirror == f.mirror()
                ? f : new RouteDecision.Forward(f.service(), f.endpoint(), headers, mirror);
    }

    private static RouteDecision unknown(ServiceRef ref, RuleAction a) {
        return new RouteDecision.Unavailable(a.origin + " sends traffic to Service " + ref + ", which does not exist");
    }

    private static List<HeaderValue> concat(List<HeaderValue> a, List<HeaderValue> b) {
        List<HeaderValue> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The colon before a port, skipping IPv6 literals in brackets; -1 when there is none. */
    private static int portSeparator(String authority) {
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        return colon > close ? colon : -1;
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Lower case, without a trailing dot. */
    static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The host names this table answers for Services (for diagnostics and tests). */
    public List<String> serviceHostNames() {
        return List.copyOf(new HashMap<>(serviceHosts).keySet());
    }
}
