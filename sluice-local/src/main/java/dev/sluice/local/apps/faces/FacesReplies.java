package dev.sluice.local.apps.faces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.http.HttpRequest;
import dev.sluice.local.apps.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The JSON every Faces service answers with: {@code {path, method, headers, status, ...}}. */
final class FacesReplies {

    private FacesReplies() {
    }

    static ObjectNode body(HttpRequest req, int status) {
        ObjectNode n = Json.object();
        n.put("path", req.path());
        n.put("method", req.method());
        ObjectNode headers = n.putObject("headers");
        req.flatHeaders().forEach(headers::put);
        n.put("status", status);
        return n;
    }

    /** Adds the headers the GUI reads: which pod answered, how long it took, for whom. */
    static HttpResponse withFacesHeaders(HttpResponse r, AppContext ctx, Instant start, String user) {
        long ms = Duration.between(start, ctx.clock().instant()).toMillis();
        HttpResponse out = r.withHeader("X-Faces-Pod", ctx.podName()).withHeader("X-Faces-Latency", Long.toString(ms));
        return user.isEmpty() ? out : out.withHeader("X-Faces-User", user);
    }

    static boolean isReadiness(HttpRequest req) {
        return req.path().equals("/ready") || req.path().equals("/healthz");
    }

    static HttpResponse ready() {
        return HttpResponse.text(200, "ready\n");
    }

    static void delay(AppContext ctx, Duration d) throws InterruptedException {
        if (!d.isZero()) {
            ctx.sleeper().sleep(d);
        }
    }
}
