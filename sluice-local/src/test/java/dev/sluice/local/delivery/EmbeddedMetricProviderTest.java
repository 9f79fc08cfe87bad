package dev.sluice.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.delivery.metrics.BuiltinQueries;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.metrics.QueryVariables;
import dev.sluice.delivery.metrics.template.GoTemplate;
import dev.sluice.local.mesh.metrics.GoldenMetrics;
import dev.sluice.local.mesh.metrics.MetricsHistory;
import dev.sluice.local.mesh.metrics.Recorder;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.ServiceRef;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricProviderTest {

    final ManualClock clock = ManualClock.atEpochOfTests();
    final GoldenMetrics metrics = new GoldenMetrics();
    final MetricsHistory history = MetricsHistory.of(metrics, clock, Duration.ofMinutes(5));
    final EmbeddedMetricProvider provider = new EmbeddedMetricProvider(history);
    final Recorder canary = metrics.recorder(new ServiceRef("test", "podinfo-canary"),
            new Endpoint("127.0.0.1", 20002, "test", "podinfo", "podinfo-a"));

    /** {@code seconds} of traffic, scraped every 5 s: {@code ok} 3 ms successes and {@code failed} 250 ms 500s per second. */
    void traffic(int seconds, int ok, int failed) {
        for (int s = 0; s < seconds; s++) {
            if (s % 5 == 0) {
                history.scrape();
            }
            for (int i = 0; i < ok; i++) {
                canary.request();
                canary.firstByte(200, 3_000_000);
                canary.end(200, false);
            }
            for (int i = 0; i < failed; i++) {
                canary.request();
                canary.firstByte(500, 250_000_000);
                canary.end(500, true);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        history.scrape();
    }

    static String builtin(String template, String interval) throws Exception {
        return GoTemplate.parse("t", template).render(new QueryVariables("podinfo", "test", "podinfo", "podinfo",
                "podinfo", "podinfo", interval, Map.of()));
    }

    @Test
    void answersTheRenderedLinkerdBuiltinsAsTheHistoryComputesThem() throws Exception {
        traffic(120, 95, 5);
        MetricResult rate = provider.query(builtin(BuiltinQueries.LINKERD.successRate(), "1m"));
        assertThat(((MetricResult.Value) rate).value()).isCloseTo(95.0, within(0.01))
                .isEqualTo(history.successRate("test", "podinfo", Duration.ofMinutes(1)).orElseThrow());
        MetricResult p99 = provider.query(builtin(BuiltinQueries.LINKERD.duration(), "1m"));
        assertThat(((MetricResult.Value) p99).value()).isCloseTo(280.0, within(0.5));
    }

    @Test
    void understandsFlaggersOwnMultiLineLayoutAndLabelOrder() throws Exception {
        traffic(90, 99, 1);
        String flaggerLayout = """
                sum(
                    rate(
                        response_total{
                            direction="inbound",
                            classification!="failure",
                            deployment=~"podinfo",
                            namespace="test"
                        }[1m]
                    )
                )
                /
                sum(
                    rate(
                        response_total{
                            namespace="test",
                            deployment=~"podinfo",
                            direction="inbound"
                        }[1m]
                    )
                )
                * 100""";
        assertThat(((MetricResult.Value) provider.query(flaggerLayout)).value()).isCloseTo(99.0, within(0.01));
    }

    @Test
    void noTrafficIsInsufficientDataAndVectorOneIsOnline() throws Exception {
        traffic(60, 0, 0);
        MetricResult r = provider.query(builtin(BuiltinQueries.LINKERD.successRate(), "1m"));
        assertThat(r).isInstanceOf(MetricResult.InsufficientData.class);
        assertThat(((MetricResult.InsufficientData) r).describe()).isEqualTo("no values found (no inbound responses for the "
                + "success rate of deployment=~\"podinfo\" in test over 1m0s)");
        assertThat(provider.query("vector(1)")).isEqualTo(MetricResult.value(1));
        provider.checkOnline();
    }

    @Test
    void aHistoryYoungerThanTheWindowWithNoTrafficIsWarmingUpNotNoValues() throws Exception {
        traffic(30, 0, 0); // the mesh (re)started 30 s ago and has seen nothing for podinfo
        MetricResult r = provider.query(builtin(BuiltinQueries.LINKERD.successRate(), "1m"));
        assertThat(((MetricResult.InsufficientData) r).reason()).isEqualTo(MetricResult.Reason.WARMING_UP);
        assertThat(((MetricResult.InsufficientData) r).detail()).contains("shorter than 1m0s");

        traffic(30, 0, 0); // now the history covers the window: no traffic is no traffic
        r = provider.query(builtin(BuiltinQueries.LINKERD.successRate(), "1m"));
        assertThat(((MetricResult.InsufficientData) r).reason()).isEqualTo(MetricResult.Reason.NO_SERIES);
    }

    @Test
    void trafficThatAllFailedInAYoungHistoryIsNoValuesAtOnceNotWarmingUp() throws Exception {
        traffic(20, 0, 10); // only 500s since the restart: there is no success series to divide
        MetricResult r = provider.query(builtin(BuiltinQueries.LINKERD.successRate(), "1m"));
        assertThat(((MetricResult.InsufficientData) r).reason()).isEqualTo(MetricResult.Reason.NO_SERIES);
    }

    @Test
    void trafficSeenInAYoungHistoryIsAValue() throws Exception {
        traffic(20, 10, 0);
        MetricResult r = provider.query(builtin(BuiltinQueries.LINKERD.successRate(), "1m"));
        assertThat(((MetricResult.Value) r).value()).isEqualTo(100.0);
    }

    @Test
    void refusesOtherQueriesWithAHint() {
        assertThatThrownBy(() -> provider.query("sum(rate(istio_requests_total[1m]))"))
                .isInstanceOf(MetricException.class)
                .hasMessageContaining("use a MetricTemplate with a Prometheus address")
                .hasMessageContaining("istio_requests_total");
        assertThatThrownBy(() -> provider.query("sum(rate(response_total{namespace=\"test\",deployment=~\"x\","
                + "direction=\"outbound\"}[1m])) / sum(rate(response_total{namespace=\"test\",deployment=~\"x\","
                + "direction=\"outbound\"}[1m])) * 100")).isInstanceOf(MetricException.class);
    }
}
