package dev.sluice.local.mesh;

import dev.sluice.local.mesh.route.RequestView;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A Netty request seen by the route table. Understands origin-form ({@code /path?q}) and
 * absolute-form ({@code http://host:port/path?q}, as sent to an HTTP proxy) request targets.
 */
final class NettyRequestView implements RequestView {

    private final HttpRequest request;
    private final String authority;
    private final String path;
    private final String query;
    /** The target to send upstream: always origin-form. */
    final String originForm;

    NettyRequestView(HttpRequest request) {
        this.request = request;
        String uri = request.uri();
        String auth = null;
        String rest = uri;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 6 && uri.charAt(0) != '/') {
            int start = scheme + 3;
            int slash = indexOfAny(uri, start);
            auth = uri.substring(start, slash < 0 ? uri.length() : slash);
            rest = slash < 0 ? "/" : uri.substring(slash);
            if (rest.startsWith("?")) {
                rest = "/" + rest;
            }
        }
        this.originForm = rest;
        int q = rest.indexOf('?');
        int hash = rest.indexOf('#');
        String withoutFragment = hash < 0 ? rest : rest.substring(0, hash);
        this.path = q < 0 ? withoutFragment : rest.substring(0, q);
        this.query = q < 0 ? "" : withoutFragment.substring(Math.min(q + 1, withoutFragment.length()));
        String host = request.headers().get(HttpHeaderNames.HOST);
        this.authority = auth != null && !(host != null && isIngressController(auth)) ? auth : host;
    }

    /**
     * The embedded mesh is also the cluster's ingress controller. A client that sends a request to
     * the ingress controller's Service with another Host header (as {@code hey -host x
     * http://ingress-nginx-controller.ingress-nginx} in the seeds' load tests) means "route by that
     * Host", as NGINX would; the absolute-form target alone would name the controller itself.
     */
    static boolean isIngressController(String authority) {
        String h = authority.toLowerCase(java.util.Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        return INGRESS_CONTROLLERS.contains(h.replaceFirst("\\.svc(\\.cluster\\.local)?$", ""));
    }

    /** Service names of ingress controllers the mesh stands in for (namespace-qualified). */
    static final java.util.Set<String> INGRESS_CONTROLLERS = java.util.Set.of(
            "ingress-nginx-controller.ingress-nginx", "nginx-ingress-controller.ingress-nginx",
            "ingress-nginx-controller.kube-system");

    private static int indexOfAny(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawQuery() {
        return query;
    }

    @Override
    public String header(String lowerCaseName) {
        return request.headers().get(lowerCaseName);
    }
}
