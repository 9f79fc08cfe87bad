package dev.sluice.delivery.reconcile;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A metrics server for tests answering Flagger's builtin queries: the success rate for queries over
 * {@code response_total} / {@code istio_requests_total}, the P99 latency in milliseconds for duration
 * queries. Values are set per test; {@code null} answers "no values found". Records every query.
 */
final class FakeMetricsServer implements MetricProvider {

    volatile Double successRate = 100.0;
    volatile Double latencyMs = 50.0;
    volatile boolean online = true;
    final List<String> queries = new ArrayList<>();

    @Override
    public synchronized MetricResult query(String query) throws MetricException {
        queries.add(query);
        Double v = query.contains("_bucket") ? latencyMs : successRate;
        return v == null ? MetricResult.insufficient(MetricResult.Reason.NO_SERIES) : MetricResult.value(v);
    }

    @Override
    public void checkOnline() throws MetricException {
        if (!online) {
            throw new MetricException("Get \"http://prometheus:9090/api/v1/query\": connection refused");
        }
    }
}
