package dev.sluice.server.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.api.Json;
import dev.sluice.gitops.drift.RevertMode;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift endpoints of the HTTP API (docs/git-rollback.md, "API"):
 * <ul>
 *   <li>{@code GET /api/sluice/v1/drift/<ns>/<canary>}: analyse now, answer the analysis (and its report);</li>
 *   <li>{@code POST /api/sluice/v1/revert/<ns>/<canary>?mode=branch|direct&dryRun=true}: write the
 *       revert back (or only plan it), answer the result with its diff. Needs the API token.</li>
 * </ul>
 * Thread-safe; each request runs on its own (virtual) thread of the API server.
 */
public final class DriftEndpoints implements HttpHandler {

    public static final String DRIFT = "/api/sluice/v1/drift/";
    public static final String REVERT = "/api/sluice/v1/revert/";
    private static final Logger LOG = LoggerFactory.getLogger(DriftEndpoints.class);
    private static final Pattern PATH = Pattern.compile("^/api/sluice/v1/(drift|revert)/([a-z0-9][-a-z0-9.]{0,252})/([a-z0-9][-a-z0-9.]{0,252})/?$");

    private final DriftService service;
    private final TokenAuth auth;

    public DriftEndpoints(DriftService service, TokenAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    /** Mounts both endpoints on {@code api}: the one call the composition root makes. */
    public static void mount(ApiServer api, DriftService service, TokenAuth auth) {
        DriftEndpoints h = new DriftEndpoints(service, auth);
        api.mount(DRIFT, h);
        api.mount(REVERT, h);
    }

    @Override
    public void handle(HttpExchange h) throws IOException {
        try (h) {
            serve(h);
        } catch (RuntimeException e) {
            LOG.warn("drift request {} {} failed", h.getRequestMethod(), h.getRequestURI(), e);
            reply(h, 500, failure(500, "InternalError", e.toString()));
        }
    }

    private void serve(HttpExchange h) throws IOException {
        Matcher m = PATH.matcher(h.getRequestURI().getPath());
        if (!m.matches()) {
            reply(h, 404, failure(404, "NotFound", "expected " + DRIFT + "<namespace>/<canary> or " + REVERT
                    + "<namespace>/<canary>, got " + h.getRequestURI().getPath()));
            return;
        }
        boolean revert = m.group(1).equals("revert");
        String method = h.getRequestMethod();
        if (!method.equals(revert ? "POST" : "GET")) {
            reply(h, 405, failure(405, "MethodNotAllowed", (revert ? "POST " : "GET ") + "only, got " + method));
            return;
        }
        String ns = m.group(2);
        String name = m.group(3);
        try {
            if (!revert) {
                reply(h, 200, service.analyze(ns, name).toJson());
                return;
            }
            if (!auth.allows(h.getRequestHeaders().getFirst("Authorization"))) {
                reply(h, 401, failure(401, "Unauthorized", "a revert needs the API token (Authorization: Bearer ...)"));
                return;
            }
            Map<String, String> q = query(h.getRequestURI().getRawQuery());
            Optional<RevertMode> mode = Optional.empty();
            if (q.containsKey("mode")) {
                mode = RevertMode.parse(q.get("mode")).filter(x -> x != RevertMode.OFF);
                if (mode.isEmpty()) {
                    reply(h, 400, failure(400, "BadRequest", "query parameter mode: '" + q.get("mode")
                            + "' is not a revert mode; expected branch or direct"));
                    return;
                }
            }
            boolean dryRun = "true".equals(q.getOrDefault("dryRun", "false"));
            reply(h, 200, service.revert(ns, name, mode, dryRun).toJson());
        } catch (DriftService.NoSuchCanary e) {
            reply(h, 404, failure(404, "NotFound", e.getMessage()));
        } catch (dev.sluice.api.InvalidInputException e) {
            reply(h, 422, failure(422, "Invalid", e.getMessage()));
        }
    }

    static ObjectNode failure(int code, String reason, String message) {
        ObjectNode s = Json.object();
        s.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return s;
    }

    private static void reply(HttpExchange h, int code, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        h.getResponseHeaders().set("Content-Type", "application/json");
        h.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = h.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
