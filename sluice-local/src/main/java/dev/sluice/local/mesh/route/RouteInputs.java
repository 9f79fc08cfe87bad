package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link RouteTable} is built from: plain values, so tables can be built and tested
 * without Kubernetes objects or a network.
 *
 * @param services         every Service with its resolved endpoints
 * @param policies         mesh routing per apex Service
 * @param hostRoutes       north-south routes by host name
 * @param defaultNamespace the namespace a bare Service name ({@code Host: podinfo}) means when
 *                         several namespaces have a Service of that name
 * @param balancing        how endpoints are picked
 */
public record RouteInputs(List<ServiceInput> services, List<ServicePolicyInput> policies,
                          List<HostRoutesInput> hostRoutes, String defaultNamespace, Balancing balancing) {

    public RouteInputs {
        services = List.copyOf(services);
        policies = List.copyOf(policies);
        hostRoutes = List.copyOf(hostRoutes);
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        Objects.requireNonNull(balancing, "balancing");
    }

    public static RouteInputs of(List<ServiceInput> services, List<ServicePolicyInput> policies,
                                 List<HostRoutesInput> hostRoutes) {
        return new RouteInputs(services, policies, hostRoutes, "default", Balancing.ROUND_ROBIN);
    }
}
