package dev.sluice.server.kubernetes;

import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.dashboard.Dashboard;
import dev.sluice.server.dashboard.DashboardSources;
import dev.sluice.server.dashboard.LoadTesterGates;
import dev.sluice.server.dashboard.WorkloadStats;
import dev.sluice.server.drift.DriftEndpoints;
import dev.sluice.server.drift.DriftService;
import dev.sluice.server.observe.TickStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Kubernetes mode's dashboard and read/act HTTP API ({@code --dashboard-addr}): the same
 * {@link ApiServer} (the resource layout, watches, events), {@link Dashboard} and drift endpoints as
 * embedded mode, over the informer cache (reads of cached kinds cost no request; writes go to the API
 * server). Reads are open to whoever reaches the port (loopback by default, reached with
 * {@code kubectl port-forward}); every write and action needs the token of {@code --token-file}.
 * Served on every replica; the canary charts' analysis ticks are those of this replica's canary
 * controller, so a standby shows none. Thread-safe.
 */
final class HttpApi implements AutoCloseable {

    private final ApiServer api;
    private final Dashboard dashboard;

    private HttpApi(ApiServer api, Dashboard dashboard) {
        this.api = api;
        this.dashboard = dashboard;
    }

    /**
     * Starts serving.
     *
     * @throws IOException when {@code bind} cannot be bound
     */
    static HttpApi start(InetSocketAddress bind, Cluster cluster, TokenAuth auth, Clock clock, TickStore ticks,
                         WorkloadStats workloads, DriftService drift) throws IOException {
        ApiServer api = ApiServer.start(bind, cluster, ResourceTypes.builtIn(), auth);
        try {
            DriftEndpoints.mount(api, drift, auth);
            Dashboard dashboard = Dashboard.mount(api, cluster, DashboardSources.of(auth, clock, ticks).withWorkloads(workloads)
                    .withGates(LoadTesterGates.direct()));
            return new HttpApi(api, dashboard);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /**
     * The API token: read from {@code file} when it exists (a mounted Secret is read-only, so its mode is
     * left as it is), else generated into it with mode 0600.
     *
     * @throws IOException when the file cannot be read or created, or exists and is empty (naming it)
     */
    static TokenAuth token(Path file) throws IOException {
        if (!Files.exists(file)) {
            return TokenAuth.loadOrCreate(file);
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("--token-file " + file + " is empty: expected the dashboard's API token "
                    + "(delete the file to have one generated)");
        }
        return TokenAuth.of(token);
    }

    InetSocketAddress address() {
        return api.address();
    }

    String url() {
        return dashboard.url();
    }

    @Override
    public void close() {
        dashboard.close();
        api.close();
    }
}
