package dev.sluice.local.mesh.route;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Service port and its ready endpoints. The only mutable part is the balancing cursor, which
 * spreads requests and never affects correctness.
 */
final class PortEntry {

    final String name;
    final int number;
    final Endpoint[] endpoints;
    private final AtomicInteger cursor = new AtomicInteger();

    PortEntry(ServiceInput.Port port) {
        this.name = port.name();
        this.number = port.port();
        this.endpoints = port.endpoints().toArray(Endpoint[]::new);
    }

    /** An endpoint, or null when none is ready. */
    Endpoint pick(Balancing balancing, EndpointLoad load) {
        int n = endpoints.length;
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return endpoints[0];
        }
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        if (balancing == Balancing.ROUND_ROBIN) {
            return endpoints[start];
        }
        Endpoint best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Endpoint e = endpoints[(start + i) % n];
            int l = load.inFlight(e);
            if (l < bestLoad) {
                best = e;
                bestLoad = l;
            }
        }
        return best;
    }
}
