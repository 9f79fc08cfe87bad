package dev.sluice.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KubeSchemaTest {

    private final KubeSchema schema = KubeSchema.builtin();

    @Test
    void podTemplateListsMergeByTheirKubernetesKeys() {
        List<String> containers = List.of("spec", "template", "spec", "containers");
        assertThat(MergeKeys.listKey("apps/v1", "Deployment", containers)).contains("name");
        assertThat(MergeKeys.listKey("batch/v1", "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec", "containers", "env")))
                .contains("name");
        assertThat(MergeKeys.listKey("v1", "Pod", List.of("spec", "containers", "ports"))).contains("containerPort");
        assertThat(MergeKeys.listKey("apps/v1", "StatefulSet", List.of("spec", "template", "spec", "containers", "volumeMounts")))
                .contains("mountPath");
        assertThat(MergeKeys.listKey("v1", "Service", List.of("spec", "ports"))).contains("port");
    }

    @Test
    void unknownListsAreAtomic() {
        assertThat(MergeKeys.strategy("apps/v1", "Deployment", List.of("spec", "template", "spec", "containers", "args")))
                .isEqualTo(ListStrategy.ATOMIC);
        assertThat(MergeKeys.strategy("flagger.app/v1beta1", "Canary", List.of("spec", "analysis", "metrics")))
                .isEqualTo(ListStrategy.ATOMIC);
        assertThat(MergeKeys.strategy("v1", "ConfigMap", List.of("metadata", "finalizers"))).isEqualTo(ListStrategy.SET);
    }

    @Test
    void knowsScopeNameReferencesAndNamespaceFields() {
        assertThat(schema.isClusterScoped("rbac.authorization.k8s.io", "ClusterRole")).isTrue();
        assertThat(schema.isClusterScoped("", "ConfigMap")).isFalse();
        assertThat(schema.nameReferences())
                .anySatisfy(r -> {
                    assertThat(r.referral().kind()).isEqualTo("ConfigMap");
                    assertThat(r.referrer().matches("apps", "Deployment")).isTrue();
                    assertThat(r.path()).containsExactly("spec", "template", "spec", "containers", "envFrom", "configMapRef", "name");
                });
        assertThat(schema.nameReferences())
                .anySatisfy(r -> assertThat(r.path()).containsExactly("metadata", "annotations", "nginx.ingress.kubernetes.io/auth-secret"));
        assertThat(schema.namespaceFields()).anySatisfy(f -> assertThat(f.whenKind()).isEqualTo("ServiceAccount"));
    }

    @Test
    void derivedSchemasAddCustomKeys() {
        KubeSchema custom = schema.withListKeys("example.com", "Thing", java.util.Map.of("spec/items", "id"));
        assertThat(custom.listKey("example.com", "Thing", List.of("spec", "items"))).contains("id");
        assertThat(schema.listKey("example.com", "Thing", List.of("spec", "items"))).isEmpty();
    }
}
