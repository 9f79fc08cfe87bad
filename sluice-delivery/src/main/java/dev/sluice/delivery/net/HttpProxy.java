package dev.sluice.delivery.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An HTTP proxy for some hosts: in embedded mode the mesh proxy, which accepts absolute-form
 * request targets, so cluster-internal URLs such as {@code http://flagger-loadtester.flagger-system/}
 * reach the in-process Services. Other hosts are connected to directly.
 *
 * @param address where the proxy listens
 * @param hosts   which host names go through it (e.g. the mesh's known Services)
 */
public record HttpProxy(InetSocketAddress address, Predicate<String> hosts) {

    public HttpProxy {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hosts, "hosts");
    }

    /** Every host through the proxy. */
    public static HttpProxy forAll(InetSocketAddress address) {
        return new HttpProxy(address, h -> true);
    }

    /**
     * A guess at cluster-internal names for when no better list is at hand: single labels
     * ({@code podinfo}), {@code name.namespace}, and names under {@code .svc} or {@code .cluster.local}.
     * Two-label names are ambiguous with public domains, so prefer a predicate that knows the Services.
     */
    public static boolean looksClusterInternal(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return !h.contains(".") || h.endsWith(".svc") || h.endsWith(".cluster.local") || h.split("\\.").length == 2
                && !h.matches(".*\\.(com|org|net|io|dev|app|cloud|co|de|uk|fr|nl|eu|us|info|biz)$");
    }

    /** A JDK proxy selector sending the matching hosts through this proxy. */
    public ProxySelector selector() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, address);
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return hosts.test(uri.getHost()) ? List.of(proxy) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to remember: the next call decides again
            }
        };
    }
}
