package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The informer cache under WatchWiring and the Scheduler, against the CRUD mock. */
class InformerClusterIT {

    private static final GroupKind CANARY = KubernetesClusterIT.CANARY;
    private static final GroupKind CONFIG_MAP = KubernetesClusterIT.CONFIG_MAP;

    private final MockApi api = new MockApi();
    private final KubernetesCluster raw = api.cluster();
    private final InformerCluster cluster = InformerCluster.over(raw).cacheReads(CONFIG_MAP).build();

    private final List<AutoCloseable> alsoClose = new CopyOnWriteArrayList<>();

    /**
     * The server goes first: when a client closes a watch's WebSocket, the mock's WatchEventsListener
     * can block its event loop for up to a minute (it awaits an executor that needs that loop), and
     * then the server cannot stop in time. A server-side close takes the failure path, which does not wait.
     */
    @AfterEach
    void close() throws Exception {
        api.close();
        for (AutoCloseable c : alsoClose) {
            c.close();
        }
        cluster.close();
        raw.close();
    }

    /** Requests other than the informers' own watches sent while {@code r} ran. */
    private List<String> requestsDuring(Runnable r) {
        drain();
        r.run();
        return drain().stream().filter(p -> !p.contains("watch=true")).toList();
    }

    private List<String> drain() {
        List<String> paths = new java.util.ArrayList<>();
        try {
            io.fabric8.mockwebserver.http.RecordedRequest req;
            while ((req = api.server.takeRequest(100, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                paths.add(req.getMethod() + " " + req.getPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return paths;
    }

    @Test
    void cachedReadsAreServedFromTheInformerWithExactSelectors() {
        raw.create(KubernetesClusterIT.configMap("a", "web", "app: web"));
        raw.create(KubernetesClusterIT.configMap("a", "db", "app: db"));
        raw.create(KubernetesClusterIT.configMap("b", "web", "app: web, canary: 'true'"));
        cluster.list(CONFIG_MAP, "", LabelSelector.everything()); // first use starts and syncs the informer

        assertThat(requestsDuring(() -> {
            // Set-based selectors the mock ignores are exact here: the cache evaluates them.
            assertThat(cluster.list(CONFIG_MAP, "", LabelSelector.parse("app in (web),!canary")))
                    .extracting(KubeObject::key).containsExactly(ObjectKey.of("", "ConfigMap", "a", "web"));
            assertThat(cluster.list(CONFIG_MAP, "a", LabelSelector.parse("app notin (web)")))
                    .extracting(KubeObject::name).containsExactly("db");
            assertThat(cluster.get(ObjectKey.of("", "ConfigMap", "b", "web"))).isPresent();
            assertThat(cluster.get(ObjectKey.of("", "ConfigMap", "b", "nope"))).isEmpty();
        })).as("requests to the API server for cached reads").isEmpty();
        assertThat(cluster.informedKinds()).containsExactly(CONFIG_MAP);
    }

    @Test
    void readsOfOtherKindsBypassTheCache() {
        raw.create(KubernetesClusterIT.canary("a", "podinfo", ""));
        assertThat(requestsDuring(() -> assertThat(cluster.get(ObjectKey.of("flagger.app", "Canary", "a", "podinfo"))).isPresent()))
                .contains("GET /apis/flagger.app/v1beta1/namespaces/a/canaries/podinfo");
        assertThat(cluster.informedKinds()).isEmpty();
    }

    @Test
    void theCacheFollowsChanges() {
        KubeObject c = raw.create(KubernetesClusterIT.configMap("a", "web", "app: web"));
        cluster.list(CONFIG_MAP, "", LabelSelector.everything());
        raw.update(c.edit(n -> n.with("data").put("k", "new")));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                cluster.get(c.key()).map(o -> o.at("/data/k").asText()).orElse("").equals("new"));
        raw.delete(c.key(), dev.sluice.cluster.DeleteOptions.background());
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get(c.key()).isEmpty());
    }

    @Test
    void watchWiringEnqueuesOwnAndRelatedObjectsThroughInformers() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), clock, new SplittableRandom(1), SchedulerListener.NONE);
        List<ObjectKey> reconciled = new CopyOnWriteArrayList<>();
        Controller canaries = scheduler.register(new Reconciler() {
            @Override
            public GroupKind kind() {
                return CANARY;
            }

            @Override
            public Result reconcile(ObjectKey key) {
                reconciled.add(key);
                return Result.done();
            }
        });
        raw.create(KubernetesClusterIT.canary("a", "podinfo", ""));
        WatchWiring wiring = WatchWiring.of(cluster, canaries)
                // A ConfigMap named like a canary enqueues that canary (a stand-in for Deployment -> Canary).
                .related(CONFIG_MAP, cm -> List.of(ObjectKey.of("flagger.app", "Canary", cm.namespace(), cm.name())))
                .start();
        alsoClose.add(wiring);
        {
            scheduler.runUntilIdle();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                scheduler.runUntilIdle();
                assertThat(reconciled).contains(ObjectKey.of("flagger.app", "Canary", "a", "podinfo"));
            });
            reconciled.clear();

            raw.create(KubernetesClusterIT.configMap("a", "podinfo", ""));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                scheduler.runUntilIdle();
                assertThat(reconciled).containsExactly(ObjectKey.of("flagger.app", "Canary", "a", "podinfo"));
            });
            assertThat(cluster.informedKinds()).containsExactlyInAnyOrder(CANARY, CONFIG_MAP);
        }
    }

    @Test
    void theShardSelectorNarrowsTheInformersOfTheControllersKinds() {
        KubernetesCluster shardRaw = api.cluster(LabelSelector.parse("sharding.fluxcd.io/key=shard1"), java.time.Clock.systemUTC());
        InformerCluster shard = InformerCluster.over(shardRaw).cacheReads(CANARY, CONFIG_MAP).build();
        alsoClose.add(shard);
        alsoClose.add(shardRaw);
        {
            raw.create(KubernetesClusterIT.canary("a", "mine", "sharding.fluxcd.io/key: shard1"));
            raw.create(KubernetesClusterIT.canary("a", "theirs", "sharding.fluxcd.io/key: shard2"));
            raw.create(KubernetesClusterIT.configMap("a", "any", "sharding.fluxcd.io/key: shard2"));

            assertThat(shard.list(CANARY, "", LabelSelector.everything())).extracting(KubeObject::name).containsExactly("mine");
            assertThat(shard.list(CONFIG_MAP, "", LabelSelector.everything())).extracting(KubeObject::name).containsExactly("any");
        }
    }
}
