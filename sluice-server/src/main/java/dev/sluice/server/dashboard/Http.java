package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over one JDK {@link HttpExchange} for the dashboard's handlers. */
final class Http {

    static final int MAX_BODY = 64 * 1024;

    private final HttpExchange http;
    private final Map<String, String> query;

    Http(HttpExchange http) {
        this.http = http;
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    HttpExchange exchange() {
        return http;
    }

    String method() {
        return http.getRequestMethod();
    }

    /** The path split on '/', decoded, without empty segments. */
    List<String> segments() {
        List<String> out = new ArrayList<>();
        for (String s : http.getRequestURI().getRawPath().split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    String query(String name, String fallback) {
        return query.getOrDefault(name, fallback);
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** The request body as a JSON object ({} when empty); refuses bodies over {@link #MAX_BODY}. */
    ObjectNode jsonBody() throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] data = in.readNBytes(MAX_BODY + 1);
            if (data.length > MAX_BODY) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
            }
            String text = new String(data, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Json.object() : Json.parseObject(text);
        }
    }

    void json(int code, JsonNode body) throws IOException {
        send(code, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** A Kubernetes-style Status failure: {@code {"kind":"Status","code":..,"reason":..,"message":..}}. */
    void fail(int code, String reason, String message) throws IOException {
        ObjectNode n = Json.object().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("code", code).put("reason", reason).put("message", message);
        json(code, n);
    }

    void send(int code, String contentType, byte[] body) throws IOException {
        var h = http.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        if (method().equals("HEAD")) {
            http.sendResponseHeaders(code, -1);
            return;
        }
        http.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        Arrays.stream(raw.split("&")).forEach(pair -> {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        });
        return out;
    }
}
