package dev.sluice.server.dashboard;

import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.observe.SluiceMetrics;
import dev.sluice.server.observe.TickStore;
import dev.sluice.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The API server with the dashboard over a real EmbeddedCluster holding the fixture objects, on an
 * ephemeral loopback port; plus a small HTTP client for tests.
 */
public final class DashboardServer implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789";

    public final ManualClock clock = new ManualClock(Fixtures.T0.plusSeconds(3600));
    public final EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(3));
    public final TickStore ticks = new TickStore();
    public final ApiServer api;
    public final Dashboard dashboard;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DashboardServer(WorkloadStats workloads, GateApprover gates) throws IOException {
        Fixtures.load(cluster);
        TokenAuth auth = TokenAuth.of(TOKEN);
        api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), cluster, ResourceTypes.builtIn(), auth);
        SluiceMetrics metrics = new SluiceMetrics(cluster, ticks, "0.1.0-test", "linkerd");
        dashboard = Dashboard.mount(api, cluster, DashboardSources.of(auth, clock, ticks)
                .withWorkloads(workloads).withGates(gates).withMetrics(metrics));
    }

    public String url() {
        return api.baseUrl();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    public HttpResponse<String> post(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dashboard.close();
        api.close();
        cluster.close();
    }
}
