package dev.sluice.local.mesh.metrics;

/**
 * Records one destination's traffic into its inbound series (labelled with the workload) and its
 * outbound series (labelled with the destination Service and workload). Obtained once per request
 * from {@link GoldenMetrics#recorder}; lock-free, allocation-free, safe from any thread.
 */
public final class Recorder {

    private final Series inbound;
    private final Series outbound;

    Recorder(Series inbound, Series outbound) {
        this.inbound = inbound;
        this.outbound = outbound;
    }

    /** A request stream began ({@code request_total}). */
    public void request() {
        inbound.requests.increment();
        outbound.requests.increment();
    }

    /** The response head arrived after {@code latencyNanos} ({@code response_latency_ms}, time to first byte). */
    public void firstByte(int status, long latencyNanos) {
        double ms = latencyNanos / 1_000_000.0;
        inbound.status(status).observe(ms);
        outbound.status(status).observe(ms);
    }

    /**
     * The response stream ended ({@code response_total}).
     *
     * @param failure a 5xx status or a stream that broke before its end
     */
    public void end(int status, boolean failure) {
        inbound.status(status).end(failure);
        outbound.status(status).end(failure);
    }
}
