package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where a command finds a running {@code sluice up}: {@code --server URL}, else env
 * {@code SLUICE_SERVER}, else {@code http://127.0.0.1:9494}; the token (for changes) from env
 * {@code SLUICE_TOKEN}. Also a small client for the {@code /api/sluice/v1} read API.
 */
final class ApiClientOptions {

    static final String DEFAULT_SERVER = "http://127.0.0.1:9494";

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:SLUICE_SERVER:-" + DEFAULT_SERVER + "}",
            description = "The API of a running 'sluice up' (env SLUICE_SERVER; default ${DEFAULT-VALUE}).")
    String server;

    URI base() {
        try {
            URI u = URI.create(server.endsWith("/") ? server : server + "/");
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new UserException("--server '" + server + "': expected a URL such as " + DEFAULT_SERVER);
        }
    }

    /** GETs {@code /api/sluice/v1/<path>}; failures become one clear message. */
    JsonNode get(String path) {
        URI uri = base().resolve("api/sluice/v1/" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        String token = System.getenv("SLUICE_TOKEN");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token.strip());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r;
        try {
            r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserException("cannot reach the Sluice API at " + base() + " (" + e + "); is 'sluice up' running? "
                    + "(set --server or SLUICE_SERVER)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted");
        }
        JsonNode body;
        try {
            body = Json.parseObject(r.body());
        } catch (IllegalArgumentException e) {
            throw new UserException(uri + " answered " + r.statusCode() + " with something other than JSON; is "
                    + base() + " a Sluice API?");
        }
        if (r.statusCode() >= 400) {
            throw new UserException(body.path("message").asText("HTTP " + r.statusCode()));
        }
        return body;
    }
}
