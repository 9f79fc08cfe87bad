package dev.sluice.server.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests whose {@code Host} is not a loopback name while the server listens on loopback
 * only. Without it a web page could rebind its own domain name to 127.0.0.1 (DNS rebinding) and read
 * the dashboard's data from the user's browser. A server bound to another interface was configured
 * on purpose and accepts any Host.
 */
final class LoopbackHosts implements HttpHandler {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final HttpHandler next;
    private final boolean enforce;

    LoopbackHosts(HttpHandler next, InetSocketAddress bound) {
        this.next = next;
        this.enforce = bound.getAddress() != null && bound.getAddress().isLoopbackAddress();
    }

    static boolean allowed(String hostHeader) {
        if (hostHeader == null) {
            return true; // HTTP/1.0 clients (curl -0) send none; browsers always do
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (!h.startsWith("[")) {
            int colon = h.lastIndexOf(':');
            h = colon >= 0 ? h.substring(0, colon) : h;
        } else if (h.contains("]:")) {
            h = h.substring(0, h.indexOf("]:") + 1);
        }
        return LOOPBACK.contains(h) || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (enforce && !allowed(exchange.getRequestHeaders().getFirst("Host"))) {
            try (exchange) {
                new Http(exchange).fail(403, "Forbidden", "the dashboard answers only to loopback host names "
                        + "(127.0.0.1, localhost); it is bound to loopback");
            }
            return;
        }
        next.handle(exchange);
    }
}
