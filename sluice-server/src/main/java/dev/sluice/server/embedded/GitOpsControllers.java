package dev.sluice.server.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.LocalRepositoryWatcher;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flux half, wired: the GitRepository and Kustomization reconcilers on the scheduler, their
 * watches (a source's new artifact wakes the Kustomizations that use it, a dependency turning Ready
 * wakes its dependents, an applied workload's change wakes the Kustomization waiting on it), and
 * the local-repository watcher that notices a commit within a second.
 */
final class GitOpsControllers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitOpsControllers.class);
    static final GroupKind GIT = GroupKind.of(ResourceTypes.SOURCE, "GitRepository");
    static final GroupKind KS = KustomizationReconciler.KIND;
    private static final List<GroupKind> WORKLOADS = List.of(GroupKind.of("apps", "Deployment"),
            GroupKind.of("apps", "DaemonSet"), GroupKind.of("apps", "StatefulSet"), GroupKind.of("batch", "Job"));

    private final Cluster cluster;
    private final Scheduler scheduler;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final LocalRepositoryWatcher localWatcher;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-git-watch");
        t.setDaemon(true);
        return t;
    });

    GitOpsControllers(Cluster cluster, Scheduler scheduler, Path stateDir, Clock clock) {
        this.cluster = cluster;
        this.scheduler = scheduler;
        ArtifactStore store = new ArtifactStore(stateDir.resolve("artifacts"),
                "http://source-controller.flux-system.svc.cluster.local.", clock);
        Controller git = scheduler.register(new GitRepositoryReconciler(cluster, new JGitClient(), store,
                stateDir.resolve("git-cache"), clock));
        Controller ks = scheduler.register(new KustomizationReconciler(cluster, new StoredSourceArtifacts(store),
                new KustomizerManifestBuilder(), clock, KustomizationSettings.EMBEDDED));
        closeables.add(WatchWiring.of(cluster, git).start());
        WatchWiring ksWiring = WatchWiring.of(cluster, ks).related(GIT, this::usersOf);
        for (GroupKind w : WORKLOADS) {
            ksWiring.related(w, GitOpsControllers::appliedBy);
        }
        closeables.add(ksWiring.start());
        closeables.add(dependentsTrigger());
        localWatcher = new LocalRepositoryWatcher(source -> scheduler.enqueue(source));
        closeables.add(gitSourceTracker());
        localWatcher.start(poller, Duration.ofMillis(250));
    }

    /** The Kustomizations whose sourceRef is this GitRepository. */
    private List<ObjectKey> usersOf(KubeObject source) {
        List<ObjectKey> out = new ArrayList<>();
        for (KubeObject k : cluster.list(KS, "", LabelSelector.everything())) {
            var ref = k.spec().path("sourceRef");
            if (ref.path("kind").asText().equals("GitRepository") && ref.path("name").asText().equals(source.name())
                    && ref.path("namespace").asText(k.namespace()).equals(source.namespace())) {
                out.add(k.key());
            }
        }
        return out;
    }

    /** The Kustomization an object was applied by (its owner labels), if any. */
    private static List<ObjectKey> appliedBy(KubeObject o) {
        String name = o.labels().get("kustomize.toolkit.fluxcd.io/name");
        String ns = o.labels().get("kustomize.toolkit.fluxcd.io/namespace");
        return name == null || ns == null ? List.of() : List.of(new ObjectKey(KS, ns, name));
    }

    /** When a Kustomization's readiness or applied revision changes, its dependents look again at once. */
    private Watch dependentsTrigger() {
        return cluster.watch(KS, "", cluster.currentResourceVersion(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent e) {
                KubeObject changed = e.object();
                for (KubeObject k : cluster.list(KS, "", LabelSelector.everything())) {
                    for (var d : k.spec().path("dependsOn")) {
                        if (d.path("name").asText().equals(changed.name())
                                && d.path("namespace").asText(k.namespace()).equals(changed.namespace())) {
                            scheduler.enqueue(k.key());
                        }
                    }
                }
            }
        });
    }

    /** Watches the local repositories that GitRepositories point at (file:// URLs and plain paths). */
    private Watch gitSourceTracker() {
        for (KubeObject g : cluster.list(GIT, "", LabelSelector.everything())) {
            track(g);
        }
        return cluster.watch(GIT, "", cluster.currentResourceVersion(), new WatchListener() {
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
        localWatcher.close();
        for (AutoCloseable c : closeables) {
            try {
                Objects.requireNonNull(c).close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", c, e);
            }
        }
    }
}
