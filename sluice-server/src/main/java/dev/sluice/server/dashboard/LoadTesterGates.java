package dev.sluice.server.dashboard;

import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Opens gates on a Flagger-compatible load tester over HTTP: the webhook's URL with its path
 * replaced by {@code /gate/open}, body {@code {"name":..,"namespace":..}}, 2xx = opened.
 * {@code resolve} rewrites the URL before the call, for when the Service name in the URL is not
 * reachable from this process (embedded mode routes it to the mesh proxy). Thread-safe.
 */
public final class LoadTesterGates implements GateApprover {

    private final HttpClient http;
    private final UnaryOperator<URI> resolve;

    public LoadTesterGates(HttpClient http, UnaryOperator<URI> resolve) {
        this.http = http;
        this.resolve = resolve;
    }

    /** Calls the URL's host as written (Kubernetes mode, where Service names resolve). */
    public static LoadTesterGates direct() {
        return new LoadTesterGates(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), u -> u);
    }

    @Override
    public String open(ObjectKey canary, String webhook, String url) {
        URI target;
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            target = resolve.apply(u.resolve("/gate/open"));
        } catch (IllegalArgumentException e) {
            throw new GateException("webhook " + webhook + " has URL '" + url + "', which is not an absolute http URL", e);
        }
        String body = Json.write(Json.object().put("name", canary.name()).put("namespace", canary.namespace()));
        HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new GateException("the load tester at " + target + " answered " + r.statusCode() + ": " + r.body().strip());
            }
            return "gate opened for " + canary.name() + "." + canary.namespace() + " (" + target + ")";
        } catch (IOException e) {
            throw new GateException("cannot reach the load tester at " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GateException("interrupted while opening the gate", e);
        }
    }
}
