package dev.sluice.server.kubernetes;

import dev.sluice.api.KubeObject;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.KubernetesOptions;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * fabric8's mock API server for tests of Kubernetes mode: CRUD mode, expectations first (set them on
 * {@link #server}), 127.0.0.1 over plain HTTP, with {@link MockDispatcher} in front (server-side apply
 * emulated and recorded, unsupported field selectors dropped). {@link #kubeconfig} writes a kubeconfig
 * whose context points at it, so tests go through {@code --kubeconfig} as users do.
 *
 * <p>Close order matters: when a client closes a watch, the mock's event loop can block for up to a
 * minute (docs/testing.md). {@link #close()} stops the server first, then closes the clients made here.
 */
public final class MockKube implements AutoCloseable {

    public static final String CONTEXT = "mock";
    public static final String NAMESPACE = "sluice-system";

    /** One server-side apply request as sent: path, query string and body. */
    public record Apply(String path, String query, com.fasterxml.jackson.databind.JsonNode body) {
    }

    public final KubernetesMockServer server;
    private final MockDispatcher dispatcher;
    private final List<AutoCloseable> clients = new ArrayList<>();

    public MockKube() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        dispatcher = new MockDispatcher(new KubernetesMixedDispatcher(responses));
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
                dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options reaching the mock directly (no kubeconfig), without a rate limit. */
    public KubernetesOptions options() {
        return KubernetesOptions.defaults().withMasterUrl(server.url("/")).withNamespace(NAMESPACE).withRateLimit(0, 0);
    }

    /** An uncached adapter on the mock, for arranging and asserting; closed with this. */
    public KubernetesCluster cluster() {
        KubernetesCluster c = KubernetesCluster.connect(options(), "test");
        clients.add(c);
        return c;
    }

    /** Writes a kubeconfig with one context, {@value #CONTEXT}, pointing at the mock in namespace {@value #NAMESPACE}. */
    public Path kubeconfig(Path dir) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s"}
                users:
                - name: mock
                  user: {token: mock-token}
                contexts:
                - name: %s
                  context: {cluster: mock, user: mock, namespace: %s}
                current-context: %s
                """.formatted(server.url("/").replaceAll("/$", ""), CONTEXT, NAMESPACE, CONTEXT);
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("kubeconfig"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code GET /version} answer {@code vMAJOR.MINOR.PATCH} (the mock's own answer, not an expectation, wins otherwise). */
    public void version(int major, int minor, int patch) {
        server.setVersionInfo(new VersionInfo.Builder().withMajor(Integer.toString(major)).withMinor(Integer.toString(minor))
                .withGitVersion("v" + major + "." + minor + "." + patch).withPlatform("linux/amd64").build());
    }

    /** Apply requests as sent, oldest first. */
    public List<Apply> applies() {
        return List.copyOf(dispatcher.applies);
    }

    /** Field selectors sent (and dropped before the CRUD mock, which cannot evaluate them). */
    public List<String> fieldSelectors() {
        return List.copyOf(dispatcher.fieldSelectors);
    }

    /** Creates an object, or replaces its status when it carries one. */
    public KubeObject put(KubernetesCluster c, String yaml) {
        KubeObject o = KubeObject.parse(yaml);
        Optional<KubeObject> old = c.get(o.key());
        KubeObject stored = old.isPresent() ? old.get() : c.create(o);
        if (!o.status().isMissingNode()) {
            stored = c.updateStatus(stored.withStatus(o.status()));
        }
        return stored;
    }

    @Override
    public void close() {
        server.destroy();
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the server is gone; nothing to release there
            }
        }
    }
}
