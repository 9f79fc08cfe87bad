package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linkerd's golden metrics from Prometheus: the queries sent, and what "no data" and failures show. */
class PrometheusWorkloadStatsTest {

    private static MetricProvider answering(List<String> sent, MetricResult result) {
        return new MetricProvider() {
            @Override
            public MetricResult query(String query) {
                sent.add(query);
                return result;
            }

            @Override
            public void checkOnline() {
            }
        };
    }

    @Test
    void aDeploymentNameIsMatchedExactlyInTheRegexQueries() {
        List<String> sent = new ArrayList<>();
        new PrometheusWorkloadStats(answering(sent, MetricResult.value(1))).golden("apps", "web.v2", Duration.ofMinutes(1));

        assertThat(sent).hasSize(5);
        assertThat(sent.get(0)).isEqualTo(
                "sum(rate(response_total{namespace=\"apps\",deployment=\"web.v2\",direction=\"inbound\"}[60s]))");
        assertThat(sent.subList(1, 5)).allSatisfy(q -> assertThat(q).contains("deployment=~\"web\\\\.v2\"").contains("[60s]"));
        assertThat(sent.get(2)).startsWith("histogram_quantile(0.5, sum(rate(response_latency_ms_bucket{");
    }

    @Test
    void noTrafficIsUnknownAndAFailingPrometheusShowsDashes() {
        List<String> sent = new ArrayList<>();
        var none = new PrometheusWorkloadStats(answering(sent, MetricResult.insufficient(MetricResult.Reason.NO_SERIES)));
        assertThat(none.golden("apps", "web", Duration.ofSeconds(30))).isEmpty();
        assertThat(none.meshed("apps", "web")).isFalse();

        var down = new PrometheusWorkloadStats(new MetricProvider() {
            @Override
            public MetricResult query(String query) throws MetricException {
                throw new MetricException("connection refused");
            }

            @Override
            public void checkOnline() {
            }
        });
        assertThat(down.golden("apps", "web", Duration.ofSeconds(30))).isEmpty();
        assertThat(down.meshed("apps", "web")).isFalse();
    }
}
