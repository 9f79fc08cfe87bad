package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.cm;
import static dev.sluice.cluster.embedded.Fixtures.configMap;
import static dev.sluice.cluster.embedded.Fixtures.deploy;
import static dev.sluice.cluster.embedded.Fixtures.deployment;
import static dev.sluice.cluster.embedded.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import dev.sluice.cluster.apply.FieldManagedApply;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrudSemanticsTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster store = Fixtures.memoryStore(clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createSetsUidCreationTimestampGenerationAndResourceVersion() {
        String before = store.currentResourceVersion();
        KubeObject created = store.create(deployment("default", "web", 1));
        assertThat(created.uid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(created.metadata().path("creationTimestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(created.generation()).isEqualTo(1);
        assertThat(Long.parseLong(created.resourceVersion())).isGreaterThan(Long.parseLong(before));
        assertThat(store.currentResourceVersion()).isEqualTo(created.resourceVersion());
        assertThat(store.get(created.key())).contains(created);
    }

    @Test
    void uidsComeFromTheInjectedRandomGenerator() {
        EmbeddedCluster a = Fixtures.memoryStore(clock);
        EmbeddedCluster b = Fixtures.memoryStore(clock);
        assertThat(a.create(configMap("default", "x", "{}")).uid()).isEqualTo(b.create(configMap("default", "x", "{}")).uid());
        a.close();
        b.close();
    }

    @Test
    void createRecordsTheFieldManager() {
        KubeObject created = store.create(configMap("default", "c", "{a: '1'}"), "kustomize-controller");
        assertThat(FieldManagedApply.managedFields(created)).singleElement()
                .satisfies(e -> assertThat(e.manager()).isEqualTo("kustomize-controller"))
                .satisfies(e -> assertThat(e.operation().wireName()).isEqualTo("Update"));
    }

    @Test
    void createOfAnExistingObjectIsAlreadyExists() {
        store.create(configMap("default", "c", "{}"));
        assertThatThrownBy(() -> store.create(configMap("default", "c", "{}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessage("ConfigMap/default/c already exists");
    }

    @Test
    void createRefusesAResourceVersionAndDropsStatus() {
        assertThatThrownBy(() -> store.create(configMap("default", "c", "{}").withMetadata("resourceVersion", "3")))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.diagnostics().get(0).path()).hasToString("metadata.resourceVersion");
                })
                .hasMessageContaining("must not be set on create, got '3'");
        KubeObject created = store.create(deployment("default", "web", 1).withStatus(Json.parseObject("{\"replicas\":9}")));
        assertThat(created.status().isMissingNode()).isTrue();
    }

    @Test
    void updateWithAStaleResourceVersionIsAConflict() {
        KubeObject v1 = store.create(configMap("default", "c", "{a: '1'}"));
        store.update(v1.edit(n -> n.withObject("data").put("a", "2")));
        assertThatThrownBy(() -> store.update(v1.edit(n -> n.withObject("data").put("a", "3"))))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("the object has been modified");
        assertThat(store.get(cm("default", "c")).orElseThrow().at("/data/a").asText()).isEqualTo("2");
    }

    @Test
    void updateWithoutAResourceVersionIsUnconditional() {
        store.create(configMap("default", "c", "{a: '1'}"));
        KubeObject updated = store.update(configMap("default", "c", "{a: '2'}"));
        assertThat(updated.at("/data/a").asText()).isEqualTo("2");
    }

    @Test
    void updateOfAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> store.update(configMap("default", "nope", "{}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void updateWithTheUidOfAnEarlierIncarnationIsAConflict() {
        KubeObject first = store.create(configMap("default", "c", "{}"));
        store.delete(first.key(), dev.sluice.cluster.DeleteOptions.background());
        store.create(configMap("default", "c", "{}"));
        assertThatThrownBy(() -> store.update(first.withMetadata("resourceVersion", "")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("uid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            spec change bumps generation      | /spec/replicas       | 5       | 2
            label change keeps generation     | /metadata/labels/app | other   | 1
            annotation keeps generation       | /metadata/annotations/x | y    | 1
            """)
    void generationIsBumpedOnlyOnSpecChanges(String name, String pointer, String value, long expected) {
        KubeObject v1 = store.create(deployment("default", "web", 1));
        KubeObject changed = v1.edit(n -> {
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            String field = pointer.substring(pointer.lastIndexOf('/') + 1);
            com.fasterxml.jackson.databind.node.ObjectNode p = n.withObject(parent);
            if (field.equals("replicas")) {
                p.put(field, Integer.parseInt(value));
            } else {
                p.put(field, value);
            }
        });
        assertThat(store.update(changed).generation()).isEqualTo(expected);
    }

    @Test
    void updateIgnoresStatusAndServerFields() {
        KubeObject v1 = store.create(deployment("default", "web", 1));
        KubeObject withStatus = store.updateStatus(v1.withStatus(Json.parseObject("{\"readyReplicas\":1}")));
        KubeObject attempt = withStatus.edit(n -> {
            n.set("status", Json.parseObject("{\"readyReplicas\":42}"));
            n.withObject("metadata").put("generation", 99).put("creationTimestamp", "1999-01-01T00:00:00Z");
            n.withObject("spec").put("replicas", 3);
        });
        KubeObject updated = store.update(attempt);
        assertThat(updated.at("/status/readyReplicas").asInt()).isEqualTo(1);
        assertThat(updated.uid()).isEqualTo(v1.uid());
        assertThat(updated.generation()).isEqualTo(2);
        assertThat(updated.metadata().path("creationTimestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void updateStatusChangesOnlyStatusWithTheSameLockingAndNoGenerationBump() {
        KubeObject v1 = store.create(deployment("default", "web", 1));
        KubeObject attempt = v1.edit(n -> {
            n.set("status", Json.parseObject("{\"observedGeneration\":1}"));
            n.withObject("spec").put("replicas", 7);
            n.withObject("metadata").withObject("labels").put("sneaky", "yes");
        });
        KubeObject v2 = store.updateStatus(attempt);
        assertThat(v2.at("/status/observedGeneration").asInt()).isEqualTo(1);
        assertThat(v2.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(v2.labels()).doesNotContainKey("sneaky");
        assertThat(v2.generation()).isEqualTo(1);
        assertThatThrownBy(() -> store.updateStatus(attempt))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheResourceVersion() {
        KubeObject v1 = store.create(configMap("default", "c", "{a: '1'}"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.update(v1)).isEqualTo(v1);
        assertThat(store.currentResourceVersion()).isEqualTo(v1.resourceVersion());
    }

    @Test
    void listsByNamespaceAndLabelSelectorSortedByName() {
        store.create(Fixtures.namespace("other"));
        store.create(deployment("default", "b", 1).edit(n -> n.withObject("metadata").withObject("labels").put("tier", "web")));
        store.create(deployment("default", "a", 1).edit(n -> n.withObject("metadata").withObject("labels").put("tier", "db")));
        store.create(deployment("other", "c", 1).edit(n -> n.withObject("metadata").withObject("labels").put("tier", "web")));
        store.create(deployment("default", "d", 1));

        assertThat(names(store.list(Fixtures.DEPLOYMENT, "", LabelSelector.everything()))).containsExactly("a", "b", "d", "c");
        assertThat(names(store.list(Fixtures.DEPLOYMENT, "default", LabelSelector.everything()))).containsExactly("a", "b", "d");
        assertThat(names(store.list(Fixtures.DEPLOYMENT, "", LabelSelector.parse("tier=web")))).containsExactly("b", "c");
        assertThat(names(store.list(Fixtures.DEPLOYMENT, "", LabelSelector.parse("tier in (web,db),app!=c"))))
                .containsExactly("a", "b");
        assertThat(names(store.list(Fixtures.DEPLOYMENT, "", LabelSelector.parse("!tier")))).containsExactly("d");
        assertThat(names(store.list(Fixtures.DEPLOYMENT, "defaul", LabelSelector.everything()))).isEmpty();
    }

    @Test
    void getOfAMissingObjectIsEmpty() {
        assertThat(store.get(deploy("default", "nope"))).isEmpty();
    }

    @Test
    void invalidNamesAreRefusedWithTheFieldAndValue() {
        assertThatThrownBy(() -> store.create(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: 'a/b', namespace: default}}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("metadata.name").hasMessageContaining("'a/b'");
    }

    @Test
    void concurrentReadModifyWriteLoopsWithConflictRetriesLoseNoUpdate() throws Exception {
        store.create(configMap("default", "counter", "{n: '0'}"));
        int threads = 4;
        int increments = 25;
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        KubeObject cur = store.get(cm("default", "counter")).orElseThrow();
                        int n = Integer.parseInt(cur.at("/data/n").asText());
                        try {
                            store.update(cur.edit(x -> x.withObject("data").put("n", Integer.toString(n + 1))));
                            break;
                        } catch (ClusterException e) {
                            assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                        }
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join(30_000);
        }
        assertThat(store.get(cm("default", "counter")).orElseThrow().at("/data/n").asInt()).isEqualTo(threads * increments);
    }

    @Test
    void applyRequiresAFieldManager() {
        assertThatThrownBy(() -> store.apply(configMap("default", "c", "{}"),
                new dev.sluice.cluster.ApplyOptions("", true, false)))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("fieldManager");
    }

    static java.util.List<String> names(java.util.List<KubeObject> objects) {
        return objects.stream().map(KubeObject::name).toList();
    }
}
