package dev.sluice.delivery.metrics.influxdb;

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

class InfluxDbProviderTest {

    static final String PATH = "/api/v2/query";
    static final String HEAD = """
            #datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,double,string
            #group,false,false,true,true,false,true
            #default,_result,,,,,
            ,result,table,_start,_stop,_value,_field
            """;

    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();

    InfluxDbProviderTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private InfluxDbProvider provider() throws MetricException {
        return new InfluxDbProvider(server.url(), Map.of("token", "t0k", "org", "my org"), clients, false,
                Duration.ofMillis(500));
    }

    @Test
    void fluxQueryPostedWithTokenAndOrg() throws Exception {
        server.always(PATH, 200, HEAD + ",,0,2024-01-01T00:00:00Z,2024-01-01T00:01:00Z,99.25,rate\n");
        assertThat(provider().query("from(bucket: \"b\") |> range(start: -1m)")).isEqualTo(MetricResult.value(99.25));
        var req = server.last();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.uri()).isEqualTo("/api/v2/query?org=my+org");
        assertThat(req.header("Authorization")).isEqualTo("Token t0k");
        assertThat(req.body()).contains("\"query\":\"from(bucket: \\\"b\\\") |> range(start: -1m)\"", "\"type\":\"flux\"");
    }

    @Test
    void emptyEmptyValueSeveralErrorsAndTimeout() throws Exception {
        server.once(PATH, 200, "").once(PATH, 200, HEAD + ",,0,a,b,,rate\n")
                .once(PATH, 200, HEAD + ",,0,a,b,1,rate\n\n" + HEAD + ",,1,a,b,2,rate\n")
                .once(PATH, 400, "{\"code\":\"invalid\",\"message\":\"compilation failed\"}").once(PATH, 500, "err");
        InfluxDbProvider p = provider();
        assertThat(((MetricResult.InsufficientData) p.query("q")).reason()).isEqualTo(Reason.NO_SERIES);
        assertThat(((MetricResult.InsufficientData) p.query("q")).reason()).isEqualTo(Reason.NAN);
        assertThat(((MetricResult.InsufficientData) p.query("q")).reason()).isEqualTo(Reason.MULTIPLE_SERIES);
        assertThatThrownBy(() -> p.query("q")).hasMessageContaining("status 400").hasMessageContaining("compilation failed");
        assertThatThrownBy(() -> p.query("q")).hasMessage("influxdb error response: status 500: err");
        server.hang(PATH);
        assertThatThrownBy(() -> p.query("q")).hasMessage("influxdb request failed: timed out after 500ms");
    }
}
