package dev.sluice.server.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of embedded mode: the Kubernetes resource layout over the {@link Cluster} port,
 * watches, events, {@code /healthz}. Binds 127.0.0.1 unless told otherwise; reads are open,
 * changes need the token. More handlers (dashboard, receivers, metrics) are mounted with
 * {@link #mount}.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final WatchStreamer watches;

    private ApiServer(HttpServer server, WatchStreamer watches) {
        this.server = server;
        this.watches = watches;
    }

    /**
     * Starts serving.
     *
     * @param bind the address; use {@code new InetSocketAddress("127.0.0.1", 0)} for an ephemeral port
     */
    public static ApiServer start(InetSocketAddress bind, Cluster cluster, ResourceTypes types, TokenAuth auth)
            throws IOException {
        HttpServer http = HttpServer.create(bind, 64);
        WatchStreamer watches = new WatchStreamer(cluster, Duration.ofSeconds(15));
        ApiServer api = new ApiServer(http, watches);
        ResourceHandler resources = new ResourceHandler(cluster, types, auth, watches);
        HttpHandler handler = h -> api.serve(h, resources);
        http.createContext("/api/", handler);
        http.createContext("/apis/", handler);
        http.createContext("/healthz", h -> new Exchange(h).replyText(200, "ok\n"));
        http.createContext("/readyz", h -> new Exchange(h).replyText(200, "ok\n"));
        http.setExecutor(api.executor);
        http.start();
        return api;
    }

    /** Adds a handler under a path prefix (e.g. the dashboard at "/", receivers at "/hook/"). */
    public void mount(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String baseUrl() {
        return "http://" + address().getHostString() + ":" + address().getPort();
    }

    private void serve(HttpExchange h, ResourceHandler resources) throws IOException {
        try (h) {
            resources.handle(new Exchange(h));
        } catch (RuntimeException e) {
            LOG.warn("API request {} {} failed", h.getRequestMethod(), h.getRequestURI(), e);
            try {
                new Exchange(h).fail(500, "InternalError", e.toString());
            } catch (IOException | RuntimeException ignored) {
                // The response may already be under way; nothing more to say.
            }
        }
    }

    @Override
    public void close() {
        watches.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
