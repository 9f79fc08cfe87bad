package dev.sluice.delivery.metrics.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.Redaction;
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
            // quoted in events and conditions: enough to read the provider's error, never megabytes of it
            throw new MetricException(provider + " error response: status " + r.statusCode() + ": "
                    + shorten(Redaction.values(body.text().strip(), credentials(request)), MAX_QUOTED));
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

    /**
     * The credentials this request carries (Authorization and API-key headers, and the token or
     * user:password inside them), which a server may quote back in an error answer.
     */
    static java.util.List<String> credentials(HttpRequest request) {
        java.util.List<String> out = new java.util.ArrayList<>();
        request.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (n.equals("authorization") || n.contains("key") || n.contains("token") || n.contains("secret")) {
                for (String v : values) {
                    out.add(v);
                    int space = v.indexOf(' ');
                    if (space > 0) {
                        String credential = v.substring(space + 1).strip();
                        out.add(credential);
                        if (v.regionMatches(true, 0, "Basic ", 0, 6)) {
                            try {
                                String pair = new String(java.util.Base64.getDecoder().decode(credential),
                                        java.nio.charset.StandardCharsets.UTF_8);
                                out.add(pair);
                                out.add(pair.substring(pair.indexOf(':') + 1));
                            } catch (IllegalArgumentException notBase64) {
                                // nothing more to hide
                            }
                        }
                    }
                }
            }
        });
        // longest first, so that a credential inside a longer header value is replaced as a whole
        out.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** How much of an error answer a message quotes. */
    static final int MAX_QUOTED = 1000;

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "... (" + (s.length() - max) + " more characters)";
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
