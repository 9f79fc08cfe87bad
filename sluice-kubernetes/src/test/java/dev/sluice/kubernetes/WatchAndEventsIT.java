package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watches and events.k8s.io Events against the CRUD mock. */
class WatchAndEventsIT {

    private static final String GONE = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version: 1 (5000)\"}";

    private final MockApi api = new MockApi();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final KubernetesCluster cluster = api.cluster(LabelSelector.everything(), clock);

    @AfterEach
    void close() {
        api.close(); // the server first: see InformerClusterIT#close
        cluster.close();
    }

    @Test
    void watchDeliversAddsChangesAndDeletesInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        // Not closed here: the cluster is closed after the server (see InformerClusterIT#close).
        Watch w = cluster.watch(KubernetesClusterIT.CONFIG_MAP, "apps", "", event ->
                seen.add(event.type() + " " + event.object().name() + " " + event.object().at("/data/k").asText()));
        {
            KubeObject c = cluster.create(KubernetesClusterIT.configMap("apps", "web", ""));
            cluster.create(KubernetesClusterIT.configMap("other", "elsewhere", ""));
            cluster.update(c.edit(n -> n.with("data").put("k", "changed")));
            cluster.delete(c.key(), DeleteOptions.background());

            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
            assertThat(seen).containsExactly("ADDED web v", "MODIFIED web changed", "DELETED web changed");
        }
    }

    @Test
    void aWatchFromAVersionTooOldIsExpired() {
        api.server.expect().get().withPath("/api/v1/namespaces/apps/configmaps?allowWatchBookmarks=true&resourceVersion=1&watch=true")
                .andReturn(410, GONE).once();
        assertThatThrownBy(() -> cluster.watch(KubernetesClusterIT.CONFIG_MAP, "apps", "1", e -> { }))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.EXPIRED));
    }

    @Test
    void eventsAreWrittenAsEventsK8sIoV1AndReadBack() {
        ObjectKey canary = ObjectKey.of("flagger.app", "Canary", "apps", "podinfo");
        cluster.recordEvent(new EventRecord(canary, EventRecord.WARNING, "Synced", "Halt advancement podinfo-primary.apps",
                "flagger", Map.of("flagger.app/revision", "abc"), 1, clock.instant(), clock.instant()),
                ObjectKey.of("apps", "Deployment", "apps", "podinfo"));

        List<Event> stored = api.client().events().v1().events().inNamespace("apps").list().getItems();
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.getApiVersion()).isEqualTo("events.k8s.io/v1");
            assertThat(e.getRegarding().getApiVersion()).isEqualTo("flagger.app/v1beta1");
            assertThat(e.getRegarding().getKind()).isEqualTo("Canary");
            assertThat(e.getRelated().getKind()).isEqualTo("Deployment");
            assertThat(e.getReportingController()).isEqualTo("flagger");
            assertThat(e.getReportingInstance()).isEqualTo("sluice-test-0");
            assertThat(e.getAction()).isEqualTo("Synced");
            assertThat(e.getEventTime().getTime()).isEqualTo("2026-01-01T10:00:00.000000Z");
        });
        assertThat(cluster.events(canary)).singleElement().satisfies(r -> {
            assertThat(r.involved()).isEqualTo(canary);
            assertThat(r.isWarning()).isTrue();
            assertThat(r.message()).isEqualTo("Halt advancement podinfo-primary.apps");
            assertThat(r.annotations()).containsEntry("flagger.app/revision", "abc");
            assertThat(r.count()).isEqualTo(1);
        });
        assertThat(cluster.events(ObjectKey.of("flagger.app", "Canary", "apps", "other"))).isEmpty();
        assertThat(api.fieldSelectors.seen).as("what a real API server is asked").contains("regarding.name=podinfo");
    }

    @Test
    void repeatsBecomeASeriesOnOneEvent() {
        ObjectKey ks = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps");
        EventRecord failed = EventRecord.warning(ks, "ReconciliationFailed", "kustomize build failed", "kustomize-controller",
                clock.instant());
        cluster.recordEvent(failed);
        clock.advance(Duration.ofSeconds(30));
        cluster.recordEvent(failed);
        clock.advance(Duration.ofSeconds(30));
        cluster.recordEvent(failed);
        cluster.recordEvent(EventRecord.normal(ks, "ReconciliationSucceeded", "Applied revision: main@sha1:1", "kustomize-controller",
                clock.instant()));

        List<EventRecord> events = cluster.events(ks);
        assertThat(events).hasSize(2);
        EventRecord series = events.get(0);
        assertThat(series.reason()).isEqualTo("ReconciliationFailed");
        assertThat(series.count()).isEqualTo(3);
        assertThat(series.firstTimestamp()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(series.lastTimestamp()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
        assertThat(events.get(1).count()).isEqualTo(1);
    }

    @Test
    void aSeriesWhoseEventExpiredStartsANewEvent() {
        ObjectKey ks = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps");
        EventRecord e = EventRecord.warning(ks, "ReconciliationFailed", "boom", "kustomize-controller", clock.instant());
        cluster.recordEvent(e);
        api.client().events().v1().events().inNamespace("flux-system").delete(); // the API server's TTL
        clock.advance(Duration.ofSeconds(30));
        cluster.recordEvent(e);

        assertThat(cluster.events(ks)).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(1));
    }

    @Test
    void eventsOfClusterScopedObjectsGoToDefault() {
        ObjectKey ns = ObjectKey.of("", "Namespace", "", "apps");
        cluster.recordEvent(EventRecord.normal(ns, "Created", "namespace created", "sluice", clock.instant()));
        assertThat(api.client().events().v1().events().inNamespace("default").list().getItems()).hasSize(1);
        assertThat(cluster.events(ns)).hasSize(1);
    }
}
