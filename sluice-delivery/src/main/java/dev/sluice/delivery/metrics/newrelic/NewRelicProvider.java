package dev.sluice.delivery.metrics.newrelic;

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
import java.time.Duration;
import java.util.Map;

/**
 * New Relic's Insights query API as Flagger queries it: {@code GET
 * <address>/v1/accounts/<account>/query?nrql=<query> SINCE <interval seconds> seconds ago} with the
 * {@code X-Query-Key} header. One result with a number is a value; no result or a null one is
 * {@code NO_SERIES}, several results {@code MULTIPLE_SERIES}. Thread-safe.
 */
public final class NewRelicProvider implements MetricProvider {

    public static final String DEFAULT_ADDRESS = "https://insights-api.newrelic.com";

    private final String endpoint;
    private final String queryKey;
    private final long sinceSeconds;
    private final ProviderHttp http;

    /** @param credentials the Secret's data with {@code newrelic_account_id} and {@code newrelic_query_key} */
    public NewRelicProvider(String address, Map<String, String> credentials, String interval, HttpClients clients, boolean insecureSkipVerify,
                            Duration timeout) throws MetricException {
        Map<String, String> c = credentials == null ? Map.of() : credentials;
        String account = c.get("newrelic_account_id");
        if (account == null) {
            throw new MetricException("newrelic credentials does not contain the key 'newrelic_account_id'");
        }
        this.queryKey = c.get("newrelic_query_key");
        if (queryKey == null) {
            throw new MetricException("newrelic credentials does not contain the key 'newrelic_query_key'");
        }
        try {
            String base = Endpoints.httpUri(address.isEmpty() ? DEFAULT_ADDRESS : address, "newrelic address").toString()
                    .replaceAll("/+$", "");
            this.endpoint = base + "/v1/accounts/" + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/query";
            this.sinceSeconds = GoDuration.parse(interval).toSeconds();
        } catch (IllegalArgumentException e) {
            throw new MetricException("newrelic: " + e.getMessage());
        }
        this.http = new ProviderHttp("newrelic", clients, insecureSkipVerify, timeout);
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        JsonNode results = http.json(http.send(request(query), true)).path("results");
        if (results.isEmpty()) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        if (results.size() > 1) {
            return new MetricResult.InsufficientData(MetricResult.Reason.MULTIPLE_SERIES, results.size() + " results");
        }
        JsonNode v = results.get(0).path("result");
        if (!v.isNumber()) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        return MetricResult.value(v.asDouble());
    }

    @Override
    public void checkOnline() throws MetricException {
        http.send(request("SELECT * FROM Metric"), true);
    }

    private java.net.http.HttpRequest request(String query) {
        String nrql = query + " SINCE " + sinceSeconds + " seconds ago";
        return http.request(URI.create(endpoint + "?nrql=" + URLEncoder.encode(nrql, StandardCharsets.UTF_8)))
                .GET().header("X-Query-Key", queryKey).build();
    }
}
