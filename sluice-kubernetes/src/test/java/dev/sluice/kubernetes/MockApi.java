package dev.sluice.kubernetes;

import dev.sluice.api.LabelSelector;
import dev.sluice.api.ResourceTypes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode (with expectations taking precedence, for the paths the
 * CRUD mode cannot serve), bound to 127.0.0.1 over plain HTTP, and adapters connected to it. Field
 * selectors pass through {@link FieldSelectorDispatcher}.
 */
final class MockApi implements AutoCloseable {

    final KubernetesMockServer server;
    final FieldSelectorDispatcher fieldSelectors;

    MockApi() {
        this(true);
    }

    /** @param fieldSelectorWorkaround false for the mock exactly as fabric8 ships it */
    MockApi(boolean fieldSelectorWorkaround) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        fieldSelectors = new FieldSelectorDispatcher(crud);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                fieldSelectorWorkaround ? fieldSelectors : crud, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    KubernetesOptions options() {
        return KubernetesOptions.defaults().withMasterUrl(server.url("/")).withNamespace("sluice-system")
                .withRateLimit(0, 0);
    }

    KubernetesClient client() {
        return Clients.create(options());
    }

    KubernetesCluster cluster() {
        return cluster(LabelSelector.everything(), Clock.systemUTC());
    }

    KubernetesCluster cluster(LabelSelector shard, Clock clock) {
        return new KubernetesCluster(client(), ResourceTypes.builtIn(), shard, "sluice-test-0", clock);
    }

    @Override
    public void close() {
        server.destroy();
    }
}
