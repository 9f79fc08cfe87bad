package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.install.InstallManifests;
import dev.sluice.kubernetes.install.InstallOptions;
import dev.sluice.server.kubernetes.MockKube;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice check [--pre]} on the mock, whose /version and access reviews are answered by expectations. */
class CheckCommandIT {

    private static final String SSAR = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private final KubernetesCluster cluster = kube.cluster();

    @AfterEach
    void close() {
        kube.close();
    }

    /** Answers every access review: allowed unless its resource is in {@code denied}. */
    private void accessReviews(Set<String> denied) {
        kube.server.expect().post().withPath(SSAR).andReply(201, req -> {
            var review = Json.parseObject(req.getUtf8Body());
            String resource = review.at("/spec/resourceAttributes/resource").asText();
            boolean allowed = !denied.contains(resource);
            review.putObject("status").put("allowed", allowed).put("reason", allowed ? "" : "RBAC: access denied");
            return review.toString();
        }).always();
    }

    private CliRunner check(String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "check";
        args[1] = "--kubeconfig";
        args[2] = kube.kubeconfig(tmp).toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return CliRunner.run(args);
    }

    @Test
    void preChecksTheVersionAndThePermissionsAnInstallNeeds() {
        kube.version(1, 33, 0);
        accessReviews(Set.of());

        CliRunner r = check("--pre");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                ► checking prerequisites
                ✔ Kubernetes 1.33.0 >=1.30.0-0
                ✔ can create customresourcedefinitions.apiextensions.k8s.io
                ✔ can create clusterroles.rbac.authorization.k8s.io
                ✔ can create clusterrolebindings.rbac.authorization.k8s.io
                ✔ can create namespaces
                ✔ can create serviceaccounts in namespace sluice-system
                ✔ can create roles.rbac.authorization.k8s.io in namespace sluice-system
                ✔ can create rolebindings.rbac.authorization.k8s.io in namespace sluice-system
                ✔ can create deployments.apps in namespace sluice-system
                ✔ can create services in namespace sluice-system
                ✔ prerequisites checks passed
                """);
    }

    @Test
    void preFailsOnAnOldVersionAndAMissingPermission() {
        kube.version(1, 29, 3);
        accessReviews(Set.of("customresourcedefinitions"));

        CliRunner r = check("--pre", "--namespace", "gitops");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("✗ Kubernetes version 1.29.3 does not match >=1.30.0-0\n")
                .contains("✗ cannot create customresourcedefinitions.apiextensions.k8s.io (RBAC: access denied)\n")
                .contains("✔ can create deployments.apps in namespace gitops\n")
                .endsWith("✗ prerequisites checks failed\n");
    }

    @Test
    void checkWithoutPreWantsTheControllerAndEveryCrdReady() {
        kube.version(1, 31, 4);
        CliRunner before = check();
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).contains("✗ sluice-controller: deployment not found in namespace sluice-system (run 'sluice install')")
                .contains("✗ canaries.flagger.app: not found (run 'sluice install')").endsWith("✗ some checks failed\n");

        for (KubeObject o : InstallManifests.all(InstallOptions.defaults())) {
            cluster.apply(o, ApplyOptions.as("sluice"));
        }
        InstallManifests.crds().forEach(crd -> KubeFixtures.establish(cluster, crd));
        KubeFixtures.markReady(cluster, KubeFixtures.CONTROLLER);

        CliRunner after = check();
        assertThat(after.exitCode()).as(after.out()).isZero();
        assertThat(after.out()).startsWith("""
                ► checking prerequisites
                ✔ Kubernetes 1.31.4 >=1.30.0-0
                ► checking controllers
                ✔ sluice-controller: deployment ready
                ► sluice/sluice:%s
                ► checking crds
                """.formatted(InstallOptions.VERSION))
                .contains("\n✔ canaries.flagger.app/v1beta1\n")
                .contains("\n✔ kustomizations.kustomize.toolkit.fluxcd.io/v1\n")
                .endsWith("✔ all checks passed\n");
    }
}
