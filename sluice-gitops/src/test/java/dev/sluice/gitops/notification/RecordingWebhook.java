package dev.sluice.gitops.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver on 127.0.0.1 that records every POST (path, headers, body) and answers 200,
 * or what {@link #answer} set for a path.
 */
public final class RecordingWebhook implements AutoCloseable {

    /** One received request; header names lower-case. */
    public record Call(String path, Map<String, String> headers, String body) {

        public ObjectNode json() {
            return Json.parseObject(body);
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public RecordingWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", h -> {
            try (h) {
                Map<String, String> headers = new TreeMap<>();
                h.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
                String path = h.getRequestURI().getPath();
                calls.add(new Call(path, headers, new String(h.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Answer a = answers.getOrDefault(path, new Answer(200, "ok"));
                byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
                h.sendResponseHeaders(a.status(), b.length);
                h.getResponseBody().write(b);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public RecordingWebhook answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
