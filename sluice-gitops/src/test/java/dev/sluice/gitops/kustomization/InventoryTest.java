package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {

    private static final ObjectKey DEPLOY = ObjectKey.of("apps", "Deployment", "default", "podinfo");
    private static final ObjectKey SVC = ObjectKey.of("", "Service", "default", "podinfo");
    private static final ObjectKey NS = ObjectKey.of("", "Namespace", "", "foo");

    @Test
    void writesFluxIdsAndReadsThemBack() {
        Inventory inv = new Inventory(Map.of(DEPLOY, "v1", SVC, "v1", NS, "v1"));
        var status = Json.object();
        status.set("inventory", inv.toNode());
        assertThat(status.at("/inventory/entries/0/id").asText()).isEqualTo("_foo__Namespace");
        assertThat(status.toString()).contains("default_podinfo_apps_Deployment").contains("default_podinfo__Service");
        assertThat(Inventory.fromStatus(status).entries()).isEqualTo(inv.entries());
    }

    @Test
    void staleObjectsAreThoseThatLeft() {
        Inventory before = new Inventory(Map.of(DEPLOY, "v1", SVC, "v1"));
        Inventory after = new Inventory(Map.of(DEPLOY, "v1"));
        assertThat(before.staleComparedTo(after)).containsExactly(SVC);
        assertThat(after.staleComparedTo(before)).isEmpty();
    }

    @Test
    void stagesPutDefinitionsAndClassesFirst() {
        KubeObject crd = KubeObject.parse("{apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: x.example.com}}");
        KubeObject ns = KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: apps}}");
        KubeObject ic = KubeObject.parse("{apiVersion: networking.k8s.io/v1, kind: IngressClass, metadata: {name: nginx}}");
        KubeObject dep = KubeObject.parse("{apiVersion: apps/v1, kind: Deployment, metadata: {name: a, namespace: apps}}");
        var stages = ApplyStage.split(List.of(dep, ic, ns, crd));
        assertThat(stages.get(ApplyStage.DEFINITIONS)).containsExactlyInAnyOrder(crd, ns);
        assertThat(stages.get(ApplyStage.CLASSES)).containsExactly(ic);
        assertThat(stages.get(ApplyStage.RESOURCES)).containsExactly(dep);
    }
}
