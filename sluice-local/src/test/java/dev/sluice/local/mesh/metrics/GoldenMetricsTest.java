package dev.sluice.local.mesh.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.ServiceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenMetricsTest {

    static final Endpoint CANARY = new Endpoint("127.0.0.1", 20002, "test", "podinfo", "podinfo-abc");

    static String text(GoldenMetrics m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exposesLinkerdNamesLabelsAndBuckets() throws IOException {
        GoldenMetrics m = new GoldenMetrics();
        Recorder r = m.recorder(new ServiceRef("test", "podinfo-canary"), CANARY);
        for (int i = 0; i < 3; i++) {
            r.request();
            r.firstByte(200, 4_000_000); // 4 ms
            r.end(200, false);
        }
        r.request();
        r.firstByte(503, 20_000_000_000L); // 20 s: the +Inf bucket
        r.end(503, true);
        String text = text(m);
        String in = "deployment=\"podinfo\",direction=\"inbound\",namespace=\"test\",pod=\"podinfo-abc\"";
        assertThat(text).contains(
                "request_total{" + in + ",tls=\"no_identity\"} 4",
                "response_total{classification=\"success\"," + in + ",status_code=\"200\",tls=\"no_identity\"} 3",
                "response_total{classification=\"failure\"," + in + ",status_code=\"503\",tls=\"no_identity\"} 1",
                "response_latency_ms_bucket{" + in + ",status_code=\"200\",tls=\"no_identity\",le=\"1.0\"} 0",
                "response_latency_ms_bucket{" + in + ",status_code=\"200\",tls=\"no_identity\",le=\"10.0\"} 3",
                "response_latency_ms_bucket{" + in + ",status_code=\"200\",tls=\"no_identity\",le=\"+Inf\"} 3",
                "response_latency_ms_bucket{" + in + ",status_code=\"503\",tls=\"no_identity\",le=\"10000.0\"} 0",
                "response_latency_ms_bucket{" + in + ",status_code=\"503\",tls=\"no_identity\",le=\"+Inf\"} 1",
                "response_latency_ms_count{" + in + ",status_code=\"200\",tls=\"no_identity\"} 3",
                "response_latency_ms_sum{" + in + ",status_code=\"200\",tls=\"no_identity\"} 12.0",
                "request_total{direction=\"outbound\",dst_deployment=\"podinfo\",dst_namespace=\"test\",dst_pod=\"podinfo-abc\","
                        + "dst_service=\"podinfo-canary\",tls=\"no_identity\"} 4",
                "# TYPE response_latency_ms histogram");
        List<String> les = text.lines().filter(l -> l.startsWith("response_latency_ms_bucket{" + in + ",status_code=\"200\""))
                .map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1")).toList();
        assertThat(les).containsExactly("1.0", "10.0", "50.0", "100.0", "200.0", "300.0", "400.0", "500.0", "1000.0",
                "5000.0", "10000.0", "+Inf");
    }

    @Test
    void snapshotsAreCumulativePerStatus() {
        GoldenMetrics m = new GoldenMetrics();
        Recorder r = m.recorder(new ServiceRef("test", "podinfo"), CANARY);
        r.request();
        r.firstByte(200, 60_000_000); // 60 ms
        r.end(200, false);
        MetricsSnapshot s = m.snapshot(Instant.EPOCH);
        MetricsSnapshot.SeriesSnapshot inbound = s.series().stream()
                .filter(x -> x.key().direction().equals(SeriesKey.INBOUND)).findFirst().orElseThrow();
        assertThat(inbound.key()).isEqualTo(new SeriesKey("inbound", "test", "podinfo", "podinfo-abc", ""));
        assertThat(inbound.requests()).isEqualTo(1);
        assertThat(inbound.statuses().get(0).cumulativeBuckets()).containsExactly(0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(inbound.statuses().get(0).latencySumMs()).isEqualTo(60.0);
    }
}
