package dev.sluice.delivery.metrics.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GoDuration;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.http.ProviderHttp;
import dev.sluice.delivery.net.Endpoints;
import java.net.URI;
import java.net.URLEncoder;
import dev.sluice.delivery.net.HttpClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Datadog's metrics query API as Flagger queries it: {@code GET <address>/api/v1/query} with
 * {@code query}, {@code from = now - 10 x interval} and {@code to = now}, the keys in the
 * {@code DD-API-KEY} and {@code DD-APPLICATION-KEY} headers. The value is the first (oldest) point
 * of the series (the newest bucket is usually incomplete). No series or no point is
 * {@code NO_SERIES}, a null point {@code NAN}, several series {@code MULTIPLE_SERIES}. Thread-safe.
 */
public final class DatadogProvider implements MetricProvider {

    public static final String DEFAULT_ADDRESS = "https://api.datadoghq.com";

    private final String base;
    private final String apiKey;
    private final String applicationKey;
    private final long fromDeltaSeconds;
    private final Clock clock;
    private final ProviderHttp http;

    /**
     * @param credentials the Secret's data with {@code datadog_api_key} and {@code datadog_application_key}
     * @param interval    the metric's interval, e.g. {@code 1m}
     */
    public DatadogProvider(String address, Map<String, String> credentials, String interval, Clock clock,
                           HttpClients clients, boolean insecureSkipVerify, Duration timeout) throws MetricException {
        try {
            this.base = Endpoints.httpUri(address.isEmpty() ? DEFAULT_ADDRESS : address, "datadog address").toString()
                    .replaceAll("/+$", "");
            this.fromDeltaSeconds = 10 * GoDuration.parse(interval).toSeconds();
        } catch (IllegalArgumentException e) {
            throw new MetricException("datadog: " + e.getMessage());
        }
        Map<String, String> c = credentials == null ? Map.of() : credentials;
        this.apiKey = require(c, "datadog_api_key");
        this.applicationKey = require(c, "datadog_application_key");
        this.clock = clock;
        this.http = new ProviderHttp("datadog", clients, insecureSkipVerify, timeout);
    }

    private static String require(Map<String, String> c, String key) throws MetricException {
        String v = c.get(key);
        if (v == null) {
            throw new MetricException("datadog credentials does not contain " + key);
        }
        return v;
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        long now = clock.instant().getEpochSecond();
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&from=" + (now - fromDeltaSeconds) + "&to=" + now);
        JsonNode answer = http.json(http.send(http.request(uri).GET().header("DD-API-KEY", apiKey)
                .header("DD-APPLICATION-KEY", applicationKey).build(), true));
        JsonNode series = answer.path("series");
        if (series.isEmpty()) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        if (series.size() > 1) {
            return new MetricResult.InsufficientData(MetricResult.Reason.MULTIPLE_SERIES, series.size() + " series");
        }
        JsonNode points = series.get(0).path("pointlist");
        if (points.isEmpty() || points.get(0).size() < 2) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        JsonNode v = points.get(0).get(1);
        if (!v.isNumber() || Double.isNaN(v.asDouble())) {
            return MetricResult.insufficient(MetricResult.Reason.NAN);
        }
        return MetricResult.value(v.asDouble());
    }

    /** Validates the API key ({@code GET /api/v1/validate} answers 200). */
    @Override
    public void checkOnline() throws MetricException {
        http.send(http.request(URI.create(base + "/api/v1/validate")).GET().header("DD-API-KEY", apiKey)
                .header("DD-APPLICATION-KEY", applicationKey).build(), true);
    }
}
