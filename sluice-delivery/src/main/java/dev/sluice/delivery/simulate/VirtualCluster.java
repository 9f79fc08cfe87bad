package dev.sluice.delivery.simulate;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.delivery.canary.CanaryState;
import dev.sluice.delivery.canary.Effect;
import dev.sluice.delivery.canary.ManualCommand;
import dev.sluice.delivery.canary.Observation;
import dev.sluice.delivery.canary.Readiness;
import dev.sluice.delivery.canary.Replicas;
import dev.sluice.delivery.canary.Revision;
import dev.sluice.delivery.canary.Step;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny in-memory world for one Canary: the target and primary workloads, the routes and the
 * stored status. It plays the reconciler's part without a cluster: it builds each tick's
 * {@link Observation} and carries out the {@link Effect}s of a {@link Step} (workloads become ready
 * at once unless told otherwise). Used by the simulator and by the state machine's tests. Not
 * thread-safe.
 */
public final class VirtualCluster {

    private String targetHash;
    private Map<String, String> configs;
    private int targetReplicas;
    private int primaryReplicas;
    private String primaryHash;
    private TrafficSplit routes = TrafficSplit.ALL_PRIMARY;
    private StickySession session = StickySession.NONE;
    private Readiness primaryReadiness = Readiness.ready();
    private Readiness canaryReadiness = Readiness.ready();
    private Optional<ManualCommand> command = Optional.empty();
    private CanaryState status = CanaryState.NEW;
    private final List<Effect> performed = new ArrayList<>();

    /** A target running {@code templateHash} with {@code replicas}; no primary yet. */
    public VirtualCluster(String templateHash, int replicas) {
        this.targetHash = templateHash;
        this.configs = Map.of();
        this.targetReplicas = replicas;
        this.primaryHash = "";
    }

    /** Observation of the world as the reconciler would see it at the start of a tick. */
    public Observation observe() {
        return Observation.of(new Revision(targetHash, configs))
                .withReadiness(primaryReadiness, canaryReadiness)
                .withRoutes(routes)
                .withReplicas(new Replicas(targetReplicas, primaryReplicas, 0))
                .withCommand(command);
    }

    /** Carries out a finished step's effects, in order, all succeeding. */
    public void apply(Step step) {
        if (step.isSuspended()) {
            throw new IllegalArgumentException("a suspended step has no effects to apply; answer its probe first");
        }
        for (Effect e : step.effects()) {
            performed.add(e);
            switch (e) {
                case Effect.EnsurePrimary p -> {
                    if (primaryHash.isEmpty()) {
                        primaryHash = targetHash;
                        primaryReplicas = Math.max(1, targetReplicas);
                    }
                }
                case Effect.ScaleToZero s -> targetReplicas = 0;
                case Effect.ScaleFromZero s -> targetReplicas = s.replicas();
                case Effect.PromoteSpec p -> primaryHash = targetHash;
                case Effect.SetRoutes r -> {
                    routes = r.split();
                    session = r.session();
                }
                case Effect.SaveStatus s -> status = s.state();
                default -> {
                    // Services, scalers, events, alerts, hooks and metrics leave no trace in this world.
                }
            }
        }
    }

    // --- changes made by "users" or by the workloads ---

    /** A new pod template in the target, as a Git change applied by Flux. */
    public void deploy(String templateHash) {
        this.targetHash = templateHash;
    }

    public void setConfigs(Map<String, String> configs) {
        this.configs = Map.copyOf(configs);
    }

    public void setPrimaryReadiness(Readiness r) {
        this.primaryReadiness = r;
    }

    public void setCanaryReadiness(Readiness r) {
        this.canaryReadiness = r;
    }

    /** Routes changed behind the machine's back (as Flagger's tests do with the fake router). */
    public void setRoutes(TrafficSplit split) {
        this.routes = split;
    }

    /** Stores a status, as a test writes one directly. */
    public void setStatus(CanaryState s) {
        this.status = s;
    }

    public void request(ManualCommand c) {
        this.command = Optional.of(c);
    }

    // --- what there is to see ---

    public CanaryState status() {
        return status;
    }

    public CanaryPhase phase() {
        return status.phase();
    }

    public TrafficSplit routes() {
        return routes;
    }

    public StickySession session() {
        return session;
    }

    public int targetReplicas() {
        return targetReplicas;
    }

    public String targetHash() {
        return targetHash;
    }

    /** The pod template the primary runs ("" before it exists). */
    public String primaryHash() {
        return primaryHash;
    }

    public List<Effect> performed() {
        return List.copyOf(performed);
    }
}
