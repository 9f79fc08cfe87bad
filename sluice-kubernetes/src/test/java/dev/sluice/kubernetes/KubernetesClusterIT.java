package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import dev.sluice.cluster.DeleteOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter's reads and writes against the CRUD mock. */
class KubernetesClusterIT {

    static final GroupKind CONFIG_MAP = GroupKind.of("", "ConfigMap");
    static final GroupKind CANARY = GroupKind.of("flagger.app", "Canary");

    private final MockApi api = new MockApi();
    private final KubernetesCluster cluster = api.cluster();

    @AfterEach
    void close() {
        api.close(); // the server first: see InformerClusterIT#close
        cluster.close();
    }

    static KubeObject configMap(String ns, String name, String labels) {
        return KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: %s, labels: {%s}}
                data: {k: v}
                """.formatted(name, ns, labels));
    }

    static KubeObject canary(String ns, String name, String labels) {
        return KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: %s, namespace: %s, labels: {%s}}
                spec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}}
                """.formatted(name, ns, labels, name));
    }

    @Test
    void createGetUpdateDelete() {
        KubeObject created = cluster.create(configMap("apps", "web", "app: web"));
        assertThat(created.resourceVersion()).isNotEmpty();
        assertThat(cluster.get(created.key())).hasValueSatisfying(o -> assertThat(o.at("/data/k").asText()).isEqualTo("v"));

        KubeObject changed = cluster.update(created.edit(n -> n.with("data").put("k", "w")));
        assertThat(changed.at("/data/k").asText()).isEqualTo("w");
        assertThat(changed.resourceVersion()).isNotEqualTo(created.resourceVersion());

        cluster.delete(created.key(), DeleteOptions.background());
        assertThat(cluster.get(created.key())).isEmpty();
    }

    @Test
    void customKindsRoundTripThroughGenericResources() {
        KubeObject c = cluster.create(canary("apps", "podinfo", "team: a"));
        assertThat(c.apiVersion()).isEqualTo("flagger.app/v1beta1");
        assertThat(cluster.get(ObjectKey.of("flagger.app", "Canary", "apps", "podinfo")))
                .hasValueSatisfying(o -> assertThat(o.at("/spec/targetRef/name").asText()).isEqualTo("podinfo"));
    }

    @Test
    void createOfAnExistingObjectIsAlreadyExists() {
        cluster.create(configMap("apps", "web", "app: web"));
        assertThatThrownBy(() -> cluster.create(configMap("apps", "web", "app: web")))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS);
                    assertThat(e.key()).isEqualTo(ObjectKey.of("", "ConfigMap", "apps", "web"));
                    assertThat(e.getMessage()).contains("create ConfigMap/apps/web");
                });
    }

    @Test
    void updateWithAStaleResourceVersionIsAConflict() {
        KubeObject created = cluster.create(configMap("apps", "web", "app: web"));
        cluster.update(created.edit(n -> n.with("data").put("k", "first")));
        assertThatThrownBy(() -> cluster.update(created.edit(n -> n.with("data").put("k", "second"))))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        assertThat(cluster.get(created.key()).orElseThrow().at("/data/k").asText()).isEqualTo("first");
    }

    @Test
    void updateStatusWritesTheStatus() {
        KubeObject c = cluster.create(canary("apps", "podinfo", ""));
        KubeObject withStatus = cluster.updateStatus(c.withStatus(
                dev.sluice.api.Json.parseObject("{\"phase\":\"Progressing\",\"canaryWeight\":10}")));
        assertThat(withStatus.at("/status/phase").asText()).isEqualTo("Progressing");
        assertThat(cluster.get(c.key()).orElseThrow().at("/status/canaryWeight").asInt()).isEqualTo(10);
    }

    @Test
    void deletingAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> cluster.delete(ObjectKey.of("", "ConfigMap", "apps", "nope"), DeleteOptions.background()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void listsByNamespaceAndEqualityLabels() {
        cluster.create(configMap("a", "one", "app: web, tier: front"));
        cluster.create(configMap("a", "two", "app: db"));
        cluster.create(configMap("b", "three", "app: web"));

        assertThat(cluster.list(CONFIG_MAP, "a", LabelSelector.everything())).extracting(KubeObject::name)
                .containsExactlyInAnyOrder("one", "two");
        assertThat(cluster.list(CONFIG_MAP, "", LabelSelector.parse("app=web"))).extracting(KubeObject::name)
                .containsExactlyInAnyOrder("one", "three");
        assertThat(cluster.list(CONFIG_MAP, "a", LabelSelector.parse("app=web,tier=front"))).extracting(KubeObject::name)
                .containsExactly("one");
    }

    /** The label selectors the API server was asked for (the mock ignores set-based ones, so the request is what counts). */
    private java.util.List<String> selectorsSent() throws InterruptedException {
        java.util.List<String> out = new java.util.ArrayList<>();
        io.fabric8.mockwebserver.http.RecordedRequest r;
        while ((r = api.server.takeRequest(100, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("labelSelector=([^&]*)").matcher(r.getPath());
            if (m.find()) {
                out.add(java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void setBasedSelectorsAreSentToTheServer() throws Exception {
        cluster.list(CONFIG_MAP, "a", LabelSelector.parse("app in (web,db),!canary,tier notin (x)"));
        assertThat(selectorsSent()).containsExactly("app in (web,db),!canary,tier!=x");
    }

    @Test
    void theWatchLabelSelectorShardsOnlyTheControllersOwnKinds() throws Exception {
        KubernetesCluster shard1 = api.cluster(LabelSelector.parse("sharding.fluxcd.io/key=shard1"), java.time.Clock.systemUTC());
        {
            shard1.list(CANARY, "a", LabelSelector.parse("team=a"));
            shard1.list(GroupKind.of("kustomize.toolkit.fluxcd.io", "Kustomization"), "", LabelSelector.everything());
            shard1.list(CONFIG_MAP, "a", LabelSelector.everything());
            shard1.watch(CANARY, "a", "", e -> { }); // closed with the client
            assertThat(selectorsSent()).containsExactly("team=a,sharding.fluxcd.io/key=shard1",
                    "sharding.fluxcd.io/key=shard1", "sharding.fluxcd.io/key=shard1");
        }
    }

    @Test
    void aStaleStatusWriteIsAConflict() {
        // The CRUD mock accepts stale status writes (MockGapsIT); a real server answers 409 like this.
        KubeObject c = cluster.create(canary("apps", "podinfo", ""));
        api.server.expect().put().withPath("/apis/flagger.app/v1beta1/namespaces/apps/canaries/podinfo/status")
                .andReturn(409, """
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,
                         "message":"Operation cannot be fulfilled on canaries.flagger.app \\"podinfo\\": the object has been modified"}""")
                .once();
        assertThatThrownBy(() -> cluster.updateStatus(c.withStatus(dev.sluice.api.Json.parseObject("{\"phase\":\"Failed\"}"))))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("update status of Canary/apps/podinfo").contains("has been modified");
                });
    }

    @Test
    void impersonationSendsTheServiceAccountAsUser() throws Exception {
        while (api.server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
            // drain what the fixture sent
        }
        KubernetesCluster tenant = cluster.impersonating("team-a", "deployer");
        assertThat(cluster.impersonating("team-a", "deployer")).as("one client per account").isSameAs(tenant);
        tenant.create(configMap("team-a", "cfg", ""));
        io.fabric8.mockwebserver.http.RecordedRequest r = api.server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.getHeader("Impersonate-User")).isEqualTo("system:serviceaccount:team-a:deployer");
        // fabric8 adds one Impersonate-Group header per group; the mock's recording keeps only the last one.
        assertThat(r.getHeaders().headers("Impersonate-Group")).isNotEmpty();
    }

    @Test
    void connectBuildsARateLimitedClientFromOptions() {
        try (KubernetesCluster connected = KubernetesCluster.connect(api.options().withRateLimit(1000, 10))) {
            connected.create(configMap("a", "x", ""));
            assertThat(connected.namespace()).isEqualTo("sluice-system");
            assertThat(connected.get(ObjectKey.of("", "ConfigMap", "a", "x"))).isPresent();
        }
    }

    @Test
    void aNamespacedKindWithoutNamespaceIsRefusedClearly() {
        KubeObject noNs = KubeObject.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}");
        assertThatThrownBy(() -> cluster.create(noNs))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.getMessage()).contains("metadata.namespace");
                });
    }

    @Test
    void currentResourceVersionIsReadable() {
        cluster.create(configMap("a", "one", ""));
        assertThat(cluster.currentResourceVersion()).isNotNull();
    }
}
