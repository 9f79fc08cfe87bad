package dev.sluice.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.helm.chart.HelmSdkRenderer;
import dev.sluice.helm.controller.HelmReleaseReconciler;
import dev.sluice.helm.controller.HelmSettings;
import dev.sluice.helm.source.ChartStore;
import dev.sluice.helm.source.HttpFetcher;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The Helm reconcilers on a real embedded store, driven step by step from the test thread: each
 * {@link #settle()} reconciles every HelmRepository, HelmChart and HelmRelease until nothing
 * changes. Time moves only with {@link #advance}.
 */
final class HelmHarness implements AutoCloseable {

    static final HelmSettings SETTINGS = new HelmSettings("helm-controller", Duration.ofSeconds(5), Duration.ofSeconds(2));

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(7));
    final HelmControllers controllers;
    final FakeKubelet kubelet = new FakeKubelet(cluster);
    final List<Exception> failures = new ArrayList<>();

    HelmHarness(Path dir) {
        ChartStore store = new ChartStore(dir.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
        controllers = HelmControllers.create(cluster, clock, store, new HelmSdkRenderer(dir.resolve("render")),
                new HttpFetcher(), Optional.empty(), SETTINGS);
    }

    void namespace(String name) {
        cluster.create(KubeObject.parse("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name));
    }

    /**
     * The setup the release tests share: namespaces {@code flux-system} and {@code releaseNamespace},
     * and HelmRepository {@code flux-system/podinfo} pointing at {@code repo}.
     */
    void podinfoRepository(ChartRepoServer repo, String releaseNamespace) {
        namespace("flux-system");
        namespace(releaseNamespace);
        apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: podinfo, namespace: flux-system}
                spec: {url: %s, interval: 10m}
                """.formatted(repo.url()));
    }

    KubeObject apply(String yaml) {
        KubeObject o = KubeObject.parse(yaml);
        Optional<KubeObject> cur = cluster.get(o.key());
        if (cur.isEmpty()) {
            return cluster.create(o);
        }
        return cluster.update(o.withMetadata("resourceVersion", cur.get().resourceVersion())
                .edit(n -> n.set("status", cur.get().status().deepCopy())));
    }

    /** Reconciles everything until a round changes nothing (at most 30 rounds). */
    void settle() {
        for (int round = 0; round < 30; round++) {
            String before = cluster.currentResourceVersion();
            for (var reg : controllers.registrations()) {
                Reconciler r = reg.reconciler();
                for (KubeObject o : cluster.list(r.kind(), "", LabelSelector.everything())) {
                    try {
                        r.reconcile(o.key());
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            }
            if (before.equals(cluster.currentResourceVersion())) {
                return;
            }
        }
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    KubeObject get(ObjectKey key) {
        return cluster.get(key).orElseThrow(() -> new AssertionError(key + " not found"));
    }

    KubeObject hr(String ns, String name) {
        return get(new ObjectKey(HelmReleaseReconciler.KIND, ns, name));
    }

    static Condition condition(KubeObject o, String type) {
        return Conditions.find(o.status(), type).orElseThrow(() -> new AssertionError(o + " has no " + type + " condition: "
                + o.status().path("conditions")));
    }

    List<String> events(ObjectKey key) {
        return cluster.events(key).stream().map(e -> e.type() + " " + e.reason() + ": " + e.message()).toList();
    }

    List<EventRecord> eventRecords(ObjectKey key) {
        return cluster.events(key);
    }

    /** Requests a reconcile as {@code flux reconcile} does, optionally with --force / --reset. */
    void request(ObjectKey key, String at, boolean force, boolean reset) {
        KubeObject o = get(key);
        cluster.update(o.edit(n -> {
            ObjectNode a = n.withObjectProperty("metadata").withObjectProperty("annotations");
            a.put("reconcile.fluxcd.io/requestedAt", at);
            if (force) {
                a.put("reconcile.fluxcd.io/forceAt", at);
            }
            if (reset) {
                a.put("reconcile.fluxcd.io/resetAt", at);
            }
        }));
    }

    static ObjectNode json(String s) {
        return Json.parseObject(s);
    }

    @Override
    public void close() {
        cluster.close();
    }

    static GroupKind deployment() {
        return GroupKind.of("apps", "Deployment");
    }
}
