package dev.sluice.local.runtime;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.local.runtime.spec.WorkloadKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every workload the runner runs. Not thread-safe: the runner calls it only from its loop thread
 * (tests call it directly and drive time with a manual clock).
 */
final class RuntimeEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeEngine.class);

    private final RuntimeContext ctx;
    private final Map<ObjectKey, Controller> controllers = new TreeMap<>();
    /** Objects re-created under a name whose previous object is still stopping; they start once it has. */
    private final Map<ObjectKey, KubeObject> replacements = new TreeMap<>();
    private boolean stopping;

    RuntimeEngine(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    void upsert(KubeObject o) {
        Optional<WorkloadKind> kind = WorkloadKind.of(o.groupKind());
        if (stopping || kind.isEmpty()) {
            return;
        }
        Controller c = controllers.get(o.key());
        if (c == null) {
            controllers.put(o.key(), create(kind.get(), o));
        } else if (!o.uid().isEmpty() && !c.uid().isEmpty() && !o.uid().equals(c.uid())) {
            // Deleted and created again (Helm re-runs a hook under the same name): the old one stops first.
            c.delete();
            replacements.put(o.key(), o);
        } else {
            c.update(o);
        }
    }

    private Controller create(WorkloadKind kind, KubeObject o) {
        ObjectKey key = o.key();
        return switch (kind) {
            case DEPLOYMENT, DAEMON_SET -> new WorkloadController(ctx, o, () -> sync(key));
            case POD -> new PodController(ctx, o, () -> sync(key));
            case JOB -> new JobController(ctx, o, pod -> {
                upsert(pod);
                ctx.post(() -> sync(pod.key())); // not now: the Job's own sync is still under way
            });
        };
    }

    void deleted(ObjectKey key) {
        replacements.remove(key);
        Controller c = controllers.get(key);
        if (c != null) {
            c.delete();
        }
    }

    /** After a (re)list of one kind: everything of that kind not listed is gone. */
    void relist(WorkloadKind kind, List<KubeObject> listed) {
        Set<ObjectKey> present = listed.stream().map(KubeObject::key).collect(Collectors.toSet());
        controllers.keySet().stream().filter(k -> k.groupKind().equals(kind.groupKind()) && !present.contains(k))
                .forEach(this::deleted);
        listed.forEach(this::upsert);
    }

    /** Syncs one workload now (after a change to it). */
    void sync(ObjectKey key) {
        Controller c = controllers.get(key);
        if (c != null) {
            syncSafely(c, ctx.clock().instant());
            if (c.finished()) {
                forget(key);
            }
            // A Job counts its Pods: let it see this one's new state now rather than at the tick.
            if (c instanceof PodController p) {
                p.ownerJob().map(controllers::get).ifPresent(job -> syncSafely(job, ctx.clock().instant()));
            }
        }
    }

    private void forget(ObjectKey key) {
        controllers.remove(key);
        KubeObject next = replacements.remove(key);
        if (next != null && !stopping) {
            upsert(next);
        }
    }

    /** Syncs every workload: probes, back-offs, rollouts, deadlines. */
    void tick() {
        Instant now = ctx.clock().instant();
        for (Controller c : List.copyOf(controllers.values())) {
            syncSafely(c, now);
        }
        for (Controller c : List.copyOf(controllers.values())) {
            if (c.finished()) {
                forget(c.key());
            }
        }
    }

    private void syncSafely(Controller c, Instant now) {
        try {
            c.sync(now);
        } catch (RuntimeException e) {
            // One broken workload must not stop the others.
            LOG.error("syncing {} failed", c.key(), e);
        }
    }

    /** Stops every replica; {@link #idle()} tells when they are all gone. */
    void stopAll() {
        stopping = true;
        replacements.clear();
        controllers.values().forEach(Controller::delete);
        tick();
    }

    boolean idle() {
        return controllers.isEmpty();
    }

    List<PodInfo> pods() {
        List<PodInfo> out = new ArrayList<>();
        controllers.values().forEach(c -> out.addAll(c.podInfos()));
        return out;
    }

    /**
     * Finds the log {@code sluice logs TARGET} means: a pod name, or {@code deploy/NAME} /
     * {@code ds/NAME} (then the newest ready replica of the current template, as kubectl picks one),
     * or {@code job/NAME} (the Job's newest Pod).
     *
     * @throws IllegalArgumentException saying what was not found and what exists
     */
    PodLog log(String namespace, String target, Optional<String> container) {
        int slash = target.indexOf('/');
        String type = slash < 0 ? "pod" : target.substring(0, slash).toLowerCase(Locale.ROOT);
        String name = slash < 0 ? target : target.substring(slash + 1);
        PodRuntime pod = switch (type) {
            case "pod", "pods", "po" -> controllers.values().stream().map(c -> c.pod(name)).flatMap(Optional::stream)
                    .filter(p -> p.namespace.equals(namespace)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("pods \"" + name + "\" not found in namespace " + namespace));
            case "deploy", "deployment", "deployments", "deployment.apps", "deployments.apps" ->
                    pick(WorkloadKind.DEPLOYMENT, namespace, name);
            case "ds", "daemonset", "daemonsets", "daemonset.apps", "daemonsets.apps" -> pick(WorkloadKind.DAEMON_SET, namespace, name);
            case "job", "jobs", "job.batch", "jobs.batch" -> jobPod(namespace, name);
            default -> throw new IllegalArgumentException("cannot show logs of '" + target
                    + "'; expected a pod name, deploy/NAME, ds/NAME or job/NAME");
        };
        ContainerRuntime c = container.isEmpty() ? pod.containers.getFirst() : pod.containers.stream()
                .filter(x -> x.spec.name().equals(container.get())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("container " + container.get() + " is not valid for pod " + pod.name
                        + "; expected one of " + pod.containers.stream().map(x -> x.spec.name()).toList()));
        return new PodLog(namespace, pod.name, c.spec.name(), c.log);
    }

    private PodRuntime jobPod(String namespace, String name) {
        ObjectKey job = new ObjectKey(WorkloadKind.JOB.groupKind(), namespace, name);
        if (!controllers.containsKey(job)) {
            throw new IllegalArgumentException("jobs.batch \"" + name + "\" not found in namespace " + namespace);
        }
        return controllers.values().stream()
                .filter(c -> c instanceof PodController p && p.ownerJob().filter(job::equals).isPresent())
                .flatMap(c -> c.pod(c.key().name()).stream())
                .max(Comparator.comparing((PodRuntime p) -> p.createdAt))
                .orElseThrow(() -> new IllegalArgumentException("jobs.batch \"" + name + "\" in namespace " + namespace + " has no pods"));
    }

    private PodRuntime pick(WorkloadKind kind, String namespace, String name) {
        if (!(controllers.get(new ObjectKey(kind.groupKind(), namespace, name)) instanceof WorkloadController c)) {
            String what = kind == WorkloadKind.DEPLOYMENT ? "deployments.apps" : "daemonsets.apps";
            throw new IllegalArgumentException(what + " \"" + name + "\" not found in namespace " + namespace);
        }
        String what = kind == WorkloadKind.DEPLOYMENT ? "deployments.apps" : "daemonsets.apps";
        return c.pods().stream()
                .sorted(Comparator.comparing((PodRuntime p) -> p.terminating)
                        .thenComparing(p -> !p.hash.equals(c.currentHash()))
                        .thenComparing(p -> !p.ready())
                        .thenComparing(p -> p.createdAt, Comparator.reverseOrder()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + " \"" + name + "\" in namespace " + namespace + " has no replicas"));
    }
}
