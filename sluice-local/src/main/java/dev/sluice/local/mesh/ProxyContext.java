package dev.sluice.local.mesh;

import dev.sluice.local.mesh.metrics.GoldenMetrics;
import dev.sluice.local.mesh.route.Balancing;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.EndpointLoad;
import dev.sluice.local.mesh.route.RouteTable;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** What every connection handler of one proxy shares. Thread-safe. */
final class ProxyContext implements EndpointLoad {

    final MeshProxyConfig config;
    final AtomicReference<RouteTable> routes;
    final GoldenMetrics metrics;
    final Map<EventLoop, UpstreamPool> pools;
    final long responseTimeoutNanos;
    final boolean trackLoad;
    private final ConcurrentHashMap<Endpoint, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    ProxyContext(MeshProxyConfig config, AtomicReference<RouteTable> routes, GoldenMetrics metrics,
                 Map<EventLoop, UpstreamPool> pools) {
        this.config = config;
        this.routes = routes;
        this.metrics = metrics;
        this.pools = pools;
        this.responseTimeoutNanos = config.responseTimeout().toNanos();
        this.trackLoad = config.balancing() == Balancing.LEAST_LOADED;
    }

    @Override
    public int inFlight(Endpoint e) {
        AtomicInteger n = inFlight.get(e);
        return n == null ? 0 : n.get();
    }

    void started(Endpoint e) {
        if (trackLoad) {
            inFlight.computeIfAbsent(e, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    void ended(Endpoint e) {
        if (trackLoad) {
            AtomicInteger n = inFlight.get(e);
            if (n != null) {
                n.decrementAndGet();
            }
        }
    }
}
