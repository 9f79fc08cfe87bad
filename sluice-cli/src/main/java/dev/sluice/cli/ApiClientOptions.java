package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.server.context.ServerContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where a command finds a running {@code sluice up}: {@code --server URL}, else env
 * {@code SLUICE_SERVER}, else the context {@code sluice up} saved, else {@code http://127.0.0.1:9494};
 * the token from env {@code SLUICE_TOKEN}, else the saved context's when it is for the same server.
 * Also a small client for the {@code /api/sluice/v1} API.
 */
final class ApiClientOptions {

    static final String DEFAULT_SERVER = ServerContext.DEFAULT_SERVER.toString();

    @Option(names = "--server", paramLabel = "URL",
            description = "The API of a running 'sluice up' (env SLUICE_SERVER; default: the one 'sluice up' saved, else "
                    + "http://127.0.0.1:9494).")
    String server;

    URI base() {
        String s = server != null ? server : ServerContext.resolve().server().toString();
        try {
            URI u = URI.create(s.endsWith("/") ? s : s + "/");
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new UserException("--server '" + s + "': expected a URL such as " + DEFAULT_SERVER);
        }
    }

    /** The token to send: env SLUICE_TOKEN, else the saved context's when it names this server. */
    String token() {
        String env = System.getenv("SLUICE_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        ServerContext ctx = ServerContext.resolve();
        return base().equals(URI.create(ctx.server().toString().replaceAll("/*$", "/"))) ? ctx.token() : "";
    }

    /** A request for {@code /api/sluice/v1/<path>} with the token, if any. */
    HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve("api/sluice/v1/" + path)).timeout(timeout);
        String token = token();
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    UserException unreachable(IOException e) {
        return new UserException("cannot reach the Sluice API at " + base() + " (" + e + "); is 'sluice up' running? "
                + "(set --server or SLUICE_SERVER)");
    }

    /** GETs {@code /api/sluice/v1/<path>}; failures become one clear message. */
    JsonNode get(String path) {
        URI uri = base().resolve("api/sluice/v1/" + path);
        HttpRequest.Builder b = request(path, Duration.ofSeconds(30)).header("Accept", "application/json");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r;
        try {
            r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
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
