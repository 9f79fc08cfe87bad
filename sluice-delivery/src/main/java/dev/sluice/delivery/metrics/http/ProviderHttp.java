package dev.sluice.delivery.metrics.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.net.CappedBody;
import dev.sluice.delivery.net.Http;
import dev.sluice.delivery.net.HttpClients;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How metric providers talk HTTP: one exchange within the provider's timeout (5s, as Flagger),
 * answers capped at 4 MiB, failures as {@link MetricException}s naming the provider
 * ("prometheus request failed: connection refused"). Thread-safe.
 */
public final class ProviderHttp {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_ANSWER = 4 * CappedBody.ONE_MIB;

    private final String provider;
    private final HttpClients clients;
    private final HttpClient client;
    private final Duration timeout;

    /** @param insecureSkipVerify accept any certificate (the template's {@code insecureSkipVerify}) */
    public ProviderHttp(String provider, HttpClients clients, boolean insecureSkipVerify, Duration timeout) {
        this.provider = provider;
        this.clients = clients;
        this.client = clients.client(insecureSkipVerify);
        this.timeout = timeout;
    }

    /** The body of a successful answer; a status of 400 or more is an error with the body. */
    public String send(HttpRequest request, boolean only200) throws MetricException {
        HttpResponse<CappedBody> r;
        try {
            r = clients.send(client, request, timeout, MAX_ANSWER);
        } catch (IOException e) {
            throw new MetricException(provider + " request failed: " + Http.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricException(provider + " request interrupted", e);
        }
        CappedBody body = r.body();
        if (r.statusCode() >= 400 || (only200 && r.statusCode() != 200)) {
            throw new MetricException(provider + " error response: status " + r.statusCode() + ": " + body.text().strip());
        }
        if (body.truncated()) {
            throw new MetricException(provider + " answer is larger than " + (MAX_ANSWER >> 20) + " MiB; refine the query");
        }
        return new String(body.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Parses a JSON answer; invalid JSON is an error quoting the start of the answer. */
    public JsonNode json(String body) throws MetricException {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new MetricException(provider + " answer is not JSON: '" + abbreviate(body) + "'", e);
        }
    }

    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
