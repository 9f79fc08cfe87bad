package dev.sluice.helm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A Helm chart repository on 127.0.0.1: {@code /index.yaml} built from the charts added, and their {@code .tgz}. */
public final class ChartRepoServer implements AutoCloseable {

    private record Chart(String name, String version, byte[] tgz) {
    }

    private final HttpServer server;
    private final Map<String, Chart> charts = new LinkedHashMap<>();
    final AtomicInteger downloads = new AtomicInteger();

    public ChartRepoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            synchronized (this) {
                if (path.equals("/index.yaml")) {
                    body = index().getBytes(StandardCharsets.UTF_8);
                } else {
                    Chart c = charts.get(path.substring(1));
                    body = c == null ? null : c.tgz();
                    if (c != null) {
                        downloads.incrementAndGet();
                    }
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public synchronized ChartRepoServer add(String name, String version, byte[] tgz) {
        charts.put(name + "-" + version + ".tgz", new Chart(name, version, tgz));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String index() {
        StringBuilder b = new StringBuilder("apiVersion: v1\nentries:\n");
        Map<String, StringBuilder> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Chart> e : charts.entrySet()) {
            Chart c = e.getValue();
            byName.computeIfAbsent(c.name(), n -> new StringBuilder()).append("    - name: ").append(c.name())
                    .append("\n      version: ").append(c.version())
                    .append("\n      digest: ").append(sha256(c.tgz()))
                    .append("\n      urls:\n        - ").append(e.getKey()).append('\n');
        }
        byName.forEach((n, s) -> b.append("  ").append(n).append(":\n").append(s));
        return b.append("generated: \"2026-01-01T00:00:00Z\"\n").toString();
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
