package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ForwardingCluster;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import dev.sluice.testkit.ManualClock;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts of 409 conflicts (issue 10): before each of the next writes of a GitRepository or a
 * Kustomization another writer changes the object, so the write carries a stale resourceVersion and
 * the store answers 409 as an API server does. The reconcilers, run by the scheduler on a manual
 * clock, retry (GitRepository: the error backs off; Kustomization: the other writer's watch event
 * brings it back), lose neither their own status nor the other writer's change, and end Ready with
 * the commit applied, in a bounded number of runs.
 */
class ConflictBurstsIT {

    private static final GroupKind GIT = GroupKind.of(ResourceTypes.SOURCE, "GitRepository");
    private static final ObjectKey SOURCE = new ObjectKey(GIT, "flux-system", "flux-system");
    private static final ObjectKey APPS = new ObjectKey(KustomizationReconciler.KIND, "flux-system", "apps");

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final EmbeddedCluster store = EmbeddedCluster.inMemory(clock, new Random(7));
    private final ConflictingCluster cluster = new ConflictingCluster(store);
    private final Scheduler scheduler = new Scheduler(SchedulerOptions.defaults().withIntervalJitterPercent(0), clock,
            new SplittableRandom(3), SchedulerListener.NONE);
    private final AtomicInteger runs = new AtomicInteger();
    private TestRepo repo;

    @AfterEach
    void close() {
        scheduler.shutdown(Duration.ofSeconds(5));
        repo.close();
        store.close();
    }

    @Test
    void burstsOfConflictsAreRetriedWithoutLosingAnyWrite() throws Exception {
        repo = TestRepo.init(dir.resolve("repo"), "main");
        String first = repo.write("apps/config.yaml", configMap("one")).commit("first");
        ArtifactStore artifacts = new ArtifactStore(dir.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
        Controller sources = scheduler.register("source", counted(new GitRepositoryReconciler(cluster, new JGitClient(),
                artifacts, dir.resolve("git-cache"), clock)), 1);
        Controller kustomizations = scheduler.register("kustomize", counted(new KustomizationReconciler(cluster,
                new StoredSourceArtifacts(artifacts), new KustomizerManifestBuilder(), clock, KustomizationSettings.EMBEDDED)), 1);
        // what the watches would do: a change to a source wakes its Kustomizations, any change its own reconciler
        cluster.onOtherWrite = key -> (key.groupKind().equals(GIT) ? sources : kustomizations).enqueue(key);

        store.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
        store.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: apps}}"));
        store.create(KubeObject.parse("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: flux-system, namespace: flux-system}
                spec: {interval: 1m, url: "%s", ref: {branch: main}}
                """.formatted(repo.url())));
        store.create(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
                """));

        cluster.conflictNext(GIT, 5);
        cluster.conflictNext(KustomizationReconciler.KIND, 5);
        sources.enqueue(SOURCE);
        kustomizations.enqueue(APPS);
        settle(kustomizations);

        assertThat(cluster.injected()).isEqualTo(10);
        assertReady(SOURCE, first);
        assertReady(APPS, first);
        assertThat(configValue()).isEqualTo("one");
        assertThat(store.get(SOURCE).orElseThrow().annotations()).as("the other writer's change is kept")
                .containsEntry("other-writer", "5");
        assertThat(store.get(APPS).orElseThrow().annotations()).containsEntry("other-writer", "5");
        assertThat(runs.get()).as("bounded retries, no hot loop").isLessThan(60);

        // A new commit in the middle of another burst: applied too.
        String second = repo.write("apps/config.yaml", configMap("two")).commit("second");
        cluster.conflictNext(GIT, 3);
        cluster.conflictNext(KustomizationReconciler.KIND, 3);
        clock.advance(Duration.ofMinutes(1));
        settle(kustomizations);
        assertReady(SOURCE, second);
        assertReady(APPS, second);
        assertThat(configValue()).isEqualTo("two");
        assertThat(cluster.injected()).isEqualTo(16);
    }

    /** Runs the scheduler, moving the clock to each next due time, until nothing is due within a minute. */
    private void settle(Controller kustomizations) {
        Instant until = clock.instant().plus(Duration.ofMinutes(30));
        String artifact = sourceRevision();
        for (int i = 0; i < 500 && clock.instant().isBefore(until); i++) {
            scheduler.runUntilIdle(1_000);
            if (!sourceRevision().equals(artifact)) {
                // a new artifact reaches the Kustomization through the source watch
                artifact = sourceRevision();
                kustomizations.enqueue(APPS);
                scheduler.runUntilIdle(1_000);
            }
            if (readyAt(SOURCE) && readyAt(APPS) && cluster.pending() == 0) {
                return;
            }
            Optional<Instant> next = scheduler.nextDue();
            clock.advance(next.map(t -> Duration.between(clock.instant(), t)).filter(d -> d.isPositive())
                    .orElse(Duration.ofSeconds(1)));
        }
        throw new AssertionError("not Ready after bursts of conflicts: " + store.get(SOURCE).orElseThrow().status()
                + " / " + store.get(APPS).orElseThrow().status());
    }

    private String sourceRevision() {
        return store.get(SOURCE).orElseThrow().status().path("artifact").path("revision").asText();
    }

    private boolean readyAt(ObjectKey key) {
        return Conditions.find(store.get(key).orElseThrow().status(), "Ready").map(c -> c.isTrue()).orElse(false);
    }

    private void assertReady(ObjectKey key, String commit) {
        KubeObject o = store.get(key).orElseThrow();
        assertThat(readyAt(key)).as(key + ": " + o.status()).isTrue();
        String revision = key.groupKind().equals(GIT) ? o.status().path("artifact").path("revision").asText()
                : o.status().path("lastAppliedRevision").asText();
        assertThat(revision).as(key.toString()).isEqualTo("main@sha1:" + commit);
    }

    private String configValue() {
        return store.get(ObjectKey.of("", "ConfigMap", "apps", "settings")).orElseThrow().field("data").path("value").asText();
    }

    private static String configMap(String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: apps}\ndata: {value: " + value + "}\n";
    }

    private dev.sluice.cluster.reconcile.Reconciler counted(dev.sluice.cluster.reconcile.Reconciler r) {
        return new dev.sluice.cluster.reconcile.Reconciler() {
            @Override
            public GroupKind kind() {
                return r.kind();
            }

            @Override
            public dev.sluice.cluster.reconcile.Result reconcile(ObjectKey key) throws Exception {
                runs.incrementAndGet();
                return r.reconcile(key);
            }
        };
    }

    /**
     * The store, except that the next writes (update or status update) of a kind lose a race: another
     * writer bumps an annotation on the stored object first, then the stale write is passed on and
     * the store refuses it with 409.
     */
    static final class ConflictingCluster extends ForwardingCluster {
        private final Cluster delegate;
        private final Map<GroupKind, AtomicInteger> bursts = new ConcurrentHashMap<>();
        private final AtomicInteger injected = new AtomicInteger();
        volatile Consumer<ObjectKey> onOtherWrite = k -> {
        };

        ConflictingCluster(Cluster delegate) {
            this.delegate = delegate;
        }

        void conflictNext(GroupKind kind, int n) {
            bursts.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(n);
        }

        int injected() {
            return injected.get();
        }

        int pending() {
            return bursts.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        private void race(KubeObject object) {
            AtomicInteger left = bursts.get(object.key().groupKind());
            if (left == null || left.get() == 0 || object.resourceVersion().isEmpty()) {
                return;
            }
            left.decrementAndGet();
            KubeObject current = delegate.get(object.key()).orElseThrow();
            int n = Integer.parseInt(current.annotation("other-writer").orElse("0")) + 1;
            delegate.update(current.edit(o -> o.withObjectProperty("metadata").withObjectProperty("annotations")
                    .put("other-writer", Integer.toString(n))));
            injected.incrementAndGet();
            onOtherWrite.accept(object.key());
        }

        @Override
        protected Cluster delegate() {
            return delegate;
        }

        @Override
        public KubeObject updateStatus(KubeObject object) {
            race(object);
            return delegate.updateStatus(object);
        }

        @Override
        public KubeObject updateStatus(KubeObject object, String fieldManager) {
            return updateStatus(object);
        }

        @Override
        public KubeObject update(KubeObject object) {
            race(object);
            return delegate.update(object);
        }

        @Override
        public KubeObject update(KubeObject object, String fieldManager) {
            return update(object);
        }

    }
}
