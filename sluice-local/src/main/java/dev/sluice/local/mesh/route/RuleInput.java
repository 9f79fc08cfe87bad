package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * A routing rule: when any of {@code matches} holds (or always, when it is empty), pick one of
 * {@code backends} by weight, and copy the request to {@code mirrors}.
 *
 * @param origin where the rule came from, for messages, e.g. {@code HTTPRoute test/podinfo rules[0]}
 */
public record RuleInput(List<MatchInput> matches, List<BackendInput> backends, List<MirrorInput> mirrors,
                        String origin) {

    public RuleInput {
        matches = List.copyOf(matches);
        backends = List.copyOf(backends);
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(origin, "origin");
    }

    /** A rule for every request with the given backends. */
    public static RuleInput weighted(String origin, BackendInput... backends) {
        return new RuleInput(List.of(), List.of(backends), List.of(), origin);
    }
}
