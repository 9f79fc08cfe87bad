package dev.sluice.kubernetes.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallManifestsTest {

    private static final List<KubeObject> ALL = InstallManifests.all(InstallOptions.defaults());

    private static <T> T one(Class<T> type, String name) {
        return ALL.stream().map(TypedModel::typed).filter(type::isInstance).map(type::cast)
                .filter(t -> ((HasMetadata) t).getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyDocumentParsesIntoFabric8sTypedModelWithNoUnknownField() {
        assertThat(ALL).hasSizeGreaterThan(10);
        for (KubeObject o : ALL) {
            HasMetadata typed = TypedModel.typed(o);
            assertThat(typed.getKind()).isEqualTo(o.kind());
            assertThat(TypedModel.unknownFields(typed)).as("fields fabric8's %s model does not know in %s", o.kind(), o)
                    .isEmpty();
        }
    }

    @Test
    void theUnknownFieldCheckCatchesTypos() {
        KubeObject typo = ALL.stream().filter(o -> o.kind().equals("Deployment")).findFirst().orElseThrow()
                .edit(n -> n.with("spec").with("template").with("spec").put("serviceAcountName", "x"));
        assertThat(TypedModel.unknownFields(TypedModel.typed(typo))).containsExactly("spec.template.spec.serviceAcountName");
    }

    @Test
    void crdsComeFirstThenTheNamespace() {
        int firstNonCrd = 0;
        while (ALL.get(firstNonCrd).kind().equals("CustomResourceDefinition")) {
            firstNonCrd++;
        }
        assertThat(firstNonCrd).isGreaterThanOrEqualTo(8);
        assertThat(ALL.get(firstNonCrd).kind()).isEqualTo("Namespace");
        assertThat(ALL.subList(0, firstNonCrd)).extracting(o -> TypedModel.typed(o))
                .allSatisfy(c -> assertThat(((CustomResourceDefinition) c).getSpec().getVersions()).isNotEmpty());
    }

    @Test
    void theControllerRunsHardenedWithProbesAndScratchVolumes() {
        Deployment d = one(Deployment.class, "sluice-controller");
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp", "/var/cache/sluice");
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(c.getArgs()).containsExactly("controller", "--leader-elect", "--concurrent=4", "--log-format=json",
                "--kube-api-qps=50", "--kube-api-burst=300", "--metrics-addr=:8080", "--health-addr=:9440",
                "--receiver-addr=:9292", "--cache-dir=/var/cache/sluice");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
    }

    @Test
    void flagsFollowTheOptions() {
        InstallOptions o = InstallOptions.defaults().withWatchLabelSelector("sharding.fluxcd.io/key=shard1").withReplicas(1, false);
        assertThat(ControllerDeployment.args(o)).contains("--watch-label-selector=sharding.fluxcd.io/key=shard1")
                .doesNotContain("--leader-elect");
    }

    @Test
    void rbacIsLeastPrivilegeWithClusterAdminOnlyAsTheOptionalReconcilerBinding() {
        ClusterRole role = one(ClusterRole.class, "sluice-controller");
        assertThat(role.getRules()).noneMatch(r -> r.getVerbs().contains("*"));
        assertThat(role.getRules()).anyMatch(r -> r.getResources().contains("serviceaccounts") && r.getVerbs().equals(List.of("impersonate")));
        PolicyRule status = role.getRules().stream().filter(r -> r.getResources().contains("*/status")).findFirst().orElseThrow();
        assertThat(status.getApiGroups()).contains("flagger.app", "kustomize.toolkit.fluxcd.io");
        Role lease = one(Role.class, "sluice-leader-election");
        assertThat(lease.getMetadata().getNamespace()).isEqualTo("sluice-system");
        assertThat(lease.getRules().get(0).getResources()).containsExactly("leases");
        assertThat(one(ClusterRoleBinding.class, "sluice-cluster-reconciler").getRoleRef().getName()).isEqualTo("cluster-admin");

        List<KubeObject> locked = InstallManifests.controller(InstallOptions.defaults().withClusterAdmin(false));
        assertThat(locked).noneMatch(o -> o.name().equals("sluice-cluster-reconciler"));
    }

    @Test
    void yamlExportReadsBackAsTheSameObjects() {
        String yaml = InstallManifests.yaml(InstallOptions.defaults());
        List<KubeObject> back = Yaml.readAll(yaml, "export.yaml").stream().map(d -> KubeObject.of(d.content())).toList();
        assertThat(back).hasSameSizeAs(ALL);
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i).toJson()).as("document %d, %s", i, ALL.get(i)).isEqualTo(ALL.get(i).toJson());
        }
    }

    @Test
    void badOptionsAreRefusedWithTheFlagName() {
        assertThatThrownBy(() -> InstallOptions.defaults().withNamespace("Sluice_System")).hasMessageContaining("--namespace 'Sluice_System'");
        assertThatThrownBy(() -> InstallOptions.defaults().withReplicas(2, false)).hasMessageContaining("--leader-elect");
    }
}
