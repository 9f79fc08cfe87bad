package dev.sluice.delivery.metrics.influxdb;

import dev.sluice.api.Json;
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
import java.util.Map;

/**
 * InfluxDB 2's Flux query API, as the influxdb-client-go Flagger uses calls it: {@code POST
 * <address>/api/v2/query?org=<org>} with {@code {"query", "type": "flux", "dialect": {...}}},
 * {@code Authorization: Token <token>}, answered in annotated CSV. The value is the {@code _value}
 * of the one record; none is {@code NO_SERIES}, an empty value {@code NAN}, several records
 * {@code MULTIPLE_SERIES}. Flagger allows InfluxDB 15s per query. Thread-safe.
 */
public final class InfluxDbProvider implements MetricProvider {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final URI endpoint;
    private final String token;
    private final ProviderHttp http;

    /** @param credentials the Secret's data with {@code token} and {@code org}; null without a secretRef */
    public InfluxDbProvider(String address, Map<String, String> credentials, HttpClients clients, boolean insecureSkipVerify, Duration timeout)
            throws MetricException {
        String org = "";
        String t = "";
        if (credentials != null) {
            if (!credentials.containsKey("token")) {
                throw new MetricException("influxdb credentials does not contain an authentication token");
            }
            if (!credentials.containsKey("org")) {
                throw new MetricException("influxdb credentials does not contain an organisation");
            }
            t = credentials.get("token");
            org = credentials.get("org");
        }
        try {
            String base = Endpoints.httpUri(address, "influxdb address").toString().replaceAll("/+$", "");
            this.endpoint = URI.create(base + "/api/v2/query?org=" + URLEncoder.encode(org, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new MetricException(e.getMessage());
        }
        this.token = t;
        this.http = new ProviderHttp("influxdb", clients, insecureSkipVerify, timeout);
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        return AnnotatedCsv.singleValue(http.send(request(query), true));
    }

    /** Flagger's online check: a query over the default bucket answers. */
    @Override
    public void checkOnline() throws MetricException {
        http.send(request("from(bucket: \"default\") |> range(start: -2h)"), true);
    }

    private HttpRequest request(String flux) {
        var body = Json.object().put("query", flux).put("type", "flux");
        var dialect = body.putObject("dialect").put("header", true).put("delimiter", ",").put("commentPrefix", "#")
                .put("dateTimeFormat", "RFC3339");
        dialect.putArray("annotations").add("datatype").add("group").add("default");
        var req = http.request(endpoint).header("Content-Type", "application/json").header("Accept", "application/csv")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (!token.isEmpty()) {
            req.header("Authorization", "Token " + token);
        }
        return req.build();
    }
}
