package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * North-south routes by host name: what an Ingress or a Gateway-attached HTTPRoute says. The
 * Services its rules name are reached through their own {@link ServicePolicyInput} if they have
 * one, as ingress-nginx does with {@code service-upstream} in a Linkerd mesh.
 *
 * @param hostnames exact names or single-label wildcards ({@code *.faces.sslip.io}); empty = any host
 * @param rules     rules in precedence order
 * @param origin    for messages, e.g. {@code Ingress test/podinfo}
 */
public record HostRoutesInput(List<String> hostnames, List<RuleInput> rules, String origin) {

    public HostRoutesInput {
        hostnames = List.copyOf(hostnames);
        rules = List.copyOf(rules);
        Objects.requireNonNull(origin, "origin");
    }
}
