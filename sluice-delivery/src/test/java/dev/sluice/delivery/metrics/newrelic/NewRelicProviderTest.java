package dev.sluice.delivery.metrics.newrelic;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NewRelicProviderTest {

    static final String PATH = "/v1/accounts/42/query";
    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();

    NewRelicProviderTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private NewRelicProvider provider() throws MetricException {
        return new NewRelicProvider(server.url(), Map.of("newrelic_account_id", "42", "newrelic_query_key", "k"),
                "2m", clients, false, Duration.ofMillis(500));
    }

    @Test
    void nrqlWithTheIntervalAndTheQueryKey() throws Exception {
        server.always(PATH, 200, "{\"results\":[{\"result\":1.5}]}");
        assertThat(provider().query("SELECT percentage(count(*), WHERE error IS true) FROM Transaction"))
                .isEqualTo(MetricResult.value(1.5));
        assertThat(URLDecoder.decode(server.last().uri(), StandardCharsets.UTF_8)).isEqualTo(PATH
                + "?nrql=SELECT percentage(count(*), WHERE error IS true) FROM Transaction SINCE 120 seconds ago");
        assertThat(server.last().header("X-Query-Key")).isEqualTo("k");
    }

    @Test
    void emptyNullSeveralErrorsAndTimeout() throws Exception {
        server.once(PATH, 200, "{\"results\":[]}").once(PATH, 200, "{\"results\":[{\"result\":null}]}")
                .once(PATH, 200, "{\"results\":[{\"result\":1},{\"result\":2}]}").once(PATH, 401, "unauthorized")
                .once(PATH, 502, "bad gateway");
        NewRelicProvider p = provider();
        assertThat(((MetricResult.InsufficientData) p.query("q")).reason()).isEqualTo(Reason.NO_SERIES);
        assertThat(((MetricResult.InsufficientData) p.query("q")).reason()).isEqualTo(Reason.NO_SERIES);
        assertThat(((MetricResult.InsufficientData) p.query("q")).reason()).isEqualTo(Reason.MULTIPLE_SERIES);
        assertThatThrownBy(() -> p.query("q")).hasMessage("newrelic error response: status 401: unauthorized");
        assertThatThrownBy(() -> p.query("q")).hasMessage("newrelic error response: status 502: bad gateway");
        server.hang(PATH);
        assertThatThrownBy(() -> p.query("q")).hasMessage("newrelic request failed: timed out after 500ms");
    }
}
