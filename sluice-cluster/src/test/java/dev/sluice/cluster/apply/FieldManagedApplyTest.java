package dev.sluice.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldManagedApplyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    final FieldManagedApply ssa = new FieldManagedApply(SharedMergeKeys.builtin());

    static KubeObject yaml(String text) {
        return KubeObject.parse(text);
    }

    static KubeObject deployment(String specYaml) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: apps}
                spec:
                """ + specYaml.indent(2));
    }

    KubeObject apply(KubeObject live, KubeObject desired, String manager) {
        ApplyOutcome out = ssa.apply(Optional.ofNullable(live), desired, manager, false, T0);
        assertThat(out.conflicts()).as("conflicts").isEmpty();
        return out.object();
    }

    @Test
    void createRecordsAnApplyEntryInTheApiServersFormat() {
        KubeObject created = apply(null, deployment("""
                replicas: 2
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    containers:
                    - name: web
                      image: web:1
                      ports: [{containerPort: 8080}]
                """), "kustomize-controller");

        JsonNode entry = created.metadata().path("managedFields").get(0);
        assertThat(entry.path("manager").asText()).isEqualTo("kustomize-controller");
        assertThat(entry.path("operation").asText()).isEqualTo("Apply");
        assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(entry.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
        assertThat(entry.path("fieldsV1")).isEqualTo(Json.parseObject("""
                {"f:spec":{"f:replicas":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                 "f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:name":{},
                  "f:ports":{"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}
                """));
        assertThat(entry.has("subresource")).isFalse();
    }

    @Test
    void applyingTheSameObjectTwiceChangesNothing() {
        KubeObject desired = deployment("replicas: 2");
        KubeObject live = apply(null, desired, "sluice");
        ApplyOutcome again = ssa.apply(Optional.of(live), desired, "sluice", false, T1);
        assertThat(again.changed()).isFalse();
        assertThat(again.object()).isSameAs(live);
    }

    @Test
    void fieldsAManagerStopsApplyingAreRemoved() {
        KubeObject live = apply(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d, labels: {a: "1", b: "2"}}
                data: {x: "1", y: "2"}
                """), "sluice");
        KubeObject next = apply(live, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d, labels: {a: "1"}}
                data: {x: "1"}
                """), "sluice");
        assertThat(next.labels()).containsOnlyKeys("a");
        assertThat(next.field("data").has("y")).isFalse();
    }

    @Test
    void aMapLeftEmptyByRemovalIsDropped() {
        KubeObject live = apply(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d, annotations: {a: "1"}}
                """), "sluice");
        KubeObject next = apply(live, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d}
                """), "sluice");
        assertThat(next.metadata().has("annotations")).isFalse();
    }

    @Test
    void aFieldAnotherManagerAlsoAppliedSurvivesWhenOneStops() {
        String both = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d, labels: {shared: "yes"}}
                """;
        KubeObject live = apply(null, yaml(both), "a");
        live = apply(live, yaml(both), "b");
        KubeObject next = apply(live, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d}
                """), "a");
        assertThat(next.labels()).containsEntry("shared", "yes");
        assertThat(managers(next)).containsExactly("b/Apply");
    }

    @Test
    void fieldsOwnedByOthersAreKept() {
        KubeObject live = apply(null, deployment("replicas: 2"), "kustomize-controller");
        KubeObject annotated = ssa.update(Optional.of(live),
                live.edit(n -> n.withObject("metadata").withObject("annotations").put("note", "hi")), "kubectl-annotate",
                Subresource.MAIN, T1);
        KubeObject next = apply(annotated, deployment("replicas: 3"), "kustomize-controller");
        assertThat(next.annotations()).containsEntry("note", "hi");
        assertThat(next.at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void flaggerStyleScalingConflictsWithAnApplyOfReplicasUnlessForced() {
        KubeObject live = apply(null, deployment("replicas: 2"), "kustomize-controller");
        KubeObject scaled = ssa.update(Optional.of(live),
                live.edit(n -> n.withObject("spec").put("replicas", 0)), "flagger", Subresource.MAIN, T1);
        assertThat(managers(scaled)).containsExactly("flagger/Update");

        ApplyOutcome refused = ssa.apply(Optional.of(scaled), deployment("replicas: 2"), "kustomize-controller",
                false, T1);
        assertThat(refused.hasConflicts()).isTrue();
        assertThat(refused.object()).isSameAs(scaled);
        assertThat(refused.conflictMessage()).isEqualTo(
                "Apply failed with 1 conflict: conflict with \"flagger\" using apps/v1: .spec.replicas");

        ApplyOutcome forced = ssa.apply(Optional.of(scaled), deployment("replicas: 2"), "kustomize-controller",
                true, T1);
        assertThat(forced.conflicts()).isEmpty();
        assertThat(forced.object().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(managers(forced.object())).containsExactly("kustomize-controller/Apply");
    }

    @Test
    void fluxAndFlaggerCoexistWhenTheManifestLeavesReplicasOut() {
        KubeObject live = apply(null, deployment("paused: false"), "kustomize-controller");
        KubeObject scaled = ssa.update(Optional.of(live),
                live.edit(n -> n.withObject("spec").put("replicas", 0)), "flagger", Subresource.MAIN, T1);
        ApplyOutcome again = ssa.apply(Optional.of(scaled), deployment("paused: false"), "kustomize-controller",
                false, T1);
        assertThat(again.conflicts()).isEmpty();
        assertThat(again.changed()).isFalse();
        assertThat(again.object().at("/spec/replicas").asInt()).isZero();
    }

    @Test
    void theSameValueOwnedByAnotherManagerIsSharedNotAConflict() {
        KubeObject live = apply(null, deployment("replicas: 2"), "a");
        ApplyOutcome b = ssa.apply(Optional.of(live), deployment("replicas: 2"), "b", false, T1);
        assertThat(b.conflicts()).isEmpty();
        assertThat(b.changed()).as("ownership changed").isTrue();
        assertThat(managers(b.object())).containsExactly("a/Apply", "b/Apply");
    }

    @Test
    void containersMergeByNameAcrossManagers() {
        KubeObject live = apply(null, deployment("""
                template:
                  spec:
                    containers: [{name: web, image: web:1}]
                """), "flux");
        live = apply(live, deployment("""
                template:
                  spec:
                    containers: [{name: proxy, image: proxy:1}]
                """), "injector");
        assertThat(names(live)).containsExactly("web", "proxy");

        live = apply(live, deployment("""
                template:
                  spec:
                    containers: [{name: web, image: web:2}]
                """), "flux");
        assertThat(names(live)).containsExactly("web", "proxy");
        assertThat(live.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("web:2");

        live = apply(live, deployment("""
                template:
                  spec:
                    containers: [{name: other, image: other:1}]
                """), "flux");
        assertThat(names(live)).containsExactly("proxy", "other");
    }

    @Test
    void envAndPortsMergeByTheirKeysInsideAContainer() {
        KubeObject live = apply(null, deployment("""
                template:
                  spec:
                    containers:
                    - name: web
                      env: [{name: A, value: "1"}]
                      ports: [{containerPort: 80}]
                """), "a");
        live = apply(live, deployment("""
                template:
                  spec:
                    containers:
                    - name: web
                      env: [{name: B, value: "2"}]
                      ports: [{containerPort: 80, protocol: TCP, name: http}, {containerPort: 9090}]
                """), "b");
        JsonNode web = live.at("/spec/template/spec/containers/0");
        assertThat(web.path("env").findValuesAsText("name")).containsExactly("A", "B");
        assertThat(web.path("ports")).hasSize(2);
        assertThat(web.at("/ports/0/name").asText()).as("protocol defaults to TCP for the key").isEqualTo("http");
    }

    @Test
    void atomicListsAreReplacedWholesale() {
        KubeObject live = apply(null, deployment("""
                template:
                  spec:
                    containers: [{name: web, args: [a, b]}]
                """), "a");
        live = apply(live, deployment("""
                template:
                  spec:
                    containers: [{name: web, args: [c]}]
                """), "a");
        assertThat(live.at("/spec/template/spec/containers/0/args").toString()).isEqualTo("[\"c\"]");
    }

    @Test
    void servicePortsMergeByPortAndProtocol() {
        String svc = """
                apiVersion: v1
                kind: Service
                metadata: {name: s, namespace: d}
                spec:
                  ports: %s
                """;
        KubeObject live = apply(null, yaml(svc.formatted("[{port: 80, targetPort: 8080}]")), "a");
        live = apply(live, yaml(svc.formatted("[{port: 443, protocol: TCP}]")), "b");
        live = apply(live, yaml(svc.formatted("[{port: 80, targetPort: 9090}]")), "a");
        assertThat(live.at("/spec/ports").findValuesAsText("targetPort")).containsExactly("9090");
        assertThat(live.at("/spec/ports")).hasSize(2);
    }

    @Test
    void finalizersAreASet() {
        KubeObject live = apply(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d, finalizers: [a.io/one]}
                """), "a");
        live = ssa.update(Optional.of(live), live.edit(n -> n.withObject("metadata").withArray("finalizers").add("b.io/two")),
                "b", Subresource.MAIN, T1);
        live = apply(live, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d}
                """), "a");
        assertThat(live.finalizers()).containsExactly("b.io/two");
    }

    @Test
    void aListItemWithFieldsOwnedByOthersStaysWhenItsApplierStops() {
        KubeObject live = apply(null, deployment("""
                template:
                  spec:
                    containers: [{name: web, image: web:1}]
                """), "flux");
        live = ssa.update(Optional.of(live), live.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                n.at("/spec/template/spec/containers/0")).put("imagePullPolicy", "Always")), "kubectl-edit",
                Subresource.MAIN, T1);
        live = apply(live, deployment("paused: true"), "flux");
        JsonNode web = live.at("/spec/template/spec/containers/0");
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(web.has("image")).isFalse();
    }

    @Test
    void conflictsWithSeveralManagersAreListedPerManager() {
        KubeObject live = apply(null, deployment("{replicas: 1, paused: false}"), "a");
        live = ssa.update(Optional.of(live), live.edit(n -> n.withObject("spec").put("replicas", 5).put("paused", true)
                .put("minReadySeconds", 3)), "b", Subresource.MAIN, T1);
        ApplyOutcome out = ssa.apply(Optional.of(live), deployment("{replicas: 1, paused: false, minReadySeconds: 4}"),
                "a", false, T1);
        assertThat(out.conflictMessage()).isEqualTo("""
                Apply failed with 3 conflicts: conflicts with "b" using apps/v1:
                - .spec.minReadySeconds
                - .spec.paused
                - .spec.replicas""");
    }

    @Test
    void nullsStatusAndServerFieldsInTheAppliedObjectAreIgnored() {
        KubeObject live = apply(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: d, uid: forged, resourceVersion: "7", labels: {a: null}}
                data: {x: "1"}
                status: {phase: Forged}
                """), "a");
        assertThat(live.uid()).isEmpty();
        assertThat(live.resourceVersion()).isEmpty();
        assertThat(live.labels()).doesNotContainKey("a");
        assertThat(live.status().isMissingNode()).isTrue();
    }

    @Test
    void updateTakesOverChangedFieldsAndRecordsTheSubresource() {
        KubeObject live = apply(null, deployment("replicas: 2"), "a");
        KubeObject withStatus = ssa.update(Optional.of(live), live.withStatus(Json.parseObject("{\"replicas\":2}")),
                "workload-runner", Subresource.STATUS, T1);
        List<ManagedFieldsEntry> entries = FieldManagedApply.managedFields(withStatus);
        assertThat(entries).hasSize(2);
        ManagedFieldsEntry status = entries.get(1);
        assertThat(status.subresource()).isEqualTo(Subresource.STATUS);
        assertThat(status.fields()).isEqualTo(FieldSet.of(ManagedPath.of("status", "replicas")));
        assertThat(status.toNode().path("subresource").asText()).isEqualTo("status");
        assertThat(status.time()).isEqualTo(T1);
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheEntryAsItWas() {
        KubeObject live = ssa.update(Optional.empty(), deployment("replicas: 2"), "ctl", Subresource.MAIN, T0);
        KubeObject same = ssa.update(Optional.of(live), live, "ctl", Subresource.MAIN, T1);
        assertThat(same).isEqualTo(live);
    }

    @Test
    void untrackedChangesStripOwnershipWithoutAddingAManager() {
        KubeObject live = apply(null, yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  namespace: d
                  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: o, uid: u1}]
                """), "a");
        KubeObject orphaned = ssa.untracked(live, live.edit(n -> n.withObject("metadata").remove("ownerReferences")));
        assertThat(FieldManagedApply.managedFields(orphaned)).isEmpty();
        assertThat(orphaned.metadata().has("managedFields")).isFalse();
    }

    static List<String> managers(KubeObject o) {
        return FieldManagedApply.managedFields(o).stream()
                .map(e -> e.manager() + "/" + e.operation().wireName()).toList();
    }

    static List<String> names(KubeObject o) {
        return o.at("/spec/template/spec/containers").findValuesAsText("name");
    }
}
