package dev.sluice.delivery.metrics.graphite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.http.ProviderHttp;
import dev.sluice.delivery.net.Endpoints;
import java.net.URI;
import dev.sluice.delivery.net.HttpClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Graphite's render API as Flagger queries it: the query is the URL's query string
 * ({@code target=...&from=-1min}), sent to {@code <address>/render?<query>&format=json}, with basic
 * auth from the Secret's {@code username} and {@code password}. The value is the last non-null
 * datapoint of the one series; no series or only nulls is {@code NO_SERIES}, several series
 * {@code MULTIPLE_SERIES}. Thread-safe.
 */
public final class GraphiteProvider implements MetricProvider {

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final String base;
    private final String authorization;
    private final ProviderHttp http;

    public GraphiteProvider(String address, Map<String, String> credentials, HttpClients clients, boolean insecureSkipVerify, Duration timeout)
            throws MetricException {
        try {
            this.base = Endpoints.httpUri(address, "graphite address").toString().replaceAll("/+$", "");
        } catch (IllegalArgumentException e) {
            throw new MetricException(e.getMessage());
        }
        if (credentials == null) {
            authorization = null;
        } else {
            if (!credentials.containsKey("username")) {
                throw new MetricException("graphite credentials does not contain a username");
            }
            if (!credentials.containsKey("password")) {
                throw new MetricException("graphite credentials does not contain a password");
            }
            authorization = "Basic " + Base64.getEncoder().encodeToString((credentials.get("username") + ":"
                    + credentials.get("password")).getBytes(StandardCharsets.UTF_8));
        }
        this.http = new ProviderHttp("graphite", clients, insecureSkipVerify, timeout);
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        String q = SPACE.matcher(query).replaceAll(" ").strip().replace(" ", "%20");
        URI uri;
        try {
            uri = URI.create(base + "/render?" + q + (q.isEmpty() ? "" : "&") + "format=json");
        } catch (IllegalArgumentException e) {
            throw new MetricException("graphite query '" + query + "' is not a valid URL query string: "
                    + e.getMessage());
        }
        var req = http.request(uri).GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        JsonNode series = http.json(http.send(req.build(), false));
        if (!series.isArray() || series.isEmpty()) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        if (series.size() > 1) {
            return new MetricResult.InsufficientData(MetricResult.Reason.MULTIPLE_SERIES, series.size() + " series");
        }
        Double last = null;
        for (JsonNode point : series.get(0).path("datapoints")) {
            JsonNode v = point.path(0);
            if (v.isNumber()) {
                last = v.asDouble();
            } else if (v.isTextual()) {
                try {
                    last = Double.parseDouble(v.asText());
                } catch (NumberFormatException e) {
                    throw new MetricException("graphite answer has a datapoint that is not a number: " + point);
                }
            }
        }
        if (last == null) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        return Double.isNaN(last) ? MetricResult.insufficient(MetricResult.Reason.NAN) : MetricResult.value(last);
    }

    /** Online when a query for a test target answers, with or without data. */
    @Override
    public void checkOnline() throws MetricException {
        query("target=test");
    }
}
