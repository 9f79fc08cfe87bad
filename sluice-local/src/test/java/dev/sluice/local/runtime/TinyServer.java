package dev.sluice.local.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A process for the runner's integration tests: serves $GREETING on 127.0.0.1:$PORT, /ready answers 200. */
public final class TinyServer {

    private TinyServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("PORT"));
        String greeting = System.getenv().getOrDefault("GREETING", "") + " " + String.join(" ", args);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", exchange -> {
            byte[] body = (greeting.strip() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("started on " + port + " as " + System.getenv("HOSTNAME"));
        System.out.flush();
    }
}
