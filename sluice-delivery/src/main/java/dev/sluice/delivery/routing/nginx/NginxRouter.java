package dev.sluice.delivery.routing.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.HttpMatch;
import dev.sluice.api.flagger.StringMatch;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouteObjects;
import dev.sluice.delivery.routing.support.RouterCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flagger's ingress-nginx router: clones {@code ingressRef} to {@code <ingress>-canary} with its
 * backend switched to {@code <apex>-canary}, and steers traffic with ingress-nginx's canary
 * annotations ({@code <prefix>/canary}, {@code canary-weight}; for A/B testing
 * {@code canary-by-header}, {@code -value}, {@code -pattern} and {@code canary-by-cookie}). The
 * annotation prefix is the controller's {@code -ingress-annotations-prefix}. Mirroring is not
 * supported. Stateless and thread-safe.
 */
public final class NginxRouter implements TrafficRouter {

    public static final String DEFAULT_PREFIX = "nginx.ingress.kubernetes.io";
    static final GroupKind KIND = GroupKind.of("networking.k8s.io", "Ingress");
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final RouterCluster cluster;
    private final String prefix;

    public NginxRouter(RouterCluster cluster, String annotationsPrefix) {
        this.cluster = cluster;
        this.prefix = annotationsPrefix == null || annotationsPrefix.isEmpty() ? DEFAULT_PREFIX : annotationsPrefix;
    }

    @Override
    public void reconcile(Canary canary) throws RoutingException {
        String ingressName = ingressName(canary);
        KubeObject main = cluster.get(KIND, canary.namespace(), ingressName).orElseThrow(() -> new RoutingException(
                "ingress " + ingressName + "." + canary.namespace() + " get query error: not found"));
        ObjectNode spec = (ObjectNode) main.spec().deepCopy();
        boolean found = false;
        for (JsonNode rule : spec.path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode svc = path.path("backend").path("service");
                if (svc instanceof ObjectNode s && canary.apexName().equals(s.path("name").asText())) {
                    s.put("name", canary.canaryServiceName());
                    found = true;
                }
            }
        }
        if (!found) {
            throw new RoutingException("backend " + canary.apexName() + " not found in ingress " + ingressName);
        }
        var existing = cluster.get(KIND, canary.namespace(), ingressName + "-canary");
        Map<String, String> annotations = existing.map(KubeObject::annotations).orElseGet(() -> reset(main.annotations()));
        Map<String, String> labels = existing.map(KubeObject::labels).orElse(main.labels());
        cluster.apply(build(canary, ingressName + "-canary", labels, annotations, spec,
                cluster.ownerReferenceFor(canary, existing)));
    }

    @Override
    public TrafficSplit routes(Canary canary) throws RoutingException {
        KubeObject ing = canaryIngress(canary);
        Map<String, String> a = ing.annotations();
        if (!abMatches(canary).isEmpty() && (a.containsKey(key("canary-by-cookie")) || a.containsKey(key("canary-by-header")))) {
            return TrafficSplit.ALL_CANARY;
        }
        String w = a.get(key("canary-weight"));
        int weight = 0;
        if (w != null) {
            try {
                weight = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                throw new RoutingException("failed to convert " + w + " to int: annotation " + key("canary-weight")
                        + " of ingress " + ing.name() + "." + ing.namespace() + " must be a whole number");
            }
        }
        if (weight < 0 || weight > 100) {
            throw new RoutingException("annotation " + key("canary-weight") + " of ingress " + ing.name() + "."
                    + ing.namespace() + " is " + weight + "; expected 0 to 100");
        }
        return TrafficSplit.of(100 - weight, weight);
    }

    @Override
    public void setRoutes(Canary canary, TrafficSplit split, StickySession session) throws RoutingException {
        KubeObject ing = canaryIngress(canary);
        Map<String, String> a = new LinkedHashMap<>(ing.annotations());
        List<HttpMatch> ab = abMatches(canary);
        if (!ab.isEmpty()) {
            a = headerAnnotations(a, ab);
        } else {
            a.put(key("canary-weight"), Integer.toString(split.canaryWeight()));
        }
        if (split.canaryWeight() > 0) {
            a.put(key("canary"), "true");
        } else {
            a = reset(a);
        }
        cluster.apply(build(canary, ing.name(), ing.labels(), a, (ObjectNode) ing.spec().deepCopy(),
                cluster.ownerReferenceFor(canary, java.util.Optional.of(ing))));
    }

    /** The canary Ingress is owned by the Canary and goes with it; nothing to restore (as Flagger). */
    @Override
    public void revert(Canary canary) {
    }

    private ObjectNode build(Canary canary, String name, Map<String, String> labels, Map<String, String> annotations,
                             ObjectNode spec, ObjectNode owner) {
        ObjectNode ing = RouteObjects.object("networking.k8s.io/v1", "Ingress", canary.namespace(), name);
        RouteObjects.putMap(ing, "labels", labels);
        RouteObjects.putMap(ing, "annotations", annotations);
        RouteObjects.putOwner(ing, owner);
        ing.set("spec", spec);
        return ing;
    }

    /** Flagger's makeAnnotations: no canary annotations but {@code canary: "true"} and weight 0. */
    private Map<String, String> reset(Map<String, String> annotations) {
        Map<String, String> out = new TreeMap<>();
        RouteObjects.withToolkitMarkers(annotations).forEach((k, v) -> {
            if (!k.contains(key("canary")) && !k.contains(LAST_APPLIED)) {
                out.put(k, v);
            }
        });
        out.put(key("canary"), "true");
        out.put(key("canary-weight"), "0");
        return out;
    }

    /**
     * Flagger's makeHeaderAnnotations: the A/B conditions as header and cookie annotations (a
     * {@code cookie} header condition names the cookie; any other header gives by-header with its
     * exact value or regex pattern). Earlier by-* annotations are replaced.
     */
    private Map<String, String> headerAnnotations(Map<String, String> annotations, List<HttpMatch> matches) {
        String cookie = "";
        String header = "";
        String value = "";
        String pattern = "";
        for (HttpMatch m : matches) {
            for (Map.Entry<String, StringMatch> h : m.headers().entrySet()) {
                StringMatch c = h.getValue();
                if (h.getKey().equals("cookie")) {
                    cookie = c.kind() == StringMatch.Kind.EXACT ? c.value() : "";
                } else {
                    header = h.getKey();
                    pattern = c.kind() == StringMatch.Kind.REGEX ? c.value() : "";
                    value = c.kind() == StringMatch.Kind.EXACT ? c.value() : "";
                }
            }
        }
        Map<String, String> out = new TreeMap<>(RouteObjects.withToolkitMarkers(annotations));
        out.keySet().removeIf(k -> k.startsWith(key("canary-by-")));
        out.put(key("canary"), "true");
        putIfSet(out, "canary-by-cookie", cookie);
        putIfSet(out, "canary-by-header", header);
        putIfSet(out, "canary-by-header-value", value);
        putIfSet(out, "canary-by-header-pattern", pattern);
        return out;
    }

    private void putIfSet(Map<String, String> a, String name, String value) {
        if (!value.isEmpty()) {
            a.put(key(name), value);
        }
    }

    private KubeObject canaryIngress(Canary canary) throws RoutingException {
        String name = ingressName(canary) + "-canary";
        return cluster.get(KIND, canary.namespace(), name).orElseThrow(() -> new RoutingException(
                "ingress " + name + "." + canary.namespace() + " get query error: not found"));
    }

    private static String ingressName(Canary canary) throws RoutingException {
        String name = canary.spec().ingressRef().map(r -> r.name()).orElse("");
        if (name.isEmpty()) {
            throw new RoutingException("ingress selector is empty: Canary " + canary.displayName()
                    + " needs spec.ingressRef with the nginx provider");
        }
        return name;
    }

    private String key(String suffix) {
        return prefix + "/" + suffix;
    }

    private static List<HttpMatch> abMatches(Canary canary) {
        return canary.spec().analysis().map(a -> a.match()).orElse(List.of());
    }
}
