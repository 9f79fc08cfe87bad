package dev.sluice.delivery.metrics.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.MetricResult.Reason;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatadogProviderTest {

    static final String PATH = "/api/v1/query";
    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    DatadogProviderTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private DatadogProvider provider() throws MetricException {
        return new DatadogProvider(server.url(), Map.of("datadog_api_key", "api", "datadog_application_key", "app"),
                "1m", clock, clients, false, Duration.ofMillis(500));
    }

    @Test
    void firstPointOfTheSeriesOverTenIntervals() throws Exception {
        server.always(PATH, 200, "{\"series\":[{\"pointlist\":[[1699999400000,0.25],[1700000000000,0.9]]}]}");
        assertThat(provider().query("avg:errors{*}")).isEqualTo(MetricResult.value(0.25));
        var req = server.last();
        assertThat(URLDecoder.decode(req.uri(), StandardCharsets.UTF_8))
                .isEqualTo("/api/v1/query?query=avg:errors{*}&from=1699999400&to=1700000000");
        assertThat(req.header("DD-API-KEY")).isEqualTo("api");
        assertThat(req.header("DD-APPLICATION-KEY")).isEqualTo("app");
    }

    @Test
    void emptyNullAndSeveralSeries() throws Exception {
        server.once(PATH, 200, "{\"series\":[]}").once(PATH, 200, "{\"series\":[{\"pointlist\":[]}]}")
                .once(PATH, 200, "{\"series\":[{\"pointlist\":[[1,null]]}]}")
                .once(PATH, 200, "{\"series\":[{\"pointlist\":[[1,1]]},{\"pointlist\":[[1,2]]}]}");
        DatadogProvider p = provider();
        assertThat(reason(p.query("q"))).isEqualTo(Reason.NO_SERIES);
        assertThat(reason(p.query("q"))).isEqualTo(Reason.NO_SERIES);
        assertThat(reason(p.query("q"))).isEqualTo(Reason.NAN);
        assertThat(reason(p.query("q"))).isEqualTo(Reason.MULTIPLE_SERIES);
    }

    @Test
    void errorsTimeoutsAndMissingKeys() throws Exception {
        server.once(PATH, 403, "{\"errors\":[\"Forbidden\"]}").once(PATH, 500, "boom");
        DatadogProvider p = provider();
        assertThatThrownBy(() -> p.query("q")).hasMessage("datadog error response: status 403: {\"errors\":[\"Forbidden\"]}");
        assertThatThrownBy(() -> p.query("q")).hasMessage("datadog error response: status 500: boom");
        server.hang(PATH);
        assertThatThrownBy(() -> p.query("q")).hasMessage("datadog request failed: timed out after 500ms");
        assertThatThrownBy(() -> new DatadogProvider("", Map.of("datadog_api_key", "a"), "1m", clock,
                clients, false, Duration.ofSeconds(1))).hasMessage(
                "datadog credentials does not contain datadog_application_key");
    }

    @Test
    void onlineValidatesTheKeys() throws Exception {
        server.once("/api/v1/validate", 200, "{\"valid\":true}").once("/api/v1/validate", 403, "{\"valid\":false}");
        provider().checkOnline();
        assertThatThrownBy(() -> provider().checkOnline()).isInstanceOf(MetricException.class);
    }

    private static Reason reason(MetricResult r) {
        return ((MetricResult.InsufficientData) r).reason();
    }
}
