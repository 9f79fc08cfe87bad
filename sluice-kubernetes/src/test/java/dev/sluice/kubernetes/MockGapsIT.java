package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ClusterException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pins down what fabric8's CRUD mock (7.8) does NOT do like a real API server, so that nobody relies
 * on it for these paths (docs/testing.md says how each is covered instead). If one of these starts
 * failing after an upgrade, the mock grew the feature: update docs/testing.md and the tests that
 * work around it.
 */
class MockGapsIT {

    private final MockApi api = new MockApi(false);
    private final KubernetesClient client = api.client();

    @AfterEach
    void close() {
        api.close(); // the server first: see InformerClusterIT#close
        client.close();
    }

    private ConfigMap configMap(String name, String app) {
        return client.configMaps().inNamespace("a").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .addToLabels("app", app).endMetadata().addToData("k", "v").build()).create();
    }

    @Test
    void serverSideApplyIsNotSupported() {
        try (KubernetesCluster cluster = api.cluster()) {
            KubeObject cm = KubernetesClusterIT.configMap("a", "x", "app: web");
            // Missing object: 404 instead of a create.
            assertThatThrownBy(() -> cluster.apply(cm, ApplyOptions.as("sluice")))
                    .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.getMessage()).contains("404"));
            // Existing object: 415 Unsupported Media Type.
            cluster.create(cm);
            assertThatThrownBy(() -> cluster.apply(cm, ApplyOptions.as("sluice")))
                    .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.getMessage()).contains("415"));
        }
    }

    @Test
    void strategicMergePatchIsUnsupportedMediaType() {
        configMap("x", "web");
        assertThatThrownBy(() -> client.configMaps().inNamespace("a").withName("x")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"k\":\"w\"}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
    }

    @Test
    void setBasedLabelSelectorsAreSilentlyIgnored() {
        configMap("web", "web");
        configMap("db", "db");
        // A real server returns only "web"; the mock drops the requirement and returns both.
        assertThat(client.configMaps().inNamespace("a").withLabelSelector("app in (web)").list().getItems()).hasSize(2);
        assertThat(client.configMaps().inNamespace("a").withLabelSelector("app notin (web)").list().getItems()).hasSize(2);
        // Equality requirements do work.
        assertThat(client.configMaps().inNamespace("a").withLabelSelector("app=web").list().getItems()).hasSize(1);
    }

    @Test
    void fieldSelectorsOtherThanMetadataMatchNothing() {
        configMap("web", "web");
        assertThat(client.configMaps().inNamespace("a").withField("metadata.name", "web").list().getItems()).hasSize(1);
        assertThat(client.events().v1().events().inNamespace("a").withField("regarding.name", "web").list().getItems())
                .isEmpty();
        client.events().v1().events().inNamespace("a").resource(new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                .withNewMetadata().withName("e").endMetadata().withNewRegarding().withName("web").endRegarding().build()).create();
        // A real server returns the event; the mock matches nothing.
        assertThat(client.events().v1().events().inNamespace("a").withField("regarding.name", "web").list().getItems())
                .isEmpty();
        assertThat(client.events().v1().events().inNamespace("a").list().getItems()).hasSize(1);
    }

    @Test
    void mergePatchKeepsNullsInsteadOfRemovingKeys() {
        configMap("x", "web");
        ConfigMap patched = client.configMaps().inNamespace("a").withName("x")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":null}}");
        // RFC 7386 says a null removes the key; the mock stores it.
        assertThat(Json.toTree(patched).path("data").has("k")).isTrue();
    }

    @Test
    void staleStatusWritesAreNotConflicts() {
        try (KubernetesCluster cluster = api.cluster()) {
            KubeObject c = cluster.create(KubernetesClusterIT.canary("a", "p", ""));
            cluster.updateStatus(c.withStatus(Json.parseObject("{\"phase\":\"Progressing\"}")));
            // A real server answers 409: c's resourceVersion is stale. The mock accepts the write.
            KubeObject stale = cluster.updateStatus(c.withStatus(Json.parseObject("{\"phase\":\"Failed\"}")));
            assertThat(stale.at("/status/phase").asText()).isEqualTo("Failed");
        }
    }

    @Test
    void watchesReplayEveryStoredObjectWhateverTheResourceVersion() {
        ConfigMap x = configMap("x", "web");
        List<String> seen = new CopyOnWriteArrayList<>();
        // Watching from x's own version must not deliver x again on a real server.
        // Not closed here: the client is closed after the server (see InformerClusterIT#close).
        client.configMaps().inNamespace("a")
                .watch(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                        .withResourceVersion(x.getMetadata().getResourceVersion()).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        seen.add(action + " " + resource.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        {
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertThat(seen).containsExactly("ADDED x");
        }
    }

    @Test
    void aFailingJsonPatchTestNeverAnswers() {
        configMap("x", "web");
        try (KubernetesClient impatient = Clients.create(api.options().withRequestTimeout(Duration.ofSeconds(2)))) {
            // A real server answers 422 at once; the mock never answers, so only the client timeout ends the call.
            assertThatThrownBy(() -> impatient.configMaps().inNamespace("a").withName("x").patch(PatchContext.of(PatchType.JSON),
                    "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"other\"}]"))
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isNotEqualTo(422));
        }
    }
}
