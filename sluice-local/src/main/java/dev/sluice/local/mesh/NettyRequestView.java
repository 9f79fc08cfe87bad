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
        this.authority = auth != null ? auth : request.headers().get(HttpHeaderNames.HOST);
    }

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
