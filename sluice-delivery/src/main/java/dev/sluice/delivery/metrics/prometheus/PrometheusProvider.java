package dev.sluice.delivery.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.http.ProviderHttp;
import dev.sluice.delivery.net.Endpoints;
import java.net.URI;
import java.net.URLEncoder;
import dev.sluice.delivery.net.HttpClients;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs PromQL through Prometheus' HTTP API ({@code GET <address>/api/v1/query?query=...}), as
 * Flagger's provider does: whitespace compacted, a bearer token or basic auth from the template's
 * Secret, the template's extra headers. A vector with one sample or a scalar is a value; no sample
 * is {@code NO_SERIES}, NaN is {@code NAN}, several samples (or a range vector) are
 * {@code MULTIPLE_SERIES}. Thread-safe.
 */
public final class PrometheusProvider implements MetricProvider {

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final URI address;
    private final Map<String, List<String>> headers;
    private final String authorization;
    private final ProviderHttp http;

    /**
     * @param credentials the Secret's data: {@code token}, or {@code username} and {@code password};
     *                    null when the template has no secretRef
     * @throws MetricException when the address is not an http(s) URL or the credentials are incomplete
     */
    public PrometheusProvider(String address, Map<String, List<String>> headers, Map<String, String> credentials,
                              HttpClients clients, boolean insecureSkipVerify, Duration timeout) throws MetricException {
        try {
            this.address = Endpoints.httpUri(address, "prometheus address");
        } catch (IllegalArgumentException e) {
            throw new MetricException(e.getMessage());
        }
        this.headers = Map.copyOf(headers);
        this.authorization = authorization(credentials);
        this.http = new ProviderHttp("prometheus", clients, insecureSkipVerify, timeout);
    }

    private static String authorization(Map<String, String> credentials) throws MetricException {
        if (credentials == null) {
            return null;
        }
        if (credentials.containsKey("token")) {
            return "Bearer " + credentials.get("token");
        }
        if (!credentials.containsKey("username")) {
            throw new MetricException("prometheus credentials does not contain a username (or a token)");
        }
        if (!credentials.containsKey("password")) {
            throw new MetricException("prometheus credentials does not contain a password");
        }
        String pair = credentials.get("username") + ":" + credentials.get("password");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        String q = SPACE.matcher(query).replaceAll(" ").strip();
        String base = address.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        HttpRequest.Builder req = http.request(uri).GET();
        headers.forEach((k, vs) -> vs.forEach(v -> req.header(k, v)));
        if (authorization != null) {
            req.setHeader("Authorization", authorization);
        }
        JsonNode answer = http.json(http.send(req.build(), false));
        if ("error".equals(answer.path("status").asText())) {
            throw new MetricException("prometheus query error: " + answer.path("errorType").asText("") + ": "
                    + answer.path("error").asText(""));
        }
        return PrometheusResults.read(answer.path("data"));
    }

    @Override
    public void checkOnline() throws MetricException {
        MetricResult r = query("vector(1)");
        if (!(r instanceof MetricResult.Value v) || v.value() != 1) {
            throw new MetricException("prometheus: value is not 1 for query: vector(1)");
        }
    }
}
