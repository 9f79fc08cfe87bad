package dev.sluice.server.controllers;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.source.Artifact;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.LocalRepositoryWatcher;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flux half, wired, for either mode: the GitRepository and Kustomization reconcilers on the
 * scheduler, their watches (a source's new artifact wakes the Kustomizations that use it, a
 * dependency turning Ready wakes its dependents, an applied workload's change wakes the Kustomization
 * waiting on it), and the local-repository watcher that notices a commit to a {@code file://}
 * repository within a second.
 *
 * <p>Two clusters: the reconcilers read and write {@code cluster}; watches and the lookups that only
 * decide what to wake go to {@code watched}. Embedded mode passes its store twice; Kubernetes mode
 * passes the API server (reads always fresh) and the informer cache. {@link #close()} stops the
 * watches and unregisters nothing from the scheduler (the caller shuts the scheduler down).
 */
public final class GitOpsControllers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitOpsControllers.class);
    static final GroupKind GIT = GroupKind.of(ResourceTypes.SOURCE, "GitRepository");
    static final GroupKind KS = KustomizationReconciler.KIND;

    private final Cluster watched;
    private final ArtifactStore artifacts;
    /** The artifact each source had when its users were last looked up, to see what a new one changed. */
    private final java.util.Map<ObjectKey, Artifact> lastArtifacts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final LocalRepositoryWatcher localWatcher;
    private final KustomizationIndex index;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-git-watch");
        t.setDaemon(true);
        return t;
    });

    private GitOpsControllers(Cluster cluster, Cluster watched, Scheduler scheduler, Clock clock, GitOpsSettings settings) {
        this.watched = watched;
        Path stateDir = settings.stateDir();
        ArtifactStore store = new ArtifactStore(stateDir.resolve("artifacts"),
                "http://source-controller.flux-system.svc.cluster.local.", clock);
        this.artifacts = store;
        Controller git = scheduler.register(new GitRepositoryReconciler(cluster, new JGitClient(), store,
                stateDir.resolve("git-cache"), clock));
        Controller ks = scheduler.register(new KustomizationReconciler(cluster, new StoredSourceArtifacts(store),
                new KustomizerManifestBuilder(), clock, settings.kustomizations()));
        index = new KustomizationIndex(watched, scheduler::enqueue, this::restartIndexLater);
        closeables.add(index);
        closeables.add(WatchWiring.of(watched, git).start());
        WatchWiring ksWiring = WatchWiring.of(watched, ks).related(GIT, this::usersOf);
        for (GroupKind w : settings.workloads()) {
            ksWiring.related(w, GitOpsControllers::appliedBy);
        }
        closeables.add(ksWiring.start());
        localWatcher = new LocalRepositoryWatcher(scheduler::enqueue);
        poller.execute(() -> retrying("list Kustomizations to find dependents", index::restart));
        poller.execute(() -> retrying("list GitRepositories to watch local repositories",
                () -> closeables.add(gitSourceTracker())));
        localWatcher.start(poller, Duration.ofMillis(250));
    }

    /**
     * Registers both reconcilers with {@code scheduler} and starts their watches (listing happens in
     * the background; a cluster that cannot list yet is retried).
     */
    public static GitOpsControllers start(Cluster cluster, Cluster watched, Scheduler scheduler, Clock clock,
                                          GitOpsSettings settings) {
        return new GitOpsControllers(cluster, watched, scheduler, clock, settings);
    }

    /**
     * The Kustomizations of a GitRepository that changed, those whose path holds a file the new
     * artifact changed first (see {@link KustomizationIndex#usersOf(KubeObject, java.util.Set)}).
     */
    private List<ObjectKey> usersOf(KubeObject source) {
        Optional<Artifact> current = Artifact.fromStatus(source.status());
        if (current.isEmpty()) {
            return index.usersOf(source);
        }
        Artifact previous = lastArtifacts.put(source.key(), current.get());
        if (previous == null || previous.digest().equals(current.get().digest())) {
            return index.usersOf(source);
        }
        return index.usersOf(source, artifacts.changedFiles(previous, current.get()));
    }

    /** The Git sources' artifacts (HelmCharts built from a GitRepository read them). */
    public ArtifactStore artifacts() {
        return artifacts;
    }

    /** Runs {@code action} on the poller thread, again every 5 s until it succeeds. */
    private void retrying(String what, Runnable action) {
        try {
            action.run();
        } catch (ClusterException e) {
            LOG.warn("cannot {} ({}); retrying in 5s", what, e.getMessage());
            if (!poller.isShutdown()) {
                poller.schedule(() -> retrying(what, action), 5, TimeUnit.SECONDS);
            }
        }
    }

    private void restartIndexLater() {
        if (!poller.isShutdown()) {
            poller.schedule(() -> retrying("list Kustomizations to find dependents", index::restart), 5,
                    TimeUnit.SECONDS);
        }
    }

    /** The Kustomization an object was applied by (its owner labels), if any. */
    private static List<ObjectKey> appliedBy(KubeObject o) {
        String name = o.labels().get("kustomize.toolkit.fluxcd.io/name");
        String ns = o.labels().get("kustomize.toolkit.fluxcd.io/namespace");
        return name == null || ns == null ? List.of() : List.of(new ObjectKey(KS, ns, name));
    }

    /** Watches the local repositories that GitRepositories point at (file:// URLs and plain paths). */
    private Watch gitSourceTracker() {
        String version = watched.currentResourceVersion();
        for (KubeObject g : watched.list(GIT, "", LabelSelector.everything())) {
            track(g);
        }
        return watched.watch(GIT, "", version, new WatchListener() {
            @Override
            public void onEvent(WatchEvent e) {
                if (e.type() == WatchEvent.Type.DELETED) {
                    localWatcher.unwatch(e.object().key());
                } else {
                    track(e.object());
                }
            }
        });
    }

    private void track(KubeObject g) {
        Optional<Path> local = LocalRepositoryWatcher.localPath(g.spec().path("url").asText());
        if (local.isPresent()) {
            try {
                localWatcher.watch(g.key(), local.get());
            } catch (IOException e) {
                LOG.warn("cannot watch local repository {} of {}: {}", local.get(), g.key(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        localWatcher.close();
        for (AutoCloseable c : List.copyOf(closeables)) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", c, e);
            }
        }
    }
}
