package dev.sluice.server.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Kustomizations use which source and depend on which Kustomization, kept up to date from one
 * list-then-watch of every Kustomization, so that finding the users of a changed GitRepository or the
 * dependents of a Kustomization costs no request (on Kubernetes a list per event would be one API call
 * per status write, and N lists of N objects at start). When a Kustomization's readiness or applied
 * revision changes, or it is deleted, its dependents are handed to {@code wake}.
 *
 * <p>The index only triggers work; reconcilers read what they decide on from the cluster. It may lag
 * the store by an event, which is harmless: a Kustomization created together with its source is
 * enqueued by its own watch. Thread-safe: events arrive on the cluster's thread, lookups come from
 * the watch mappers' threads. A watch that ends abnormally is restarted by {@link #restart()} (the
 * caller schedules it).
 */
final class KustomizationIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KustomizationIndex.class);

    /** What the index keeps of one Kustomization. */
    private record Entry(ObjectKey source, String path, Set<ObjectKey> dependsOn, List<Object> readiness) {
    }

    private final Cluster cluster;
    private final Consumer<ObjectKey> wake;
    private final Runnable onWatchEnded;
    private final Map<ObjectKey, Entry> entries = new ConcurrentHashMap<>();
    private Watch watch;
    private boolean closed;

    /**
     * @param wake         receives the dependents of a Kustomization whose readiness changed
     * @param onWatchEnded called when the watch ended abnormally; call {@link #restart()} (later) then
     */
    KustomizationIndex(Cluster cluster, Consumer<ObjectKey> wake, Runnable onWatchEnded) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.onWatchEnded = Objects.requireNonNull(onWatchEnded, "onWatchEnded");
    }

    /**
     * Lists every Kustomization, then watches from the version read before the list (events in between
     * are replayed; putting an entry twice is harmless).
     *
     * @throws ClusterException when the cluster cannot list or watch
     */
    synchronized void restart() {
        if (closed) {
            return;
        }
        if (watch != null) {
            watch.close();
        }
        String version = cluster.currentResourceVersion();
        Set<ObjectKey> listed = new HashSet<>();
        for (KubeObject k : cluster.list(KustomizationReconciler.KIND, "", LabelSelector.everything())) {
            listed.add(k.key());
            update(k);
        }
        // Deleted while no watch ran: their dependents look again.
        for (ObjectKey gone : List.copyOf(entries.keySet())) {
            if (!listed.contains(gone)) {
                entries.remove(gone);
                dependentsOf(gone).forEach(wake);
            }
        }
        watch = cluster.watch(KustomizationReconciler.KIND, "", version, new WatchListener() {
            @Override
            public void onEvent(WatchEvent e) {
                if (e.type() == WatchEvent.Type.DELETED) {
                    entries.remove(e.object().key());
                    dependentsOf(e.object().key()).forEach(wake);
                } else if (update(e.object())) {
                    dependentsOf(e.object().key()).forEach(wake);
                }
            }

            @Override
            public void onClose(ClusterException cause) {
                LOG.info("the watch of Kustomizations for dependents ended ({}); listing again", cause.getMessage());
                onWatchEnded.run();
            }
        });
    }

    /** Stores what {@code k} says; true when its readiness (as dependents see it) changed. */
    private boolean update(KubeObject k) {
        JsonNode ref = k.spec().path("sourceRef");
        ObjectKey source = new ObjectKey(GitOpsControllers.GIT, ref.path("namespace").asText(k.namespace()),
                ref.path("name").asText());
        Set<ObjectKey> deps = new HashSet<>();
        for (JsonNode d : k.spec().path("dependsOn")) {
            deps.add(new ObjectKey(KustomizationReconciler.KIND, d.path("namespace").asText(k.namespace()),
                    d.path("name").asText()));
        }
        boolean isGit = ref.path("kind").asText().equals("GitRepository");
        Entry next = new Entry(isGit ? source : null, directory(k.spec().path("path").asText("")), Set.copyOf(deps),
                readiness(k));
        Entry previous = entries.put(k.key(), next);
        return previous == null || !previous.readiness().equals(next.readiness());
    }

    /** What {@code Dependencies.notReady} looks at: Ready, the observed generation and the applied revision. */
    private static List<Object> readiness(KubeObject k) {
        String ready = Conditions.find(k.status(), "Ready").map(c -> c.status() + "/" + c.reason()).orElse("");
        return List.of(ready, k.generation(), k.status().path("observedGeneration").asLong(0),
                k.status().path("lastAppliedRevision").asText(""));
    }

    /** The Kustomizations whose sourceRef is this GitRepository. */
    List<ObjectKey> usersOf(KubeObject source) {
        return usersOf(source, Set.of());
    }

    /**
     * The Kustomizations whose sourceRef is this GitRepository, those whose path holds one of
     * {@code changedFiles} first: the scheduler runs equally due keys in the order they were
     * enqueued, so with a thousand Kustomizations on one source the one a commit changed is applied
     * first instead of in turn (the others still run: a base outside their path may have changed).
     */
    List<ObjectKey> usersOf(KubeObject source, Set<String> changedFiles) {
        List<ObjectKey> first = new ArrayList<>();
        List<ObjectKey> rest = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (source.key().equals(e.source())) {
                (touched(e.path(), changedFiles) ? first : rest).add(k);
            }
        });
        first.addAll(rest);
        return first;
    }

    private static boolean touched(String directory, Set<String> changedFiles) {
        for (String f : changedFiles) {
            if (f.startsWith(directory)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ./apps/web} -> {@code apps/web/}; the root -> "". */
    static String directory(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        p = p.replaceAll("^/+", "").replaceAll("/+$", "");
        return p.isEmpty() || p.equals(".") ? "" : p + "/";
    }

    /** The Kustomizations that depend on {@code ks}. */
    List<ObjectKey> dependentsOf(ObjectKey ks) {
        List<ObjectKey> out = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (e.dependsOn().contains(ks)) {
                out.add(k);
            }
        });
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }
}
