package dev.sluice.gitops.notification.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs notification payloads with one shared JDK client (a client owns a selector thread, so one
 * per call would leak threads): {@code Content-Type: application/json}, extra headers, the
 * provider's timeout, and any status outside 2xx an error quoting the first 64 KiB of the answer.
 * Owned by the composition root and closed with it. Thread-safe.
 */
public final class HttpPoster implements AutoCloseable {

    private static final int ERROR_BODY_CAP = 64 * 1024;

    private final HttpClient client;

    public HttpPoster(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Sends {@code payload} as JSON.
     *
     * @return the answer's body (up to 64 KiB), for providers that report errors inside a 200
     */
    public String post(URI address, JsonNode payload, Map<String, String> headers, Duration timeout)
            throws NotifyException {
        return post(address, Json.write(payload).getBytes(StandardCharsets.UTF_8), headers, timeout);
    }

    /** Sends bytes already serialized (a signature was computed over exactly these). */
    public String post(URI address, byte[] body, Map<String, String> headers, Duration timeout) throws NotifyException {
        HttpRequest.Builder req = HttpRequest.newBuilder(address).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::setHeader);
        HttpResponse<InputStream> r;
        String text;
        try {
            r = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(ERROR_BODY_CAP), StandardCharsets.UTF_8);
            }
        } catch (HttpTimeoutException e) {
            throw new NotifyException("failed to execute request: timeout after " + timeout.toMillis() + "ms", e);
        } catch (IOException e) {
            throw new NotifyException("failed to execute request: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException("interrupted", e);
        }
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            throw new NotifyException("request failed with status code " + r.statusCode() + ": " + text.strip());
        }
        return text;
    }

    @Override
    public void close() {
        client.close();
    }
}
