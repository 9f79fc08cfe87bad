package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.cm;
import static dev.sluice.cluster.embedded.Fixtures.configMap;
import static dev.sluice.cluster.embedded.Fixtures.dependent;
import static dev.sluice.cluster.embedded.Fixtures.deployment;
import static dev.sluice.cluster.embedded.Fixtures.namespace;
import static dev.sluice.cluster.embedded.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.DeleteOptions.Propagation;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finalizers, garbage collection and namespaces. */
class LifecycleTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final EmbeddedCluster store = Fixtures.memoryStore(clock);

    @AfterEach
    void close() {
        store.close();
    }

    KubeObject withFinalizer(KubeObject o, String f) {
        return o.edit(n -> KubeObject.arrayOf(n.withObject("metadata"), "finalizers").add(f));
    }

    KubeObject withoutFinalizers(KubeObject o) {
        return o.edit(n -> n.withObject("metadata").remove("finalizers"));
    }

    KubeObject current(ObjectKey key) {
        return store.get(key).orElseThrow();
    }

    // ---- finalizers

    @Test
    void deletingAnObjectWithFinalizersOnlyMarksItAndBumpsGeneration() {
        KubeObject created = store.create(withFinalizer(deployment("default", "web", 1), "example.io/cleanup"));
        clock.advance(Duration.ofSeconds(30));
        store.delete(created.key(), DeleteOptions.background());
        KubeObject deleting = current(created.key());
        assertThat(deleting.deletionTimestamp()).contains("2026-01-01T00:00:30Z");
        assertThat(deleting.generation()).isEqualTo(2);
        assertThat(deleting.metadata().path("deletionGracePeriodSeconds").asInt(-1)).isZero();

        store.delete(created.key(), DeleteOptions.background());
        assertThat(current(created.key()).resourceVersion()).as("a second delete is a no-op")
                .isEqualTo(deleting.resourceVersion());

        store.update(withoutFinalizers(deleting));
        assertThat(store.get(created.key())).isEmpty();
    }

    @Test
    void noNewFinalizersWhileDeleting() {
        KubeObject created = store.create(withFinalizer(configMap("default", "c", "{}"), "a.io/x"));
        store.delete(created.key(), DeleteOptions.background());
        assertThatThrownBy(() -> store.update(withFinalizer(current(created.key()), "b.io/y")))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.diagnostics().get(0).path()).hasToString("metadata.finalizers");
                })
                .hasMessageContaining("[b.io/y]");
    }

    @Test
    void deletingAMissingObjectIsNotFoundAndAStalePreconditionIsAConflict() {
        assertThatThrownBy(() -> store.delete(cm("default", "nope"), DeleteOptions.background()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        KubeObject c = store.create(configMap("default", "c", "{}"));
        assertThatThrownBy(() -> store.delete(c.key(), new DeleteOptions(Propagation.BACKGROUND, "1")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        store.delete(c.key(), new DeleteOptions(Propagation.BACKGROUND, c.resourceVersion()));
        assertThat(store.get(c.key())).isEmpty();
    }

    // ---- garbage collection

    @Test
    void backgroundDeletionCollectsDependentsAndTheirDependents() {
        KubeObject owner = store.create(deployment("default", "web", 1));
        KubeObject child = store.create(dependent(owner, "child", false));
        store.create(dependent(child, "grandchild", false));
        store.delete(owner.key(), DeleteOptions.background());
        assertThat(store.get(owner.key())).isEmpty();
        assertThat(store.get(cm("default", "child"))).isEmpty();
        assertThat(store.get(cm("default", "grandchild"))).isEmpty();
    }

    @Test
    void dependentsOfAnOwnerWithFinalizersStayUntilTheOwnerGoes() {
        KubeObject owner = store.create(withFinalizer(deployment("default", "web", 1), "a.io/x"));
        store.create(dependent(owner, "child", false));
        store.delete(owner.key(), DeleteOptions.background());
        assertThat(store.get(cm("default", "child"))).isPresent();
        store.update(withoutFinalizers(current(owner.key())));
        assertThat(store.get(cm("default", "child"))).isEmpty();
    }

    @Test
    void aDependentWithAnotherLivingOwnerOnlyLosesTheDanglingReference() {
        KubeObject a = store.create(configMap("default", "a", "{}"));
        KubeObject b = store.create(configMap("default", "b", "{}"));
        KubeObject shared = dependent(a, "shared", false).edit(n -> KubeObject.arrayOf(n.withObject("metadata"), "ownerReferences")
                .add(dev.sluice.api.OwnerReference.controllerOf(b).toNode()));
        store.create(shared);
        store.delete(a.key(), DeleteOptions.background());
        KubeObject left = current(cm("default", "shared"));
        assertThat(left.ownerReferences()).extracting(r -> r.name()).containsExactly("b");
    }

    @Test
    void foregroundDeletionWaitsForBlockingDependents() {
        KubeObject owner = store.create(deployment("default", "web", 1));
        store.create(withFinalizer(dependent(owner, "blocking", true), "a.io/x"));
        store.create(withFinalizer(dependent(owner, "not-blocking", false), "a.io/x"));
        store.delete(owner.key(), DeleteOptions.foreground());

        KubeObject waiting = current(owner.key());
        assertThat(waiting.finalizers()).containsExactly(Lifecycle.FOREGROUND);
        assertThat(waiting.isDeleting()).isTrue();
        assertThat(current(cm("default", "blocking")).isDeleting()).isTrue();
        assertThat(current(cm("default", "not-blocking")).isDeleting()).as("every dependent is deleted").isTrue();

        store.update(withoutFinalizers(current(cm("default", "blocking"))));
        assertThat(store.get(owner.key())).as("owner goes when the last blocking dependent is gone").isEmpty();
        assertThat(store.get(cm("default", "not-blocking"))).as("held by its own finalizer").isPresent();
    }

    @Test
    void foregroundDeletionWithoutBlockingDependentsRemovesTheOwnerAtOnce() {
        KubeObject owner = store.create(deployment("default", "web", 1));
        store.create(dependent(owner, "child", true));
        store.delete(owner.key(), DeleteOptions.foreground());
        assertThat(store.get(owner.key())).isEmpty();
        assertThat(store.get(cm("default", "child"))).isEmpty();
    }

    @Test
    void orphanDeletionKeepsDependentsWithoutTheReference() {
        KubeObject owner = store.create(deployment("default", "web", 1));
        store.create(dependent(owner, "child", true));
        store.delete(owner.key(), new DeleteOptions(Propagation.ORPHAN, ""));
        assertThat(store.get(owner.key())).isEmpty();
        KubeObject child = current(cm("default", "child"));
        assertThat(child.ownerReferences()).isEmpty();
        assertThat(child.metadata().has("ownerReferences")).isFalse();
    }

    // ---- namespaces

    @Test
    void theDefaultNamespaceExistsAndIsActive() {
        assertThat(current(new ObjectKey(Fixtures.NAMESPACE, "", "default")).at("/status/phase").asText()).isEqualTo("Active");
    }

    @Test
    void objectsInAMissingNamespaceAreForbidden() {
        assertThatThrownBy(() -> store.create(configMap("nowhere", "c", "{}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN))
                .hasMessage("namespace \"nowhere\" does not exist: create the Namespace before ConfigMap/nowhere/c");
    }

    @Test
    void aTerminatingNamespaceDeletesItsContentsAndGoesWhenEmpty() {
        store.create(namespace("apps"));
        store.create(configMap("apps", "plain", "{}"));
        store.create(withFinalizer(configMap("apps", "held", "{}"), "a.io/x"));
        store.delete(new ObjectKey(Fixtures.NAMESPACE, "", "apps"), DeleteOptions.background());

        KubeObject ns = current(new ObjectKey(Fixtures.NAMESPACE, "", "apps"));
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Terminating");
        assertThat(store.get(cm("apps", "plain"))).isEmpty();
        assertThat(current(cm("apps", "held")).isDeleting()).isTrue();

        assertThatThrownBy(() -> store.create(configMap("apps", "new", "{}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN))
                .hasMessageContaining("is being terminated");
        store.update(withoutFinalizers(current(cm("apps", "held"))));
        assertThat(store.get(new ObjectKey(Fixtures.NAMESPACE, "", "apps"))).isEmpty();
    }

    @Test
    void anEmptyNamespaceIsRemovedAtOnce() {
        store.create(namespace("empty"));
        store.delete(new ObjectKey(Fixtures.NAMESPACE, "", "empty"), DeleteOptions.background());
        assertThat(store.get(new ObjectKey(Fixtures.NAMESPACE, "", "empty"))).isEmpty();
    }

    @Test
    void clusterScopedKindsIgnoreANamespaceAndNamespacedKindsRequireOne() {
        KubeObject role = store.create(yaml("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r, namespace: default}}"));
        assertThat(role.namespace()).isEmpty();
        assertThat(store.get(ObjectKey.of("rbac.authorization.k8s.io", "ClusterRole", "default", "r"))).isPresent();
        assertThatThrownBy(() -> store.create(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("metadata.namespace: required for the namespaced kind ConfigMap");
    }

    @Test
    void unknownKindsAreAcceptedLeniently() {
        KubeObject namespaced = store.create(yaml("{apiVersion: example.io/v1, kind: Widget, metadata: {name: w, namespace: default}}"));
        KubeObject cluster = store.create(yaml("{apiVersion: example.io/v1, kind: Widget, metadata: {name: g}}"));
        assertThat(namespaced.namespace()).isEqualTo("default");
        assertThat(cluster.namespace()).isEmpty();
        assertThat(store.list(namespaced.groupKind(), "", null)).hasSize(2);
    }

    // ---- CustomResourceDefinitions

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.io}
            spec:
              group: example.io
              scope: %s
              names: {kind: Gadget, plural: gadgets, shortNames: [gd]}
              versions:
              - {name: v1beta1, served: true, storage: false}
              - {name: v1, served: true, storage: true}
            """;

    @Test
    void aCrdRegistersItsKindScopeAndIsEstablished() {
        KubeObject crd = store.apply(yaml(CRD.formatted("Cluster")), dev.sluice.cluster.ApplyOptions.as("sluice")).object();
        assertThat(crd.status().path("conditions").findValuesAsText("type")).containsExactly("NamesAccepted", "Established");
        assertThat(crd.at("/status/storedVersions/0").asText()).isEqualTo("v1");
        KubeObject gadget = store.create(yaml("{apiVersion: example.io/v1, kind: Gadget, metadata: {name: g, namespace: default}}"));
        assertThat(gadget.namespace()).as("cluster-scoped by its CRD").isEmpty();
    }

    @Test
    void aNamespacedCrdMakesItsKindRequireANamespace() {
        store.create(yaml(CRD.formatted("Namespaced")));
        assertThatThrownBy(() -> store.create(yaml("{apiVersion: example.io/v1, kind: Gadget, metadata: {name: g}}")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
    }

    @Test
    void anInvalidCrdIsRefusedWithEveryProblem() {
        assertThatThrownBy(() -> store.create(yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: x.example.io}
                spec: {group: example.io, scope: Everywhere, names: {plural: x}}
                """)))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.diagnostics()).extracting(d -> d.path().toString())
                            .containsExactly("spec.names.kind", "spec.scope", "spec.versions");
                });
    }

    @Test
    void deletingACrdDeletesItsInstances() {
        KubeObject crd = store.create(yaml(CRD.formatted("Namespaced")));
        store.create(yaml("{apiVersion: example.io/v1, kind: Gadget, metadata: {name: g, namespace: default}}"));
        store.delete(crd.key(), DeleteOptions.background());
        assertThat(store.list(dev.sluice.api.GroupKind.of("example.io", "Gadget"), "", null)).isEmpty();
    }

    static List<String> names(List<KubeObject> l) {
        return l.stream().map(KubeObject::name).toList();
    }
}
