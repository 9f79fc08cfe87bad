package dev.sluice.local.apps.faces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.AppStartException;
import dev.sluice.local.apps.http.HttpHandler;
import dev.sluice.local.apps.http.HttpRequest;
import dev.sluice.local.apps.http.HttpResponse;
import dev.sluice.local.apps.http.MeshClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The Faces GUI: a page whose grid of cells polls {@code face} through the GUI's own
 * {@code /face/*} endpoint, which forwards through the mesh. The page background is {@code COLOR}
 * (per user {@code COLOR_<user>}, default white); {@code /ready} answers readiness probes.
 */
final class GuiService implements HttpHandler {

    private static final String PAGE = load();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade", "te", "trailer", "host", "content-length");

    private final AppContext ctx;
    private final FacesKnobs knobs;
    private final FaultInjector faults;
    private final MeshClient client;
    private final String faceHost;
    private final int grid;

    GuiService(AppContext ctx, FacesKnobs knobs, FaultInjector faults, MeshClient client) {
        this.ctx = ctx;
        this.knobs = knobs;
        this.faults = faults;
        this.client = client;
        this.faceHost = FaceService.qualify(ctx.env("FACE_SERVICE", "face"), ctx.namespace());
        String g = ctx.env("GRID_SIZE", "4").strip();
        if (!g.matches("[1-9]|1[0-9]|20")) {
            throw new AppStartException("env GRID_SIZE='" + g + "' is not a grid size; expected an integer from 1 to 20");
        }
        this.grid = Integer.parseInt(g);
    }

    @Override
    public HttpResponse handle(HttpRequest req) throws InterruptedException {
        if (FacesReplies.isReadiness(req)) {
            return FacesReplies.ready();
        }
        Instant start = ctx.clock().instant();
        FaultInjector.Verdict verdict = faults.next();
        FacesReplies.delay(ctx, verdict.delay());
        String user = user(req);
        if (!verdict.ok()) {
            return FacesReplies.withFacesHeaders(HttpResponse.text(verdict.status(), verdict.reason() + "\n"), ctx, start, user);
        }
        if (req.path().equals("/") || req.path().equals("/index.html")) {
            return FacesReplies.withFacesHeaders(HttpResponse.html(page(user)), ctx, start, user);
        }
        if (req.path().equals("/face") || req.path().startsWith("/face/")) {
            return forward(req, start, user);
        }
        return HttpResponse.text(404, req.path() + " not found\n");
    }

    /** The user from the header, or from {@code ?user=} so a plain browser can play a user. */
    private String user(HttpRequest req) {
        String header = req.header(knobs.userHeader());
        if (!header.isEmpty()) {
            return header;
        }
        for (String pair : req.query().split("&")) {
            if (pair.startsWith("user=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    String page(String user) {
        String bg = ctx.env("COLOR_" + user, ctx.env("COLOR", "white"));
        ObjectNode config = Json.object();
        config.put("color", Colors.lookup(bg).orElse("white"));
        config.put("user", user);
        config.put("userHeader", knobs.userHeader());
        config.put("grid", grid);
        config.put("pod", ctx.podName());
        config.put("showPods", flag("SHOW_PODS"));
        config.put("hideKey", flag("HIDE_KEY"));
        // The user comes from a request header: keep it from closing the script element.
        String json = Json.write(config).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        return PAGE.replace("/*CONFIG*/{}", json);
    }

    private boolean flag(String name) {
        return ctx.env(name, "false").strip().toLowerCase(Locale.ROOT).matches("true|1|yes");
    }

    private HttpResponse forward(HttpRequest req, Instant start, String user) {
        if (ctx.mesh().isEmpty()) {
            return HttpResponse.text(503, "no mesh proxy to reach " + faceHost + "\n");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        req.flatHeaders().forEach((k, v) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
                headers.put(k, v);
            }
        });
        if (!user.isEmpty()) {
            headers.put(knobs.userHeader(), user);
        }
        String rest = req.pathAndQuery().substring("/face".length());
        String target = rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest;
        try {
            MeshClient.Response r = client.get(ctx.mesh().get(), faceHost, target, headers, Duration.ofSeconds(10)).join();
            String type = r.header("Content-Type").isEmpty() ? "application/json" : r.header("Content-Type");
            HttpResponse out = new HttpResponse(r.status(), type, Map.of(), r.body().getBytes(StandardCharsets.UTF_8));
            if (!r.header("X-Faces-Pod").isEmpty()) {
                out = out.withHeader("X-Faces-Pod", r.header("X-Faces-Pod"));
            }
            return out.withHeader("X-Faces-Latency", Long.toString(Duration.between(start, ctx.clock().instant()).toMillis()));
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HttpResponse.text(502, "could not call " + faceHost + ": " + cause + "\n");
        }
    }

    private static String load() {
        try (InputStream in = GuiService.class.getResourceAsStream("/dev/sluice/local/apps/faces/gui.html")) {
            if (in == null) {
                throw new IllegalStateException("gui.html missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
