package dev.sluice.server.demo;

import dev.sluice.server.embedded.EmbeddedRuntime;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the Faces GUI, through the mesh's ingress (host {@code faces-gui.faces.sslip.io}, as the
 * seeds' Ingress), which background colour a user gets: the page embeds it in its config.
 */
final class AbProbe {

    static final String HOST = "faces-gui.faces.sslip.io";
    private static final Pattern COLOR = Pattern.compile("\"color\":\"([^\"]+)\"");

    private final HttpClient http;

    /** Requests go to the mesh as an HTTP proxy (absolute-form), as any client in the mesh would. */
    AbProbe(EmbeddedRuntime runtime) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", runtime.mesh().port()))).build();
    }

    /** The colour {@code user} sees, or "error: ..." when the page cannot be read. */
    String color(String user) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + HOST + "/"))
                    .header("x-faces-user", user).timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            Matcher m = COLOR.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? m.group(1) : "error: HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
            return "error: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted";
        }
    }
}
