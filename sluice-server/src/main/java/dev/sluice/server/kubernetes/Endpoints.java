package dev.sluice.server.kubernetes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One small HTTP server for the controller's own endpoints ({@code /metrics}; {@code /healthz} and
 * {@code /readyz}), on the JDK's server with a virtual thread per request. Closing stops it at once.
 */
final class Endpoints implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private Endpoints(HttpServer server) {
        this.server = server;
    }

    /** Serves each path prefix with its handler; {@code bind} port 0 picks a free port. */
    static Endpoints start(InetSocketAddress bind, Map<String, HttpHandler> handlers) throws IOException {
        HttpServer http = HttpServer.create(bind, 16);
        Endpoints e = new Endpoints(http);
        handlers.forEach(http::createContext);
        http.setExecutor(e.executor);
        http.start();
        return e;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * A probe: 200 {@code ok} while {@code healthy} holds, else 503 with {@code why} (as controller-runtime's
     * healthz handler answers).
     */
    static HttpHandler probe(BooleanSupplier healthy, Supplier<String> why) {
        return h -> {
            try (h) {
                boolean ok = healthy.getAsBoolean();
                reply(h, ok ? 200 : 503, ok ? "ok\n" : why.get() + "\n");
            }
        };
    }

    private static void reply(HttpExchange h, int code, String text) throws IOException {
        byte[] body = h.getRequestMethod().equals("HEAD") ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        h.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        h.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = h.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
