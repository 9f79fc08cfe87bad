package dev.sluice.server.dashboard;

import dev.sluice.cluster.Cluster;
import dev.sluice.server.api.ApiServer;
import java.time.Duration;

/**
 * The web dashboard on the Sluice API server: the page at {@code /}, its JSON API and live stream
 * under {@code /api/sluice/v1/}, and {@code /metrics} when {@link DashboardSources#metrics()} is
 * set. Reading needs nothing (the server binds 127.0.0.1 unless configured otherwise); every action
 * needs the API token. The single entry point for the composition root:
 * <pre>{@code
 * TickStore ticks = new TickStore();                       // also the canary reconciler's AnalysisRecorder
 * SluiceMetrics metrics = new SluiceMetrics(cluster, ticks, version, "linkerd");
 * Dashboard dashboard = Dashboard.mount(api, cluster, DashboardSources.of(auth, clock, ticks)
 *         .withWorkloads(new MeshWorkloadStats(history)).withMetrics(metrics));
 * ...
 * dashboard.close();                                       // before api.close()
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {

    private final EventStream stream;
    private final String url;

    private Dashboard(EventStream stream, String url) {
        this.stream = stream;
        this.url = url;
    }

    /** Mounts the dashboard on {@code api}; starts its watches and event poll. */
    public static Dashboard mount(ApiServer api, Cluster cluster, DashboardSources sources) {
        EventStream stream = new EventStream(cluster, sources.ticks(), Duration.ofSeconds(2), Duration.ofSeconds(15));
        StaticAssets assets = new StaticAssets();
        api.mount(DashboardApi.PREFIX, new LoopbackHosts(new DashboardApi(cluster, sources, stream), api.address()));
        api.mount("/assets/", new LoopbackHosts(assets, api.address()));
        api.mount("/", new LoopbackHosts(assets, api.address()));
        if (sources.metrics() != null) {
            api.mount("/metrics", sources.metrics().handler());
        }
        return new Dashboard(stream, api.baseUrl() + "/");
    }

    /** The page's address, e.g. {@code http://127.0.0.1:9494/}, for the CLI to print. */
    public String url() {
        return url;
    }

    /** Stops the live stream's watches and poll; the handlers stay mounted until the server stops. */
    @Override
    public void close() {
        stream.close();
    }
}
