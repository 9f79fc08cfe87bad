package dev.sluice.local.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A stand-in for the mesh proxy: routes by Host header to loopback ports and records the hosts asked for. */
public final class FakeMesh implements AutoCloseable {

    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "upgrade", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    public final List<String> hosts = new CopyOnWriteArrayList<>();

    public FakeMesh() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String host = exchange.getRequestHeaders().getFirst("Host");
                hosts.add(host);
                Integer port = routes.get(host);
                if (port == null) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + exchange.getRequestURI()));
                exchange.getRequestHeaders().forEach((k, v) -> {
                    if (!RESTRICTED.contains(k.toLowerCase())) {
                        v.forEach(value -> b.header(k, value));
                    }
                });
                HttpResponse<byte[]> r = client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                r.headers().map().forEach((k, v) -> {
                    if (!RESTRICTED.contains(k.toLowerCase()) && !k.equalsIgnoreCase("transfer-encoding") && !k.equals(":status")) {
                        exchange.getResponseHeaders().put(k, v);
                    }
                });
                exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                if (r.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(r.body());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public void route(String host, int port) {
        routes.put(host, port);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
