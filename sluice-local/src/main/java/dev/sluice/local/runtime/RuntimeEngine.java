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
    private final Map<ObjectKey, WorkloadController> controllers = new TreeMap<>();
    private boolean stopping;

    RuntimeEngine(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    void upsert(KubeObject o) {
        if (stopping || WorkloadKind.of(o.groupKind()).isEmpty()) {
            return;
        }
        WorkloadController c = controllers.get(o.key());
        if (c == null) {
            controllers.put(o.key(), new WorkloadController(ctx, o, () -> sync(o.key())));
        } else {
            c.update(o);
        }
    }

    void deleted(ObjectKey key) {
        WorkloadController c = controllers.get(key);
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
        WorkloadController c = controllers.get(key);
        if (c != null) {
            syncSafely(c, ctx.clock().instant());
            if (c.finished()) {
                controllers.remove(key);
            }
        }
    }

    /** Syncs every workload: probes, back-offs, rollouts, deadlines. */
    void tick() {
        Instant now = ctx.clock().instant();
        for (WorkloadController c : List.copyOf(controllers.values())) {
            syncSafely(c, now);
        }
        controllers.values().removeIf(WorkloadController::finished);
    }

    private void syncSafely(WorkloadController c, Instant now) {
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
        controllers.values().forEach(WorkloadController::delete);
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
     * {@code ds/NAME} (then the newest ready replica of the current template, as kubectl picks one).
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
            default -> throw new IllegalArgumentException("cannot show logs of '" + target
                    + "'; expected a pod name, deploy/NAME or ds/NAME");
        };
        ContainerRuntime c = container.isEmpty() ? pod.containers.getFirst() : pod.containers.stream()
                .filter(x -> x.spec.name().equals(container.get())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("container " + container.get() + " is not valid for pod " + pod.name
                        + "; expected one of " + pod.containers.stream().map(x -> x.spec.name()).toList()));
        return new PodLog(namespace, pod.name, c.spec.name(), c.log);
    }

    private PodRuntime pick(WorkloadKind kind, String namespace, String name) {
        WorkloadController c = controllers.get(new ObjectKey(kind.groupKind(), namespace, name));
        String what = kind == WorkloadKind.DEPLOYMENT ? "deployments.apps" : "daemonsets.apps";
        if (c == null) {
            throw new IllegalArgumentException(what + " \"" + name + "\" not found in namespace " + namespace);
        }
        return c.pods().stream()
                .sorted(Comparator.comparing((PodRuntime p) -> p.terminating)
                        .thenComparing(p -> !p.hash.equals(c.currentHash()))
                        .thenComparing(p -> !p.ready())
                        .thenComparing(p -> p.createdAt, Comparator.reverseOrder()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what + " \"" + name + "\" in namespace " + namespace + " has no replicas"));
    }
}
