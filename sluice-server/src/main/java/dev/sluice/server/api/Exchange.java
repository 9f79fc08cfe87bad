package dev.sluice.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.api.Json;
import dev.sluice.api.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over one JDK {@link HttpExchange}: query, body (size-limited), JSON replies. */
final class Exchange {

    static final int MAX_BODY = Yaml.MAX_DOCUMENT_BYTES;

    private final HttpExchange http;
    private final Map<String, String> query;

    Exchange(HttpExchange http) {
        this.http = http;
        this.query = parseQuery(http.getRequestURI().getRawQuery());
    }

    HttpExchange http() {
        return http;
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getPath();
    }

    String query(String name, String fallback) {
        return query.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        String v = query.get(name);
        return v != null && (v.isEmpty() || v.equals("true") || v.equals("1") || v.equals("All"));
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** The request body as YAML or JSON; refuses bodies over {@link #MAX_BODY}. */
    JsonNode body() throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] data = in.readNBytes(MAX_BODY + 1);
            if (data.length > MAX_BODY) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
            }
            return Yaml.readOne(new String(data, StandardCharsets.UTF_8), "request body").content();
        }
    }

    void reply(int code, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    void replyText(int code, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        http.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    void fail(int code, String reason, String message) throws IOException {
        reply(code, ApiStatus.failure(code, reason, message));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
