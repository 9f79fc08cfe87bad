package dev.sluice.local.mesh.kube;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.local.mesh.route.Balancing;
import dev.sluice.local.mesh.route.HostRoutesInput;
import dev.sluice.local.mesh.route.RouteInputs;
import dev.sluice.local.mesh.route.RouteTable;
import dev.sluice.local.mesh.route.ServiceInput;
import dev.sluice.local.mesh.route.ServicePolicyInput;
import dev.sluice.local.mesh.route.ServiceRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the proxy's {@link RouteInputs} from the objects of the store: Services (with Endpoints
 * or the runner's {@link ReadyEndpoints}), SMI TrafficSplits (v1alpha1-4) with HTTPRouteGroups,
 * Gateway API HTTPRoutes (v1, v1beta1) and Ingresses (v1, with ingress-nginx canary annotations).
 * Other kinds are ignored. A pure function: bad objects become {@link Diagnostic}s naming the
 * object and field, and the rest is still routed.
 */
public final class MeshRoutesBuilder {

    static final GroupKind SERVICE = GroupKind.of("", "Service");
    static final GroupKind ENDPOINTS = GroupKind.of("", "Endpoints");
    static final GroupKind TRAFFIC_SPLIT = GroupKind.of("split.smi-spec.io", "TrafficSplit");
    static final GroupKind HTTP_ROUTE_GROUP = GroupKind.of("specs.smi-spec.io", "HTTPRouteGroup");
    static final GroupKind HTTP_ROUTE = GroupKind.of("gateway.networking.k8s.io", "HTTPRoute");
    static final GroupKind INGRESS = GroupKind.of("networking.k8s.io", "Ingress");

    private static final Set<String> SPLIT_VERSIONS = Set.of("v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4");
    private static final Set<String> ROUTE_VERSIONS = Set.of("v1", "v1beta1");

    /** The inputs and what was wrong on the way. */
    public record Result(RouteInputs inputs, List<Diagnostic> diagnostics) {

        public RouteTable table() {
            return RouteTable.build(inputs);
        }
    }

    private MeshRoutesBuilder() {
    }

    public static Result build(Collection<KubeObject> objects, ReadyEndpoints ready) {
        return build(objects, ready, "default", Balancing.ROUND_ROBIN);
    }

    /**
     * @param defaultNamespace the namespace of objects without one, and of bare Service host names
     *                         that several namespaces share
     */
    public static Result build(Collection<KubeObject> objects, ReadyEndpoints ready, String defaultNamespace,
                               Balancing balancing) {
        Problems problems = new Problems();
        List<KubeObject> sorted = objects.stream().filter(o -> !o.isDeleting())
                .sorted(Comparator.comparing(KubeObject::key)).toList();
        Map<ServiceRef, KubeObject> endpoints = new HashMap<>();
        Map<ServiceRef, KubeObject> routeGroups = new HashMap<>();
        Map<ServiceRef, KubeObject> serviceObjects = new HashMap<>();
        for (KubeObject o : sorted) {
            ServiceRef ref = new ServiceRef(ns(o, defaultNamespace), o.name());
            GroupKind gk = o.groupKind();
            if (gk.equals(ENDPOINTS)) {
                endpoints.put(ref, o);
            } else if (gk.equals(HTTP_ROUTE_GROUP)) {
                routeGroups.put(ref, o);
            } else if (gk.equals(SERVICE)) {
                serviceObjects.put(ref, o);
            }
        }
        ServiceReader services = new ServiceReader(ready, endpoints, problems);
        TrafficSplitReader splits = new TrafficSplitReader(problems, routeGroups);
        HttpRouteReader routes = new HttpRouteReader(problems);
        List<ServiceInput> serviceInputs = new ArrayList<>();
        List<ServicePolicyInput> routePolicies = new ArrayList<>();
        Map<ServicePolicyInput, KubeObject> splitPolicies = new java.util.LinkedHashMap<>();
        List<HostRoutesInput> hostRoutes = new ArrayList<>();
        List<KubeObject> ingresses = new ArrayList<>();
        for (KubeObject o : sorted) {
            String ns = ns(o, defaultNamespace);
            GroupKind gk = o.groupKind();
            if (gk.equals(SERVICE)) {
                serviceInputs.add(services.read(o, ns));
            } else if (gk.equals(TRAFFIC_SPLIT) && version(o, SPLIT_VERSIONS, problems)) {
                splits.read(o, ns).ifPresent(p -> splitPolicies.put(p, o));
            } else if (gk.equals(HTTP_ROUTE) && version(o, ROUTE_VERSIONS, problems)) {
                HttpRouteReader.Result r = routes.read(o, ns);
                routePolicies.addAll(r.policies());
                hostRoutes.addAll(r.hostRoutes());
            } else if (gk.equals(INGRESS) && version(o, Set.of("v1"), problems)) {
                ingresses.add(o.namespace().isEmpty() ? o.withMetadata("namespace", ns) : o);
            }
        }
        hostRoutes.addAll(new IngressReader(problems, (ref, name) -> portNumber(serviceObjects.get(ref), name)).read(ingresses));
        // An HTTPRoute on a Service takes precedence over a TrafficSplit for it, as in Linkerd.
        List<ServicePolicyInput> policies = new ArrayList<>(routePolicies);
        Set<ServiceRef> routed = new java.util.HashSet<>();
        routePolicies.forEach(p -> routed.add(p.service()));
        splitPolicies.forEach((p, o) -> {
            if (routed.contains(p.service())) {
                problems.warning(o, FieldPath.of("spec.service"), "Service " + p.service()
                        + " also has an HTTPRoute, which wins; this TrafficSplit is ignored");
            } else {
                policies.add(p);
            }
        });
        RouteInputs inputs = new RouteInputs(serviceInputs, policies, hostRoutes, defaultNamespace, balancing);
        return new Result(inputs, problems.list());
    }

    private static String ns(KubeObject o, String defaultNamespace) {
        return o.namespace().isEmpty() ? defaultNamespace : o.namespace();
    }

    private static boolean version(KubeObject o, Set<String> supported, Problems problems) {
        if (supported.contains(o.version())) {
            return true;
        }
        problems.error(o, FieldPath.of("apiVersion"), "version '" + o.apiVersion() + "' is not supported; expected one of "
                + supported.stream().sorted().map(v -> o.group() + "/" + v).toList());
        return false;
    }

    private static int portNumber(KubeObject service, String name) {
        if (service == null) {
            return 0;
        }
        for (var p : service.spec().path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("port").asInt(0);
            }
        }
        return 0;
    }
}
