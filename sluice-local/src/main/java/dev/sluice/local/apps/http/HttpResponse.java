package dev.sluice.local.apps.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A built-in app's answer. */
public record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, "application/json", Map.of(), (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse text(int status, String body) {
        return new HttpResponse(status, "text/plain; charset=utf-8", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse html(String body) {
        return new HttpResponse(200, "text/html; charset=utf-8", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpResponse(status, contentType, h, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
