package dev.sluice.local.apps.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.http.HttpHandler;
import dev.sluice.local.apps.http.HttpRequest;
import dev.sluice.local.apps.http.HttpResponse;
import dev.sluice.local.apps.http.MeshClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The {@code face} role: asks {@code smiley} and {@code color} (through the mesh, in parallel) and
 * combines the answers. A failed call does not fail the face: it shows a cursing smiley (sleeping
 * on 504, exploding on 429) or a grey cell (red on 504, yellow on 429), and lists the error.
 */
final class FaceService implements HttpHandler {

    /** How long the face waits for smiley and color. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final AppContext ctx;
    private final FacesKnobs knobs;
    private final FaultInjector faults;
    private final MeshClient client;
    private final String smileyHost;
    private final String colorHost;

    FaceService(AppContext ctx, FacesKnobs knobs, FaultInjector faults, MeshClient client) {
        this.ctx = ctx;
        this.knobs = knobs;
        this.faults = faults;
        this.client = client;
        this.smileyHost = qualify(ctx.env("SMILEY_SERVICE", "smiley"), ctx.namespace());
        this.colorHost = qualify(ctx.env("COLOR_SERVICE", "color"), ctx.namespace());
    }

    /**
     * A bare Service name means "in my namespace", as cluster DNS resolves it; the mesh is shared
     * by every namespace, so the name goes out as {@code <service>.<namespace>}.
     */
    static String qualify(String service, String namespace) {
        String host = service.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        return host.contains(".") || host.contains(":") ? host : host + "." + namespace;
    }

    @Override
    public HttpResponse handle(HttpRequest req) throws InterruptedException {
        if (FacesReplies.isReadiness(req)) {
            return FacesReplies.ready();
        }
        Instant start = ctx.clock().instant();
        String user = req.header(knobs.userHeader());
        FaultInjector.Verdict verdict = faults.next();
        FacesReplies.delay(ctx, verdict.delay());
        if (!verdict.ok()) {
            ObjectNode body = FacesReplies.body(req, verdict.status());
            body.put("error", verdict.reason());
            return FacesReplies.withFacesHeaders(HttpResponse.json(verdict.status(), body), ctx, start, user);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (!user.isEmpty()) {
            headers.put(knobs.userHeader(), user);
        }
        if (!req.header("User-Agent").isEmpty()) {
            headers.put("User-Agent", req.header("User-Agent"));
        }
        CompletableFuture<Call> smiley = call(smileyHost, req.pathAndQuery(), headers);
        CompletableFuture<Call> color = call(colorHost, req.pathAndQuery(), headers);
        Part s = part(smiley.join(), "smiley");
        Part c = part(color.join(), "color");
        ObjectNode body = FacesReplies.body(req, 200);
        body.put("smiley", s.value == null ? Smileys.named(smileyFallback(s.status)) : s.value);
        body.put("color", c.value == null ? Colors.named(colorFallback(c.status)) : c.value);
        ArrayNode errors = Json.nodes().arrayNode();
        for (Part p : List.of(s, c)) {
            if (p.error != null) {
                errors.add(p.error);
            }
        }
        if (!errors.isEmpty()) {
            body.set("errors", errors);
        }
        return FacesReplies.withFacesHeaders(HttpResponse.json(200, body), ctx, start, user);
    }

    static String smileyFallback(int status) {
        return switch (status) {
            case 504 -> "Sleeping";
            case 429 -> "Kaboom";
            default -> "Cursing";
        };
    }

    static String colorFallback(int status) {
        return switch (status) {
            case 504 -> "red";
            case 429 -> "yellow";
            default -> "grey";
        };
    }

    private record Call(int status, String body, String error) {
    }

    private record Part(String value, int status, String error) {
    }

    private CompletableFuture<Call> call(String host, String pathAndQuery, Map<String, String> headers) {
        if (ctx.mesh().isEmpty()) {
            return CompletableFuture.completedFuture(new Call(503, "", "no mesh proxy to reach " + host));
        }
        return client.get(ctx.mesh().get(), host, pathAndQuery, headers, CALL_TIMEOUT)
                .thenApply(r -> new Call(r.status(), r.body(), null))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    boolean timeout = cause instanceof TimeoutException;
                    return new Call(timeout ? 504 : 502, "", (timeout ? "timed out calling " : "could not call ") + host
                            + (timeout ? " after " + CALL_TIMEOUT.toSeconds() + "s" : ": " + cause.getMessage()));
                });
    }

    private static Part part(Call call, String field) {
        if (call.error() != null) {
            return new Part(null, call.status(), field + ": " + call.error());
        }
        if (call.status() != 200) {
            return new Part(null, call.status(), field + ": status " + call.status() + brief(call.body()));
        }
        try {
            JsonNode n = Json.mapper().readTree(call.body());
            if (n.path(field).isTextual()) {
                return new Part(n.path(field).asText(), 200, null);
            }
        } catch (Exception e) {
            // reported below
        }
        return new Part(null, 500, field + ": no " + field + " in the response" + brief(call.body()));
    }

    private static String brief(String body) {
        String b = body.strip();
        if (b.isEmpty()) {
            return "";
        }
        return " (" + (b.length() > 200 ? b.substring(0, 200) + "…" : b) + ")";
    }
}
