package dev.sluice.kubernetes.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ResourceTypes;
import dev.sluice.kubernetes.Clients;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.KubernetesOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The install manifests created on the CRUD mock, typed and through the adapter. */
class InstallManifestsIT {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = Clients.create(options());
    }

    private KubernetesOptions options() {
        return KubernetesOptions.defaults().withMasterUrl(server.url("/")).withNamespace("sluice-system").withRateLimit(0, 0);
    }

    @AfterEach
    void stop() {
        server.destroy();
        client.close();
    }

    @Test
    void everyObjectIsAcceptedAsItsTypedKind() {
        List<KubeObject> all = InstallManifests.all(InstallOptions.defaults());
        for (KubeObject o : all) {
            HasMetadata typed = TypedModel.typed(o);
            HasMetadata created = client.resource(typed).create();
            assertThat(created.getMetadata().getResourceVersion()).as("created %s", o).isNotEmpty();
        }
        Deployment d = client.apps().deployments().inNamespace("sluice-system").withName("sluice-controller").get();
        assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("sluice-controller");
        assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
                .extracting(c -> c.getMetadata().getName()).contains("canaries.flagger.app", "kustomizations.kustomize.toolkit.fluxcd.io");
    }

    @Test
    void theAdapterCreatesThemToo() {
        try (KubernetesCluster cluster = new KubernetesCluster(Clients.create(options()), ResourceTypes.builtIn(),
                LabelSelector.everything(), "test", Clock.systemUTC())) {
            for (KubeObject o : InstallManifests.controller(InstallOptions.defaults().withNamespace("gitops"))) {
                cluster.create(o);
            }
            assertThat(cluster.get(dev.sluice.api.ObjectKey.of("apps", "Deployment", "gitops", "sluice-controller"))).isPresent();
            assertThat(cluster.get(dev.sluice.api.ObjectKey.of("rbac.authorization.k8s.io", "ClusterRoleBinding", "",
                    "sluice-cluster-reconciler"))).isPresent();
        }
    }
}
