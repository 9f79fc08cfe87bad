package dev.sluice.delivery.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.MetricResult.Reason;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphiteProviderTest {

    static final String PATH = "/graphite/render";
    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();

    GraphiteProviderTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private GraphiteProvider provider(Map<String, String> credentials) throws MetricException {
        return new GraphiteProvider(server.url() + "/graphite", credentials, clients, false, Duration.ofMillis(500));
    }

    @Test
    void lastNonNullDatapointWithBasicAuth() throws Exception {
        server.always(PATH, 200, "[{\"target\":\"x\",\"datapoints\":[[1.0,1],[2.5,2],[null,3]]}]");
        assertThat(provider(Map.of("username", "u", "password", "p")).query("target=sumSeries(app.*.errors)\n &from=-1min"))
                .isEqualTo(MetricResult.value(2.5));
        assertThat(server.last().uri()).isEqualTo("/graphite/render?target=sumSeries(app.*.errors)%20&from=-1min&format=json");
        assertThat(server.last().header("Authorization")).isEqualTo("Basic dTpw");
    }

    @Test
    void emptyOnlyNullsNanSeveralErrorsAndTimeout() throws Exception {
        server.once(PATH, 200, "[]").once(PATH, 200, "[{\"target\":\"x\",\"datapoints\":[[null,1]]}]")
                .once(PATH, 200, "[{\"target\":\"x\",\"datapoints\":[[\"NaN\",1]]}]")
                .once(PATH, 200, "[{\"target\":\"a\",\"datapoints\":[[1,1]]},{\"target\":\"b\",\"datapoints\":[[1,1]]}]")
                .once(PATH, 400, "bad target").once(PATH, 500, "oops");
        GraphiteProvider p = provider(null);
        assertThat(((MetricResult.InsufficientData) p.query("target=x")).reason()).isEqualTo(Reason.NO_SERIES);
        assertThat(((MetricResult.InsufficientData) p.query("target=x")).reason()).isEqualTo(Reason.NO_SERIES);
        assertThat(((MetricResult.InsufficientData) p.query("target=x")).reason()).isEqualTo(Reason.NAN);
        assertThat(((MetricResult.InsufficientData) p.query("target=x")).reason()).isEqualTo(Reason.MULTIPLE_SERIES);
        assertThatThrownBy(() -> p.query("target=x")).hasMessage("graphite error response: status 400: bad target");
        assertThatThrownBy(() -> p.query("target=x")).hasMessage("graphite error response: status 500: oops");
        server.hang(PATH);
        assertThatThrownBy(() -> p.query("target=x")).hasMessage("graphite request failed: timed out after 500ms");
    }
}
