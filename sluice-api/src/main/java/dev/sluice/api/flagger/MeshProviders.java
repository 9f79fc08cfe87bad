package dev.sluice.api.flagger;

import java.util.List;
import java.util.Locale;

/** The traffic providers Flagger knows ({@code spec.provider}), by family and version suffix. */
public final class MeshProviders {

    /** The families; a provider is a family with an optional {@code :version} ({@code gatewayapi:v1}). */
    public static final List<String> KNOWN = List.of("apisix", "appmesh", "contour", "gatewayapi", "gloo", "istio",
            "knative", "kubernetes", "kuma", "linkerd", "nginx", "osm", "skipper", "smi", "traefik");

    private MeshProviders() {
    }

    /** {@code gatewayapi:v1beta1 -> gatewayapi}, {@code linkerd -> linkerd}. */
    public static String family(String provider) {
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        int colon = p.indexOf(':');
        return colon < 0 ? p : p.substring(0, colon);
    }

    public static boolean isKnown(String provider) {
        return KNOWN.contains(family(provider));
    }

    /** The provider a Canary uses: its own, else the controller's default; unknown ones become istio. */
    public static String effective(String canaryProvider, String controllerDefault) {
        String p = canaryProvider == null || canaryProvider.isEmpty() ? controllerDefault : canaryProvider;
        return isKnown(p) ? p : "istio";
    }
}
