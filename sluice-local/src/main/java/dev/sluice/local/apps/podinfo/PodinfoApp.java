package dev.sluice.local.apps.podinfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.local.apps.AppContext;
import dev.sluice.local.apps.BuiltinApp;
import dev.sluice.local.apps.RunningApp;
import dev.sluice.local.apps.http.AppServer;
import dev.sluice.local.apps.http.HttpRequest;
import dev.sluice.local.apps.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A podinfo look-alike for {@code stefanprodan/podinfo} images: {@code /} (JSON, or a small page for
 * browsers), {@code /healthz}, {@code /readyz} (+ {@code /readyz/enable|disable}), {@code /version},
 * {@code /status/{code}}, {@code /delay/{seconds}}, {@code /env}, {@code /headers}, {@code /echo}.
 */
public final class PodinfoApp implements BuiltinApp {

    private static final int[] RANDOM_ERRORS = {500, 400, 409};

    @Override
    public RunningApp start(AppContext ctx) throws IOException {
        PodinfoConfig config = PodinfoConfig.from(ctx);
        AtomicBoolean ready = new AtomicBoolean(true);
        AtomicBoolean healthy = new AtomicBoolean(true);
        AppServer server = AppServer.start(ctx.port(), req -> handle(req, ctx, config, ready, healthy), ctx.log());
        ctx.log().accept("{\"level\":\"info\",\"msg\":\"Starting podinfo\",\"version\":\"" + config.version()
                + "\",\"port\":\"" + server.port() + "\"}");
        return server;
    }

    private static HttpResponse handle(HttpRequest req, AppContext ctx, PodinfoConfig c, AtomicBoolean ready,
                                       AtomicBoolean healthy) throws InterruptedException {
        String p = req.path();
        if (!p.startsWith("/healthz") && !p.startsWith("/readyz")) {
            if (c.randomDelay() && c.randomDelayMax() > c.randomDelayMin()) {
                ctx.sleeper().sleep(Duration.ofSeconds(c.randomDelayMin() + ctx.random().nextInt(c.randomDelayMax() - c.randomDelayMin())));
            }
            if (c.randomError() && ctx.random().nextInt(3) == 0) {
                int code = RANDOM_ERRORS[ctx.random().nextInt(RANDOM_ERRORS.length)];
                return json(code, Map.of("status", code));
            }
        }
        return switch (p) {
            case "/", "/api/info" -> req.header("Accept").contains("text/html") && p.equals("/") ? HttpResponse.html(page(c)) : info(c);
            case "/healthz" -> probe(healthy);
            case "/readyz" -> probe(ready);
            case "/readyz/enable" -> toggle(ready, true);
            case "/readyz/disable" -> toggle(ready, false);
            case "/healthz/enable" -> toggle(healthy, true);
            case "/healthz/disable" -> toggle(healthy, false);
            case "/version" -> json(200, Map.of("commit", "embedded", "version", c.version()));
            case "/env" -> env(ctx);
            case "/headers" -> headers(req);
            case "/echo", "/api/echo" -> new HttpResponse(202, req.header("Content-Type").isEmpty() ? "text/plain" : req.header("Content-Type"),
                    Map.of(), req.body());
            default -> pathWithNumber(req, ctx);
        };
    }

    private static HttpResponse pathWithNumber(HttpRequest req, AppContext ctx) throws InterruptedException {
        String p = req.path();
        if (p.matches("/status/\\d{3}")) {
            int code = Integer.parseInt(p.substring("/status/".length()));
            return json(code, Map.of("status", code));
        }
        if (p.matches("/delay/\\d{1,3}")) {
            int seconds = Integer.parseInt(p.substring("/delay/".length()));
            ctx.sleeper().sleep(Duration.ofSeconds(seconds));
            return json(200, Map.of("delay", seconds));
        }
        return json(404, Map.of("code", 404, "message", "404 page not found"));
    }

    private static HttpResponse info(PodinfoConfig c) {
        ObjectNode n = Json.object();
        n.put("hostname", c.hostname()).put("version", c.version()).put("revision", "embedded").put("color", c.color())
                .put("logo", c.logo()).put("message", c.message()).put("goos", "linux").put("goarch", "amd64")
                .put("runtime", "java" + Runtime.version().feature())
                .put("num_goroutine", Integer.toString(Thread.activeCount()))
                .put("num_cpu", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return HttpResponse.json(200, n);
    }

    private static HttpResponse probe(AtomicBoolean flag) {
        return flag.get() ? json(200, Map.of("status", "OK")) : new HttpResponse(503, "text/plain", Map.of(), new byte[0]);
    }

    private static HttpResponse toggle(AtomicBoolean flag, boolean on) {
        flag.set(on);
        return new HttpResponse(202, "text/plain", Map.of(), new byte[0]);
    }

    private static HttpResponse env(AppContext ctx) {
        ArrayNode a = Json.nodes().arrayNode();
        ctx.env().forEach((k, v) -> a.add(k + "=" + v));
        return HttpResponse.json(200, a);
    }

    private static HttpResponse headers(HttpRequest req) {
        ObjectNode n = Json.object();
        req.headers().forEach((k, v) -> {
            ArrayNode values = n.putArray(k);
            v.forEach(values::add);
        });
        return HttpResponse.json(200, n);
    }

    private static HttpResponse json(int status, Map<String, ?> body) {
        JsonNode n = Json.toTree(body);
        return HttpResponse.json(status, n);
    }

    private static String page(PodinfoConfig c) {
        String esc = c.message().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String color = c.color().matches("#?[A-Za-z0-9]{1,30}") ? c.color() : "#34577c";
        return ("<!doctype html><html><head><meta charset=\"utf-8\"><title>podinfo</title></head>"
                + "<body style=\"background:" + color + ";color:#fff;font-family:sans-serif;text-align:center;padding-top:15vh\">"
                + "<h1>" + esc + "</h1><p>podinfo v" + c.version() + " on " + c.hostname() + "</p></body></html>");
    }
}
