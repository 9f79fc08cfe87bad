package dev.sluice.delivery.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.MetricResult.Reason;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusProviderTest {

    static final String PATH = "/prom/api/v1/query";

    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();

    PrometheusProviderTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private PrometheusProvider provider(Map<String, String> credentials) throws MetricException {
        return new PrometheusProvider(server.url() + "/prom/", Map.of("X-Scope-OrgID", List.of("tenant-a")),
                credentials, clients, false, Duration.ofMillis(500));
    }

    private static String vector(String... values) {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i > 0 ? "," : "").append("{\"metric\":{\"pod\":\"p").append(i).append("\"},\"value\":[1700000000.123,\"")
                    .append(values[i]).append("\"]}");
        }
        return b.append("]}}").toString();
    }

    @Test
    void oneSampleIsTheValueAndTheQueryIsCompactedWithHeadersAndToken() throws Exception {
        server.always(PATH, 200, vector("99.5"));
        MetricResult r = provider(Map.of("token", "s3cret")).query("sum(rate(x[1m]))\n   / 2");
        assertThat(r).isEqualTo(MetricResult.value(99.5));
        TestServer.Request req = server.last();
        assertThat(URLDecoder.decode(req.uri(), StandardCharsets.UTF_8)).isEqualTo("/prom/api/v1/query?query=sum(rate(x[1m])) / 2");
        assertThat(req.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(req.header("X-Scope-OrgID")).isEqualTo("tenant-a");
    }

    @Test
    void basicAuthFromUsernameAndPassword() throws Exception {
        server.always(PATH, 200, vector("1"));
        provider(Map.of("username", "u", "password", "p")).query("up");
        assertThat(server.last().header("Authorization")).isEqualTo("Basic dTpw");
        assertThatThrownBy(() -> provider(Map.of("username", "u"))).isInstanceOf(MetricException.class)
                .hasMessageContaining("does not contain a password");
    }

    @Test
    void emptyNanAndSeveralSeriesAreInsufficientDataNeverAValue() throws Exception {
        server.once(PATH, 200, vector()).once(PATH, 200, vector("NaN")).once(PATH, 200, vector("1", "2"))
                .once(PATH, 200, vector("+Inf"))
                .once(PATH, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}")
                .once(PATH, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"7\"]}}");
        PrometheusProvider p = provider(null);
        assertThat(reason(p.query("q"))).isEqualTo(Reason.NO_SERIES);
        assertThat(reason(p.query("q"))).isEqualTo(Reason.NAN);
        assertThat(p.query("q")).isEqualTo(new MetricResult.InsufficientData(Reason.MULTIPLE_SERIES, "2 series"));
        assertThat(reason(p.query("q"))).isEqualTo(Reason.NAN);
        assertThat(reason(p.query("q"))).isEqualTo(Reason.MULTIPLE_SERIES);
        assertThat(p.query("q")).isEqualTo(MetricResult.value(7));
    }

    @Test
    void errorStatusesAndBadAnswersAreExceptionsWithTheBody() throws Exception {
        server.once(PATH, 400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 3\"}")
                .once(PATH, 503, "overloaded").once(PATH, 200, "<html>").once(PATH, 200,
                        "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}");
        PrometheusProvider p = provider(null);
        assertThatThrownBy(() -> p.query("q")).isInstanceOf(MetricException.class)
                .hasMessage("prometheus error response: status 400: {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 3\"}");
        assertThatThrownBy(() -> p.query("q")).hasMessage("prometheus error response: status 503: overloaded");
        assertThatThrownBy(() -> p.query("q")).hasMessage("prometheus answer is not JSON: '<html>'");
        assertThatThrownBy(() -> p.query("q")).hasMessage("prometheus query error: timeout: query timed out");
    }

    @Test
    void aHangingServerTimesOut() throws Exception {
        server.hang(PATH);
        assertThatThrownBy(() -> provider(null).query("q")).isInstanceOf(MetricException.class)
                .hasMessage("prometheus request failed: timed out after 500ms");
    }

    @Test
    void onlineMeansVectorOneAnswersOne() throws Exception {
        server.once(PATH, 200, vector("1")).once(PATH, 200, vector("0"));
        provider(null).checkOnline();
        assertThat(URLDecoder.decode(server.last().uri(), StandardCharsets.UTF_8)).endsWith("query=vector(1)");
        assertThatThrownBy(() -> provider(null).checkOnline()).hasMessageContaining("value is not 1");
    }

    @Test
    void refusesNonHttpAddresses() {
        for (String bad : List.of("file:///etc/passwd", "ftp://host/x", "prometheus:9090", "jar:file:/x!/y")) {
            assertThatThrownBy(() -> new PrometheusProvider(bad, Map.of(), null, clients, false, Duration.ofSeconds(1)))
                    .isInstanceOf(MetricException.class).hasMessageContaining("prometheus address '" + bad + "'");
        }
    }

    private static Reason reason(MetricResult r) {
        return ((MetricResult.InsufficientData) r).reason();
    }
}
