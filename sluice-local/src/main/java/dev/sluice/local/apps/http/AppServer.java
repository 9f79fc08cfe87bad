package dev.sluice.local.apps.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.local.apps.RunningApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A built-in app's HTTP server: the JDK server on loopback, one virtual thread per request (so an
 * injected delay blocks nothing else). Thread-safe; closing is idempotent.
 */
public final class AppServer implements RunningApp {

    /** Maximum request body read, so a client cannot make an app hold a large body in memory. */
    static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code 127.0.0.1:port} (0 for any free port) and serves every path with {@code handler}. */
    public static AppServer start(int port, HttpHandler handler, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler, log));
        server.start();
        return new AppServer(server, executor);
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    @Override
    public void stop(Duration drain) {
        if (closed.compareAndSet(false, true)) {
            // The JDK server drains in whole seconds; it returns early once nothing is in flight.
            server.stop((int) Math.min(Integer.MAX_VALUE, (drain.toMillis() + 999) / 1000));
            executor.shutdownNow();
        }
    }

    private static void serve(HttpExchange exchange, HttpHandler handler, Consumer<String> log) throws IOException {
        try (exchange) {
            HttpResponse response;
            try {
                response = handler.handle(request(exchange));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.accept("error serving " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
                response = HttpResponse.text(500, "internal error: " + e.getMessage() + "\n");
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static HttpRequest request(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY);
        }
        String query = exchange.getRequestURI().getRawQuery();
        return new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query == null ? "" : query,
                headers, body);
    }
}
