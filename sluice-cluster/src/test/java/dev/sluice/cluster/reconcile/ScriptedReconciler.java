package dev.sluice.cluster.reconcile;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A reconciler whose behaviour a test sets per call; records every run with the clock's time. */
final class ScriptedReconciler implements Reconciler {

    @FunctionalInterface
    interface Behaviour {
        Result run(ObjectKey key) throws Exception;
    }

    record Run(ObjectKey key, Instant at) {
    }

    private final GroupKind kind;
    private final Clock clock;
    private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    private volatile Behaviour behaviour = key -> Result.done();

    ScriptedReconciler(GroupKind kind, Clock clock) {
        this.kind = kind;
        this.clock = clock;
    }

    ScriptedReconciler behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    @Override
    public GroupKind kind() {
        return kind;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        runs.add(new Run(key, clock.instant()));
        return behaviour.run(key);
    }

    List<Run> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    List<Instant> timesOf(ObjectKey key) {
        return runs().stream().filter(r -> r.key().equals(key)).map(Run::at).toList();
    }
}
