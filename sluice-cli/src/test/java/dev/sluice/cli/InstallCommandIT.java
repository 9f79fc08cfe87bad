package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.install.InstallManifests;
import dev.sluice.kubernetes.install.InstallOptions;
import dev.sluice.server.kubernetes.MockKube;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice install}: the export, and the apply to a (mock) cluster. */
class InstallCommandIT {

    private static final java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> NUMERIC_VALUE = (a, b) ->
            a.equals(b) || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private final KubernetesCluster cluster = kube.cluster();

    @AfterEach
    void close() {
        kube.close();
    }

    @Test
    void exportPrintsEveryManifestAsYamlThatReadsBack() {
        CliRunner r = CliRunner.run("install", "--export", "--namespace", "gitops", "--image", "registry.example/sluice:1.2.3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("---\n");
        List<KubeObject> read = Yaml.readAll(r.out(), "install --export").stream().map(d -> KubeObject.of(d.content())).toList();
        List<KubeObject> expected = InstallManifests.all(InstallOptions.defaults().withNamespace("gitops")
                .withImage("registry.example/sluice:1.2.3"));
        assertThat(read).hasSameSizeAs(expected);
        for (int i = 0; i < read.size(); i++) {
            // Numbers compare by value: the YAML reader may pick another numeric node type than the generator.
            assertThat(read.get(i).toNode().equals(NUMERIC_VALUE, expected.get(i).toNode()))
                    .as("document %d, %s reads back unchanged", i, expected.get(i).key()).isTrue();
        }
        assertThat(read.stream().map(KubeObject::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "CustomResourceDefinition", "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
                "RoleBinding", "Deployment", "Service");
        assertThat(read.stream().filter(o -> o.kind().equals("CustomResourceDefinition")).map(KubeObject::name)
                .collect(Collectors.toSet())).contains("gitrepositories.source.toolkit.fluxcd.io",
                "kustomizations.kustomize.toolkit.fluxcd.io", "canaries.flagger.app");
        assertThat(r.out()).contains("image: registry.example/sluice:1.2.3");
    }

    @Test
    void appliesWithServerSideApplyAndWaitsForTheDeployment() throws Exception {
        Path config = kube.kubeconfig(tmp);
        var install = KubeFixtures.runAsync("install", "--kubeconfig", config.toString(), "--timeout", "30s");
        KubeFixtures.whenExists(cluster, KubeFixtures.CONTROLLER, () -> KubeFixtures.markReady(cluster, KubeFixtures.CONTROLLER));
        CliRunner r = install.get(40, TimeUnit.SECONDS);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("""
                ✚ generating manifests
                ✔ manifests build completed
                ► installing components in sluice-system namespace
                CustomResourceDefinition/""")
                .contains("\nCustomResourceDefinition/canaries.flagger.app created\n")
                .contains("\nNamespace/sluice-system created\n")
                .contains("\nDeployment/sluice-system/sluice-controller created\n")
                .endsWith("""
                        ◎ verifying installation
                        ✔ sluice-controller: deployment ready
                        ✔ install finished
                        """);
        Set<String> applied = kube.applies().stream().map(a -> a.path() + "?" + a.query()).collect(Collectors.toSet());
        assertThat(applied).contains(
                "/apis/apps/v1/namespaces/sluice-system/deployments/sluice-controller?fieldManager=sluice&force=true",
                "/api/v1/namespaces/sluice-system?fieldManager=sluice&force=true");
        assertThat(cluster.get(KubeFixtures.CONTROLLER).orElseThrow().at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("sluice/sluice:" + InstallOptions.VERSION);

        // Again: nothing changes, and the Deployment is ready at once.
        CliRunner again = CliRunner.run("install", "--kubeconfig", config.toString(), "--timeout", "5s");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("\nDeployment/sluice-system/sluice-controller unchanged\n");
    }

    @Test
    void aDeploymentThatNeverBecomesReadyFailsAtTheTimeout() {
        CliRunner r = CliRunner.run("install", "--kubeconfig", kube.kubeconfig(tmp).toString(), "--timeout", "1s");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("✗ sluice-controller: deployment not ready: InProgress (Replicas: 0/1)")
                .contains("✗ install failed: the controller is not ready after 1s");
    }
}
