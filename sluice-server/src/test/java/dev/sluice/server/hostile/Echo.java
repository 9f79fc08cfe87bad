package dev.sluice.server.hostile;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server playing the far ends: {@code /alerts} takes notifier posts (recorded),
 * {@code /unauthorized} answers 401, {@code /fail} 500, and {@code /echo} is hostile: it answers 500
 * quoting every request header back, as some proxies do on errors.
 */
final class Echo implements AutoCloseable {

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    Echo(List<String> posted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (auth != null) {
                    authorizations.add(auth);
                }
                String path = ex.getRequestURI().getPath();
                int status;
                String answer;
                if (path.startsWith("/alerts")) {
                    posted.add(body);
                    status = 200;
                    answer = "ok";
                } else if (path.startsWith("/unauthorized")) {
                    status = 401;
                    answer = "unauthorized";
                } else if (path.startsWith("/echo")) {
                    status = 500;
                    answer = "bad request with headers " + ex.getRequestHeaders().entrySet();
                } else {
                    status = 500;
                    answer = "internal error";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
