package dev.sluice.local.mesh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP backend for tests (the JDK's HttpServer): answers its name, echoes request
 * bodies on POST, answers {@code /status/NNN} with that status, and reports the forwarding
 * headers it saw. Counts requests and keeps the bodies it received.
 */
final class TestBackend implements AutoCloseable {

    final String name;
    final AtomicInteger requests = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    TestBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] in;
        try (InputStream is = ex.getRequestBody()) {
            in = is.readAllBytes();
        }
        if (in.length > 0) {
            bodies.add(in.length > 1024 ? "<" + in.length + " bytes>" : new String(in, StandardCharsets.UTF_8));
        }
        String path = ex.getRequestURI().getPath();
        int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
        var h = ex.getRequestHeaders();
        ex.getResponseHeaders().add("x-backend", name);
        ex.getResponseHeaders().add("x-seen-xff", String.valueOf(h.getFirst("X-Forwarded-For")));
        ex.getResponseHeaders().add("x-seen-proto", String.valueOf(h.getFirst("X-Forwarded-Proto")));
        ex.getResponseHeaders().add("x-seen-host", String.valueOf(h.getFirst("X-Forwarded-Host")));
        ex.getResponseHeaders().add("x-seen-uri", ex.getRequestURI().toString());
        byte[] out = ex.getRequestMethod().equals("POST") ? in : name.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
