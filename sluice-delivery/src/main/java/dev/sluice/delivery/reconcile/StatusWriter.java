package dev.sluice.delivery.reconcile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.CanaryCondition;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.delivery.canary.CanaryState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a Canary's status subresource (Flagger's status updates with RetryOnConflict): the state
 * machine's {@link CanaryState}, and the {@code Stalled} condition of a Canary whose spec is invalid.
 * Each write re-reads the Canary, so a concurrent change of its metadata or spec is never lost.
 * Thread-safe.
 */
final class StatusWriter {

    /** The condition of an invalid spec; kstatus (and so Flux's health checks) reads Stalled=True as failed. */
    static final String STALLED = "Stalled";
    static final String INVALID_SPEC = "InvalidSpec";

    private final Cluster cluster;

    StatusWriter(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Stores {@code state}, keeping conditions other than Promoted and dropping a stale InvalidSpec one.
     *
     * @throws EffectFailure when the Canary is gone or the write keeps failing
     */
    void save(ObjectKey key, CanaryState state) {
        try {
            Optional<KubeObject> done = Updates.updateStatus(cluster, key, c -> c.withStatus(keepForeign(c.status(),
                    withoutInvalidSpec(state.toStatus(CanaryStatus.fromNode(c.status()))).toNode())));
            if (done.isEmpty()) {
                throw new EffectFailure("canary " + key.name() + "." + key.namespace() + " not found");
            }
        } catch (ClusterException e) {
            throw new EffectFailure("failed to update canary " + key.name() + "." + key.namespace() + " status: "
                    + e.getMessage(), e);
        }
    }

    /** Records why the spec is invalid ({@code Stalled=True}, reason InvalidSpec); unchanged messages write nothing. */
    void invalid(ObjectKey key, String message, Instant now) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Updates.updateStatus(cluster, key, c -> {
            CanaryStatus s = CanaryStatus.fromNode(c.status());
            Optional<CanaryCondition> current = s.conditions().stream().filter(StatusWriter::isInvalidSpec).findFirst();
            if (current.isPresent() && current.get().message().equals(message)) {
                return c;
            }
            List<CanaryCondition> conditions = new ArrayList<>(withoutInvalidSpec(s).conditions());
            conditions.add(new CanaryCondition(STALLED, "True", at, current.map(CanaryCondition::lastTransitionTime)
                    .orElse(at), INVALID_SPEC, message));
            return c.withStatus(with(s, conditions).toNode());
        });
    }

    /** Removes the InvalidSpec condition once the spec is valid again (a write only when there is one). */
    void valid(ObjectKey key, CanaryStatus stored) {
        if (stored.conditions().stream().anyMatch(StatusWriter::isInvalidSpec)) {
            Updates.updateStatus(cluster, key, c -> c.withStatus(withoutInvalidSpec(CanaryStatus.fromNode(c.status()))
                    .toNode()));
        }
    }

    /** Status fields another controller owns (the Git drift record, docs/git-rollback.md), kept as they are. */
    static final List<String> FOREIGN_FIELDS = List.of("gitDrift");

    private static com.fasterxml.jackson.databind.node.ObjectNode keepForeign(com.fasterxml.jackson.databind.JsonNode stored,
                                                                                 com.fasterxml.jackson.databind.node.ObjectNode next) {
        for (String f : FOREIGN_FIELDS) {
            if (stored.has(f) && !next.has(f)) {
                next.set(f, stored.get(f).deepCopy());
            }
        }
        return next;
    }

    private static boolean isInvalidSpec(CanaryCondition c) {
        return STALLED.equals(c.type()) && INVALID_SPEC.equals(c.reason());
    }

    private static CanaryStatus withoutInvalidSpec(CanaryStatus s) {
        return with(s, s.conditions().stream().filter(c -> !isInvalidSpec(c)).toList());
    }

    private static CanaryStatus with(CanaryStatus s, List<CanaryCondition> conditions) {
        return new CanaryStatus(s.phase(), s.failedChecks(), s.canaryWeight(), s.iterations(),
                s.previousSessionAffinityCookie(), s.sessionAffinityCookie(), s.primarySessionAffinityCookie(),
                s.trackedConfigs(), s.lastAppliedSpec(), s.lastPromotedSpec(), s.lastTransitionTime(), conditions,
                s.lastHandledAction(), s.paused());
    }
}
