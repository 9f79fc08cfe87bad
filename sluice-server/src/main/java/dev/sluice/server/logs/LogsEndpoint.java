package dev.sluice.server.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.local.runtime.PodLog;
import dev.sluice.local.runtime.WorkloadRunner;
import dev.sluice.local.runtime.exec.ContainerLog;
import dev.sluice.server.observe.OwnLog;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/sluice/v1/logs/<ns>?target=deploy/NAME[&container=C][&tail=N][&follow=true]}: the
 * output of one replica's container as plain text, what {@code sluice logs} prints; the target
 * {@code sluice} is Sluice's own log ({@link OwnLog}). With
 * {@code follow}, the answer stays open and each new line is sent as it is written, until the replica
 * stops, the client goes away or the server closes. Needs the API token: a workload's output may
 * carry its secrets, so it is as protected as a Secret.
 */
public final class LogsEndpoint implements HttpHandler, AutoCloseable {

    public static final String PREFIX = "/api/sluice/v1/logs/";
    private static final Pattern PATH = Pattern.compile("^/api/sluice/v1/logs/([a-z0-9][-a-z0-9]{0,62})/?$");
    /** Lines a slow client may fall behind by before the rest are dropped (with a marker line). */
    private static final int BACKLOG = 10_000;
    /** The target naming Sluice's own log (any namespace). */
    public static final String OWN = "sluice";
    /** Compared by identity: no line of the log can be this object. */
    private static final String END = new String("end of log");

    private final WorkloadRunner runner;
    private final TokenAuth auth;
    private volatile boolean closed;

    LogsEndpoint(WorkloadRunner runner, TokenAuth auth) {
        this.runner = runner;
        this.auth = auth;
    }

    /** Mounts the endpoint on {@code api}; close the result to end open follows. */
    public static LogsEndpoint mount(ApiServer api, WorkloadRunner runner, TokenAuth auth) {
        LogsEndpoint e = new LogsEndpoint(runner, auth);
        api.mount(PREFIX, e);
        return e;
    }

    @Override
    public void handle(HttpExchange h) throws IOException {
        try (h) {
            serve(h);
        }
    }

    private void serve(HttpExchange h) throws IOException {
        Matcher m = PATH.matcher(h.getRequestURI().getPath());
        if (!m.matches()) {
            text(h, 404, "expected " + PREFIX + "<namespace>?target=deploy/NAME, got " + h.getRequestURI().getPath());
            return;
        }
        if (!h.getRequestMethod().equals("GET")) {
            text(h, 405, "GET only, got " + h.getRequestMethod());
            return;
        }
        if (!auth.allows(h.getRequestHeaders().getFirst("Authorization"))) {
            text(h, 401, "logs need the API token (Authorization: Bearer ...), which 'sluice up' prints and saves");
            return;
        }
        Map<String, String> q = query(h.getRequestURI().getRawQuery());
        String target = q.getOrDefault("target", "");
        int tail;
        try {
            tail = Integer.parseInt(q.getOrDefault("tail", "-1"));
        } catch (NumberFormatException e) {
            text(h, 400, "query parameter tail: '" + q.get("tail") + "' is not a number of lines");
            return;
        }
        ContainerLog log;
        if (target.equals(OWN)) {
            log = OwnLog.log();
        } else {
            try {
                PodLog pod = runner.logs(m.group(1), target, Optional.ofNullable(q.get("container")).filter(c -> !c.isEmpty()));
                h.getResponseHeaders().set("X-Sluice-Pod", pod.pod());
                h.getResponseHeaders().set("X-Sluice-Container", pod.container());
                log = pod.log();
            } catch (IllegalArgumentException e) {
                text(h, 404, e.getMessage());
                return;
            }
        }
        h.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        h.sendResponseHeaders(200, 0);
        try (OutputStream out = h.getResponseBody()) {
            if (!"true".equals(q.get("follow"))) {
                for (String line : log.tail(tail)) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            follow(log, tail, out);
        }
    }

    /** Streams lines until the log ends, the client disconnects (a write fails) or this endpoint closes. */
    private void follow(ContainerLog log, int tail, OutputStream out) throws IOException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>(BACKLOG);
        AtomicBoolean dropped = new AtomicBoolean();
        var following = log.follow(tail, line -> {
            if (!lines.offer(line)) {
                dropped.set(true);
            }
        }, () -> lines.offer(END));
        try {
            while (!closed) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == END) {
                    return;
                }
                if (line != null) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    if (lines.isEmpty()) {
                        out.flush();
                    }
                }
                if (lines.isEmpty() && dropped.compareAndSet(true, false)) {
                    out.write("[sluice: lines dropped, the client was too slow]\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            following.close();
        }
    }

    private static void text(HttpExchange h, int code, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        h.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        h.sendResponseHeaders(code, body.length);
        h.getResponseBody().write(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
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

    /** Ends every open follow within a second. */
    @Override
    public void close() {
        closed = true;
    }
}
