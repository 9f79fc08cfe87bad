package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import dev.sluice.local.runtime.rollout.DaemonSetStatusCalculator;
import dev.sluice.local.runtime.rollout.DeploymentFacts;
import dev.sluice.local.runtime.rollout.DeploymentStatusCalculator;
import dev.sluice.local.runtime.rollout.Desired;
import dev.sluice.local.runtime.rollout.Plan;
import dev.sluice.local.runtime.rollout.PodView;
import dev.sluice.local.runtime.rollout.ReplicaSetState;
import dev.sluice.local.runtime.rollout.RolloutPlanner;
import dev.sluice.local.runtime.spec.ContainerSpec;
import dev.sluice.local.runtime.spec.PodTemplate;
import dev.sluice.local.runtime.spec.WorkloadKind;
import dev.sluice.local.runtime.spec.WorkloadSpec;
import dev.sluice.local.runtime.spec.WorkloadSpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Deployment or DaemonSet: observes its replicas, asks the pure planner for each replica
 * set's size, creates and deletes replicas to match, advances them (start, probe, back-off) and
 * writes the status the real controller would. Confined to the runner's loop thread.
 */
final class WorkloadController implements Controller {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadController.class);

    private final RuntimeContext ctx;
    private final ObjectKey key;
    private final WorkloadKind kind;
    private KubeObject object;
    private WorkloadSpec spec;
    private String invalid;
    private boolean deleted;
    private final Map<String, ReplicaSetState> sets = new LinkedHashMap<>();
    private final Map<String, PodTemplate> templates = new HashMap<>();
    private final List<PodRuntime> pods = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final Runnable resync;

    /**
     * @param resync syncs this workload at once (called on the loop when a replica stops or
     *               changes readiness, so that endpoints and status do not wait for the tick)
     */
    WorkloadController(RuntimeContext ctx, KubeObject object, Runnable resync) {
        this.ctx = ctx;
        this.resync = resync;
        this.key = object.key();
        this.kind = WorkloadKind.of(object.groupKind()).orElseThrow();
        update(object);
    }

    @Override
    public void update(KubeObject o) {
        if (Controller.newer(object, o)) {
            return;
        }
        object = o;
        if (o.isDeleting()) {
            deleted = true;
            return;
        }
        try {
            spec = WorkloadSpecParser.parse(o);
            invalid = null;
        } catch (InvalidInputException e) {
            invalid = WorkloadSpecParser.summary(e);
            warnOnce("InvalidSpec", key + " is invalid, still running its last valid spec: " + invalid, "sluice-runner");
        }
    }

    @Override
    public String uid() {
        return object.uid();
    }

    @Override
    public void delete() {
        deleted = true;
    }

    /** Deleted and every replica stopped. */
    @Override
    public boolean finished() {
        return deleted && pods.isEmpty();
    }

    @Override
    public void sync(Instant now) {
        if (deleted || spec == null) {
            pods.stream().filter(p -> !p.terminating).forEach(p -> p.terminate(grace(p), now));
            reap();
            publish();
            pods.forEach(p -> p.stopRequested(now, ctx.options().drain()));
            if (!deleted && invalid != null) {
                writeInvalidStatus(now);
            }
            return;
        }
        PodTemplate template = spec.template();
        templates.put(template.hash(), template);
        Desired d = new Desired(spec.replicas(), spec.strategy(), spec.paused(), template.hash(), setName(template.hash()));
        int oldAlive = (int) pods.stream().filter(p -> !p.hash.equals(template.hash())).count();
        Plan plan = RolloutPlanner.plan(d, observe(now), oldAlive, now);
        sets.clear();
        plan.sets().forEach(s -> sets.put(s.hash(), s));
        if (kind == WorkloadKind.DEPLOYMENT) {
            plan.scalings().forEach(s -> event(EventRecord.NORMAL, "ScalingReplicaSet", s.message(), "deployment-controller"));
        }
        Optional<String> notRunnable = notRunnable(template);
        notRunnable.ifPresent(m -> warnOnce("FailedCreate", "Error creating: " + m, "replicaset-controller"));
        reconcilePods(now, template.hash(), notRunnable.isPresent());
        PodRuntime.Events events = new PodRuntime.Events() {
            @Override
            public void warning(String reason, String message) {
                event(EventRecord.WARNING, reason, message, "kubelet");
            }

            @Override
            public void changed() {
                resync.run();
            }
        };
        for (PodRuntime p : List.copyOf(pods)) {
            p.advance(ctx, templates.get(p.hash), events, now);
        }
        reap();
        // After a restart of Sluice the replicas start afresh, but the stored status already names
        // this template's replica set: the controller "finds" it rather than rolling out anew.
        boolean created = plan.createdNew() && !namedInStatus(d.newName());
        Plan observed = new Plan(observe(now), plan.scalings(), created, plan.scalingEvent());
        Optional<DeploymentFacts.Failure> failure = failure(notRunnable, template.hash());
        if (failure.isEmpty()) {
            // A failure that cleared may come back later; report it again then.
            reported.removeIf(r -> r.startsWith("FailedCreate:") || r.startsWith("InvalidSpec:"));
        }
        writeStatus(d, observed, failure, now);
        publish();
        pods.forEach(p -> p.stopRequested(now, ctx.options().drain()));
    }

    private boolean namedInStatus(String setName) {
        for (JsonNode c : object.status().path("conditions")) {
            if (c.path("message").asText().contains("\"" + setName + "\"")) {
                return true;
            }
        }
        return false;
    }

    private String setName(String hash) {
        return kind == WorkloadKind.DEPLOYMENT ? key.name() + "-" + hash : key.name();
    }

    private List<ReplicaSetState> observe(Instant now) {
        List<ReplicaSetState> out = new ArrayList<>();
        for (ReplicaSetState s : sets.values()) {
            List<PodRuntime> live = live(s.hash());
            int ready = (int) live.stream().filter(PodRuntime::ready).count();
            int available = (int) live.stream().filter(p -> p.available(now, spec.minReadySeconds())).count();
            out.add(s.observed(live.size(), ready, available));
        }
        return out;
    }

    private List<PodRuntime> live(String hash) {
        return pods.stream().filter(p -> p.hash.equals(hash) && !p.terminating).toList();
    }

    private Optional<String> notRunnable(PodTemplate t) {
        for (ContainerSpec c : t.containers()) {
            Optional<String> why = ctx.launcher().whyNotRunnable(c);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private void reconcilePods(Instant now, String currentHash, boolean currentNotRunnable) {
        for (ReplicaSetState s : sets.values()) {
            List<PodRuntime> live = live(s.hash());
            PodTemplate t = templates.get(s.hash());
            if (live.size() < s.target() && t != null && !(s.hash().equals(currentHash) && currentNotRunnable)) {
                for (int i = live.size(); i < s.target(); i++) {
                    createPod(s, t, now);
                }
            } else if (live.size() > s.target()) {
                Set<String> victims = Set.copyOf(PodView.toDelete(live.stream().map(PodRuntime::view).toList(), live.size() - s.target()));
                live.stream().filter(p -> victims.contains(p.name)).forEach(p -> p.terminate(grace(p), now));
            }
        }
        pods.stream().filter(p -> !p.terminating && !sets.containsKey(p.hash)).forEach(p -> p.terminate(grace(p), now));
        Set<String> inUse = new HashSet<>(sets.keySet());
        pods.forEach(p -> inUse.add(p.hash));
        templates.keySet().retainAll(inUse);
    }

    private void createPod(ReplicaSetState s, PodTemplate t, Instant now) {
        String name;
        do {
            StringBuilder suffix = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                suffix.append(NAME_ALPHABET.charAt(ctx.random().nextInt(NAME_ALPHABET.length())));
            }
            name = s.name() + "-" + suffix;
        } while (pod(name).isPresent());
        try {
            pods.add(PodRuntime.create(ctx, key.namespace(), name, t, now));
        } catch (IOException e) {
            warnOnce("FailedCreate", "Error creating: no free loopback port: " + e.getMessage(), "replicaset-controller");
        }
    }

    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Waiting reasons that mean the replica cannot run (a restart about to happen at once is not one). */
    private static final Set<String> FAILURE_REASONS = Set.of("CrashLoopBackOff", "CreateContainerConfigError", "RunContainerError");

    private Duration grace(PodRuntime p) {
        PodTemplate t = templates.get(p.hash);
        Duration asked = Duration.ofSeconds(t == null ? 30 : t.terminationGracePeriodSeconds());
        return asked.compareTo(ctx.options().maxGrace()) > 0 ? ctx.options().maxGrace() : asked;
    }

    private void reap() {
        pods.removeIf(p -> {
            if (!p.gone()) {
                return false;
            }
            p.closeLogs();
            Thread.ofVirtual().start(() -> deleteTree(p.dir));
            return true;
        });
    }

    private Optional<DeploymentFacts.Failure> failure(Optional<String> notRunnable, String hash) {
        if (invalid != null) {
            return Optional.of(new DeploymentFacts.Failure("InvalidSpec", invalid));
        }
        if (notRunnable.isPresent()) {
            return Optional.of(new DeploymentFacts.Failure("FailedCreate", notRunnable.get()));
        }
        for (PodRuntime p : live(hash)) {
            for (ContainerRuntime c : p.containers) {
                if (c.state == ContainerRuntime.State.WAITING && FAILURE_REASONS.contains(c.reason)) {
                    String exit = c.lastExitCode.map(code -> ", last exit code " + code).orElse("");
                    return Optional.of(new DeploymentFacts.Failure(c.reason, "pod " + p.name + " container " + c.spec.name() + ": "
                            + c.message + " (restarts: " + c.restarts + exit + ")"));
                }
            }
        }
        return Optional.empty();
    }

    private void writeStatus(Desired d, Plan plan, Optional<DeploymentFacts.Failure> failure, Instant now) {
        JsonNode previous = object.status();
        ObjectNode status = kind == WorkloadKind.DEPLOYMENT
                ? DeploymentStatusCalculator.compute(new DeploymentFacts(key.name(), spec.generation(), d,
                        spec.progressDeadlineSeconds(), plan, previous, failure, now))
                : DaemonSetStatusCalculator.compute(spec.generation(), plan, d.newHash(), previous);
        store(status, previous);
    }

    private void writeInvalidStatus(Instant now) {
        JsonNode previous = object.status();
        store(DeploymentStatusCalculator.withFailure(previous, new DeploymentFacts.Failure("InvalidSpec", invalid), now), previous);
    }

    private void store(ObjectNode status, JsonNode previous) {
        if (status.equals(previous)) {
            return;
        }
        try {
            object = ctx.cluster().updateStatus(object.withStatus(status));
        } catch (ClusterException e) {
            if (e.is(ClusterException.Reason.NOT_FOUND)) {
                deleted = true;
            } else if (e.is(ClusterException.Reason.CONFLICT)) {
                ctx.cluster().get(key).ifPresent(this::update);
            } else {
                LOG.warn("cannot write the status of {}: {}", key, e.getMessage());
            }
        }
    }

    private void publish() {
        List<ReadyEndpoint> ready = new ArrayList<>();
        for (PodRuntime p : pods) {
            if (p.ready()) {
                ready.add(new ReadyEndpoint(key.namespace(), kind.kind(), key.name(), p.name, "127.0.0.1", p.containers.getFirst().port,
                        p.ports(), p.hash, p.labels));
            }
        }
        ctx.endpoints().publish(key.namespace(), kind.kind(), key.name(), ready);
    }

    private void warnOnce(String reason, String message, String controller) {
        if (reported.add(reason + ":" + message)) {
            event(EventRecord.WARNING, reason, message, controller);
        }
    }

    private void event(String type, String reason, String message, String controller) {
        try {
            Instant now = ctx.clock().instant();
            ctx.cluster().recordEvent(new EventRecord(key, type, reason, message, controller, Map.of(), 1, now, now));
        } catch (RuntimeException e) {
            LOG.debug("cannot record event on {}: {}", key, e.toString());
        }
    }

    @Override
    public List<PodInfo> podInfos() {
        List<PodInfo> out = new ArrayList<>();
        for (PodRuntime p : pods) {
            out.add(new PodInfo(key.namespace(), p.name, kind.kind(), key.name(), p.hash, p.labels, p.status(),
                    (int) p.containers.stream().filter(ContainerRuntime::ready).count(), p.restarts(), p.createdAt, p.ports(),
                    p.containers.stream().map(ContainerRuntime::info).toList()));
        }
        return out;
    }

    @Override
    public Optional<PodRuntime> pod(String name) {
        return pods.stream().filter(p -> p.name.equals(name)).findFirst();
    }

    List<PodRuntime> pods() {
        return List.copyOf(pods);
    }

    String currentHash() {
        return spec == null ? "" : spec.template().hash();
    }

    @Override
    public ObjectKey key() {
        return key;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot remove {}: {}", dir, e.toString());
        }
    }
}
