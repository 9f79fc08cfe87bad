package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatCommandTest {

    private static JsonNode row(String json) {
        return Json.parseObject(json);
    }

    @Test
    void linkerdColumnsWithDashesForMissingValues() {
        List<JsonNode> rows = List.of(
                row("{\"namespace\":\"faces\",\"name\":\"face\",\"meshed\":\"1/1\",\"successRate\":91.8234,\"rps\":2.345,"
                        + "\"latencyP50\":2.4,\"latencyP95\":4.5,\"latencyP99\":5.0,\"tcpConnections\":null}"),
                row("{\"namespace\":\"faces\",\"name\":\"faces-gui\",\"meshed\":\"0/2\",\"successRate\":null,\"rps\":null,"
                        + "\"latencyP50\":null,\"latencyP95\":null,\"latencyP99\":null,\"tcpConnections\":3}"));

        assertThat(StatCommand.table(rows, false)).isEqualTo("""
                NAME        MESHED   SUCCESS   RPS      LATENCY_P50   LATENCY_P95   LATENCY_P99   TCP_CONN
                face        1/1      91.82%    2.3rps   2ms           5ms           5ms           -
                faces-gui   0/2      -         -        -             -             -             3
                """);
        assertThat(StatCommand.table(rows, true).lines().findFirst().orElseThrow()).startsWith("NAMESPACE   NAME ");
    }

    @Test
    void onlyDeploymentsAndKnownFormats() {
        CliRunner kind = CliRunner.run("stat", "pods", "--server", "http://127.0.0.1:1");
        assertThat(kind.exitCode()).isEqualTo(1);
        assertThat(kind.err()).contains("kind 'pods': only deploy (Deployments) is supported");

        CliRunner down = CliRunner.run("stat", "deploy", "--server", "http://127.0.0.1:1");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach the Sluice API at http://127.0.0.1:1/").contains("is 'sluice up' running?");

        CliRunner badUrl = CliRunner.run("timeline", "canary", "face", "--server", "nope");
        assertThat(badUrl.exitCode()).isEqualTo(1);
        assertThat(badUrl.err()).contains("--server 'nope': expected a URL such as http://127.0.0.1:9494");
    }
}
