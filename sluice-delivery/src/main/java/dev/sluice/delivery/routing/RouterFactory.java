package dev.sluice.delivery.routing;

import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.MeshProviders;
import dev.sluice.cluster.Cluster;
import dev.sluice.delivery.routing.gatewayapi.GatewayApiRouter;
import dev.sluice.delivery.routing.gatewayapi.GatewayApiVersion;
import dev.sluice.delivery.routing.istio.IstioRouter;
import dev.sluice.delivery.routing.kubernetes.KubernetesServiceRouter;
import dev.sluice.delivery.routing.kubernetes.NoopServiceRouter;
import dev.sluice.delivery.routing.kubernetes.NopRouter;
import dev.sluice.delivery.routing.nginx.NginxRouter;
import dev.sluice.delivery.routing.smi.SmiRouter;
import dev.sluice.delivery.routing.smi.SmiVersion;
import dev.sluice.delivery.routing.support.RouterCluster;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the routers of a Canary (Flagger's router factory), over the one {@link Cluster} port: in
 * Kubernetes mode the objects are executed by the mesh or ingress controller, in embedded mode by
 * Sluice's mesh proxy (TrafficSplit, HTTPRoute and Ingress; it does not read Istio objects).
 * Cheap to call per tick; thread-safe.
 */
public final class RouterFactory {

    /** The provider strings Sluice routes. */
    public static final List<String> SUPPORTED = List.of("kubernetes", "linkerd", "osm", "smi:v1alpha1",
            "smi:v1alpha2", "smi:v1alpha3", "gatewayapi:v1", "gatewayapi:v1beta1", "nginx", "istio");

    /** The provider families of flagger.md section 1; anything else is routed as istio, as Flagger does. */
    enum Family {
        APISIX, APPMESH, CONTOUR, GATEWAYAPI, GLOO, ISTIO, KNATIVE, KUBERNETES, KUMA, LINKERD, NGINX, OSM, SKIPPER,
        SMI, TRAEFIK;

        static Family of(String provider) {
            String f = MeshProviders.family(provider).toUpperCase(Locale.ROOT);
            for (Family x : values()) {
                if (x.name().equals(f)) {
                    return x;
                }
            }
            return ISTIO;
        }
    }

    private final RouterCluster cluster;
    private final String defaultProvider;
    private final String ingressAnnotationsPrefix;

    /**
     * @param defaultProvider          for Canaries without {@code spec.provider} ({@code -mesh-provider})
     * @param ingressAnnotationsPrefix the nginx annotation prefix ({@code -ingress-annotations-prefix}),
     *                                 "" for {@code nginx.ingress.kubernetes.io}
     */
    public RouterFactory(Cluster cluster, String defaultProvider, String ingressAnnotationsPrefix) {
        this.cluster = new RouterCluster(cluster);
        this.defaultProvider = defaultProvider == null || defaultProvider.isEmpty() ? "istio" : defaultProvider;
        this.ingressAnnotationsPrefix = ingressAnnotationsPrefix;
    }

    /** The traffic router for the Canary's effective provider. */
    public TrafficRouter trafficRouter(Canary canary) {
        return trafficRouter(MeshProviders.effective(canary.spec().provider(), defaultProvider));
    }

    /**
     * The traffic router for a provider string such as {@code linkerd}, {@code smi:v1alpha3},
     * {@code gatewayapi:v1beta1}. Unknown providers get the Istio router (Flagger's rule); known but
     * unsupported ones an {@link UnsupportedRouter}. Plain {@code gatewayapi} means v1 (Flagger
     * would fall back to Istio there, which is never what the user meant).
     */
    public TrafficRouter trafficRouter(String provider) {
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        return switch (Family.of(p)) {
            case KUBERNETES -> new NopRouter();
            case LINKERD -> new SmiRouter(cluster, SmiVersion.V1ALPHA1, "linkerd");
            case OSM -> new SmiRouter(cluster, SmiVersion.V1ALPHA2, "osm");
            case SMI -> smi(p);
            case GATEWAYAPI -> new GatewayApiRouter(cluster,
                    p.startsWith("gatewayapi:v1beta1") ? GatewayApiVersion.V1BETA1 : GatewayApiVersion.V1);
            case ISTIO -> new IstioRouter(cluster);
            case NGINX -> new NginxRouter(cluster, ingressAnnotationsPrefix);
            case APISIX, APPMESH, CONTOUR, GLOO, KNATIVE, KUMA, SKIPPER, TRAEFIK -> new UnsupportedRouter(p);
        };
    }

    /** {@code smi:v1alpha2} or {@code smi:v1alpha2:<mesh>}; an unknown version is routed as istio, as Flagger. */
    private TrafficRouter smi(String provider) {
        String[] parts = provider.split(":", 3);
        Optional<SmiVersion> v = parts.length > 1 ? SmiVersion.fromWire(parts[1]) : Optional.empty();
        if (v.isEmpty()) {
            return new IstioRouter(cluster);
        }
        return new SmiRouter(cluster, v.get(), parts.length > 2 ? parts[2] : "");
    }

    /**
     * The Service router: the generated {@code -canary}, {@code -primary} and apex Services, or
     * nothing when the target is itself a (non-Knative) Service.
     */
    public ServiceRouter serviceRouter(Canary canary) {
        var target = canary.spec().targetRef();
        if (target.kind().equals("Service") && !target.isKnativeService()) {
            return new NoopServiceRouter();
        }
        return new KubernetesServiceRouter(cluster);
    }
}
