package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * A Service with its ports, each already resolved (selector, targetPort) to the ready endpoints
 * that serve it. A Service without ports is kept so that requests for it get a clear 503.
 */
public record ServiceInput(ServiceRef ref, List<Port> ports) {

    public ServiceInput {
        Objects.requireNonNull(ref, "ref");
        ports = List.copyOf(ports);
    }

    /**
     * One Service port.
     *
     * @param name      the port's name, may be empty
     * @param port      the Service port number clients address
     * @param endpoints the ready endpoints for this port, in a stable order
     */
    public record Port(String name, int port, List<Endpoint> endpoints) {

        public Port {
            name = name == null ? "" : name;
            endpoints = List.copyOf(endpoints);
        }
    }
}
