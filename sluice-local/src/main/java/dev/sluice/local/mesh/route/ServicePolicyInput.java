package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * The mesh routing of requests addressed to one Service (from an SMI TrafficSplit or a Gateway API
 * HTTPRoute whose parent is the Service). The backends it names are sent straight to their
 * endpoints: policies do not chain.
 *
 * @param service           the apex Service clients address
 * @param rules             rules in precedence order; the first matching rule wins
 * @param fallbackToService when no rule matches: true sends the request to the Service's own
 *                          endpoints (TrafficSplit), false answers 404 (HTTPRoute)
 * @param origin            for messages, e.g. {@code TrafficSplit test/podinfo}
 */
public record ServicePolicyInput(ServiceRef service, List<RuleInput> rules, boolean fallbackToService,
                                 String origin) {

    public ServicePolicyInput {
        Objects.requireNonNull(service, "service");
        rules = List.copyOf(rules);
        Objects.requireNonNull(origin, "origin");
    }
}
