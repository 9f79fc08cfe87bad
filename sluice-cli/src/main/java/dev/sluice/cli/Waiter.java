package dev.sluice.cli;

import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits, as flux does after annotating, until an object's status says the request was handled and
 * Ready is no longer Unknown. Polls the API (the CLI has no clock to inject: it waits on a server
 * that runs in real time).
 */
final class Waiter {

    private Waiter() {
    }

    /** The object once {@code done} holds, or empty on timeout. */
    static Optional<KubeObject> until(Cluster cluster, ObjectKey key, Predicate<KubeObject> done, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long pause = 100;
        while (Instant.now().isBefore(deadline)) {
            Optional<KubeObject> o = cluster.get(key);
            if (o.isPresent() && done.test(o.get())) {
                return o;
            }
            Thread.sleep(pause);
            pause = Math.min(1000, pause * 2);
        }
        return Optional.empty();
    }

    /** Handled the request made at {@code requestedAt}, and Ready settled to True or False. */
    static Predicate<KubeObject> handled(String requestedAt) {
        return o -> requestedAt.equals(o.status().path("lastHandledReconcileAt").asText())
                && Conditions.find(o.status(), "Ready").map(c -> !c.status().equals(Condition.UNKNOWN)).orElse(false);
    }
}
