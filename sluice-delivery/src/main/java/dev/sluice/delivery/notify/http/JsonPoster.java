package dev.sluice.delivery.notify.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.delivery.net.CappedBody;
import dev.sluice.delivery.net.Endpoints;
import dev.sluice.delivery.net.Http;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.HttpProxy;
import dev.sluice.delivery.notify.NotifyException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Flagger's notifier client: POST of a JSON payload within 5s, an optional bearer token and HTTP
 * proxy, and any status outside 2xx an error quoting the (capped) answer. Never retries.
 * Thread-safe.
 */
public final class JsonPoster {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int ERROR_BODY_CAP = 64 * 1024;

    private final HttpClients clients;
    private final URI address;
    private final String token;
    private final HttpProxy proxy;

    /**
     * @param what  how messages name the address, e.g. {@code Slack hook URL}
     * @param proxy an http(s) proxy URL, or ""
     * @throws NotifyException when the address or proxy is not an http(s) URL
     */
    public JsonPoster(HttpClients clients, String what, String address, String token, String proxy) throws NotifyException {
        this.clients = clients;
        this.token = token == null ? "" : token;
        try {
            this.address = Endpoints.httpUri(address, what);
            if (proxy == null || proxy.isEmpty()) {
                this.proxy = null;
            } else {
                URI p = Endpoints.httpUri(proxy, "proxy");
                int port = p.getPort() > 0 ? p.getPort() : p.getScheme().equals("https") ? 443 : 80;
                this.proxy = HttpProxy.forAll(InetSocketAddress.createUnresolved(p.getHost(), port));
            }
        } catch (IllegalArgumentException e) {
            throw new NotifyException(e.getMessage());
        }
    }

    public URI address() {
        return address;
    }

    public void post(ObjectNode payload) throws NotifyException {
        HttpRequest.Builder req = HttpRequest.newBuilder(address).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload)));
        if (!token.isEmpty()) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<CappedBody> r;
        try {
            r = clients.send(clients.client(false, proxy == null ? null : proxy.selector(), true), req.build(), TIMEOUT,
                    ERROR_BODY_CAP);
        } catch (IOException e) {
            throw new NotifyException("sending notification failed to send: " + Http.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException("sending notification interrupted", e);
        }
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            String answer = r.body().text();
            // quoted in logs and events: enough to read the error, never megabytes of it
            throw new NotifyException("sending notification bad response " + r.statusCode() + ": "
                    + (answer.length() <= 1000 ? answer : answer.substring(0, 1000) + "... (" + (answer.length() - 1000)
                    + " more characters)"));
        }
    }
}
